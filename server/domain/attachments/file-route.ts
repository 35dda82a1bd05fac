import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { PLAYABLE_VARIANT_PARAM } from '../../../shared/attachments';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/db';
import type { Clock } from '../../lib/clock';
import { recordAudit } from '../audit/audit-log';
import type { AttachmentStore } from './attachment-store';
import type { AttachmentRecord } from './attachment-repository';
import { activeViewer, readableFile, visitorReadableFile } from './file-access';
import { verifyFileLink } from './file-link';
import { showsInline } from './sniff-type';

/**
 * What every file answer carries: nothing in it runs, nothing guesses its type, nobody shares its
 * cache. The desktop's page is another site than the server (app:// in Electron, the browser
 * host's own port), so the answer may be embedded cross-origin: the signed link, not the
 * embedding page, is what grants access.
 */
export const FILE_HEADERS = {
  'content-security-policy': "default-src 'none'; sandbox",
  'x-content-type-options': 'nosniff',
  'cache-control': 'private, max-age=300',
  'cross-origin-resource-policy': 'cross-origin',
} as const;

/** A file name as Content-Disposition carries it: an ASCII fallback and the name itself (RFC 6266, RFC 8187). */
export function contentDisposition(inline: boolean, fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_').trim() || 'file';
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? 'inline' : 'attachment'}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * GET /api/files/:id?u=&e=&s= serves one stored file to the user its signed link names (file-link.ts),
 * if they may still read its conversation. Raster images and PDF inline, everything else (SVG
 * included) as a download; always sandboxed by CSP and never sniffed by the browser. Each
 * download is written to the audit log. A forged, altered or foreign link answers 403
 * `file_link_invalid`, an old one 403 `file_link_expired`.
 */
export function registerFileRoutes(app: FastifyInstance, deps: { db: Db; secret: string; clock: Clock; store: AttachmentStore }): void {
  app.get<{ Params: { id: string } }>('/api/files/:id', async (request, reply) => {
    const { db } = deps;
    const fileId = request.params.id;
    const check = verifyFileLink(deps.secret, fileId, (request.query ?? {}) as Record<string, unknown>, deps.clock());
    if (!check.ok) throw linkRefusal(check.code);
    const viewer = await activeViewer(db, check.userId);
    const found = viewer ? await readableFile(db, viewer, fileId) : null;
    if (!viewer || !found?.ok) throw new AppError('file_link_invalid', 'This file link is not valid.');
    const { file, wantsPlayable } = servedCopy(request, found.file);
    // A HEAD (Fastify answers one for every GET route) opens nothing and is not a download.
    const stream = await openStored(request, deps.store, file);
    if (stream) await recordAudit(db, {
      accountId: file.accountId, actorId: viewer.id, action: 'attachment.downloaded', targetType: 'attachment', targetId: file.id,
      details: {
        conversationId: found.conversationId, messageId: found.messageId, fileName: found.file.fileName, mimeType: file.mimeType, size: file.size,
        ...(wantsPlayable ? { variant: 'playable' } : {}),
      },
    });
    return sendStored(reply, file, stream);
  });

  /**
   * GET /api/visitor-files/:id?u=<contact id>&e=&s=: a file of a widget customer's own conversation
   * (theirs or an agent's reply), for the customer the link names; the same headers as above.
   */
  app.get<{ Params: { id: string } }>('/api/visitor-files/:id', async (request, reply) => {
    const fileId = request.params.id;
    const check = verifyFileLink(deps.secret, fileId, (request.query ?? {}) as Record<string, unknown>, deps.clock(), 'visitor');
    if (!check.ok) throw linkRefusal(check.code);
    const readable = await visitorReadableFile(deps.db, check.userId, fileId);
    if (!readable) throw new AppError('file_link_invalid', 'This file link is not valid.');
    const { file } = servedCopy(request, readable);
    return sendStored(reply, file, await openStored(request, deps.store, file));
  });
}

/**
 * The file a link asks for: the stored file itself, or with `v=playable` the copy browsers can play
 * of a sound they cannot (voice-transcoder.ts), named like the file with .ogg; not_found when no
 * such copy is kept.
 */
function servedCopy(request: FastifyRequest, file: AttachmentRecord): { file: AttachmentRecord; wantsPlayable: boolean } {
  const wantsPlayable = (request.query as Record<string, unknown> | undefined)?.[PLAYABLE_VARIANT_PARAM] === 'playable';
  if (!wantsPlayable) return { file, wantsPlayable };
  if (!file.playable) throw new AppError('not_found', 'no playable copy of this file is kept');
  const name = file.fileName ?? `${file.kind}-${file.id.slice(0, 8)}`;
  return { file: { ...file, ...file.playable, fileName: `${name.replace(/\.[^.]*$/, '')}.ogg` }, wantsPlayable };
}

function linkRefusal(code: 'file_link_invalid' | 'file_link_expired'): AppError {
  return new AppError(code, code === 'file_link_expired' ? 'This file link has expired.' : 'This file link is not valid.');
}

/** The stored bytes of a ready file (null for a HEAD, which reads nothing); not_found when they are gone. */
async function openStored(request: FastifyRequest, store: AttachmentStore, file: AttachmentRecord): Promise<Readable | null> {
  if (file.state !== 'ready' || !file.sha256 || !file.mimeType) throw new AppError('not_found', 'the file is not stored');
  const head = request.method === 'HEAD';
  const stream = head ? null : await store.get(file.sha256);
  if (head ? !(await store.has(file.sha256)) : !stream) {
    request.log.error({ fileId: file.id, sha256: file.sha256 }, 'a ready file is missing from the attachment store');
    throw new AppError('not_found', 'the file is not stored');
  }
  return stream;
}

/** Answers with a stored file: inline only for raster images and PDF, sandboxed, never sniffed. */
function sendStored(reply: FastifyReply, file: AttachmentRecord, stream: Readable | null): FastifyReply {
  const mimeType = file.mimeType ?? 'application/octet-stream';
  const inline = showsInline(mimeType);
  void reply.headers({
    ...FILE_HEADERS,
    // The type found in the bytes: never text/html or image/svg+xml, which the sniffer does not name.
    'content-type': mimeType,
    'content-length': String(file.size),
    'content-disposition': contentDisposition(inline, file.fileName ?? `${file.kind}-${file.id.slice(0, 8)}`),
  });
  return reply.send(stream ?? undefined);
}
