import { PLAYABLE_VARIANT_PARAM } from '../../../shared/attachments';
import { AppError } from '../../../shared/errors';
import { readableFile } from '../../domain/attachments/file-access';
import { signFileLink } from '../../domain/attachments/file-link';
import type { AgentRequestContext } from './agent-request-context';

/** Customers' files: a short-lived signed link to one, for someone who may read its conversation. */
export function registerAttachmentRequests({ serve, user, services }: AgentRequestContext): void {
  serve('attachments:url', async ({ fileId, variant }) => {
    const { db, clock, fileLinkSecret } = services;
    if (!fileLinkSecret) throw new AppError('not_found', 'this server keeps no files');
    const found = await readableFile(db, user, fileId);
    if (!found.ok && found.reason === 'forbidden') throw new AppError('forbidden', 'this conversation is assigned to someone else');
    if (!found.ok) throw new AppError('not_found', 'file not found');
    if (found.file.state !== 'ready') throw new AppError('conflict', `the file is not stored (${found.file.state})`);
    if (variant === 'playable' && !found.file.playable) throw new AppError('not_found', 'no playable copy of this file is kept');
    const link = signFileLink(fileLinkSecret, fileId, user.id, clock());
    const url = variant === 'playable' ? `${link.path}&${PLAYABLE_VARIANT_PARAM}=playable` : link.path;
    return { url, expiresAt: new Date(link.expiresAtMs).toISOString() };
  });
}
