import type { Attachment, ChannelKind } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { CHANNEL_NAMES, checkOutboundFile, formatBytes } from '../../../shared/outbound-files';
import type { Queryable } from '../../db/db';
import { describeAttachment } from '../../channels/framework/describe';
import { attachUpload, lockSendableUpload, type AttachmentRecord, type UploadOwner } from './attachment-repository';

/** An upload a message is about to send: the stored row and the attachment the message carries. */
export type OutgoingFile = { file: AttachmentRecord; attachment: Attachment };

/**
 * The upload `fileId` as `owner` may send it on a `channel` conversation, row-locked until the
 * message takes it. Refuses with `not_found` (not theirs, not for this conversation, already sent,
 * not stored), `attachment_type_refused` or `attachment_too_large` (the channel's documented
 * limits, shared/outbound-files.ts): nothing is stored, nothing is sent.
 */
export async function outgoingFile(tx: Queryable, owner: UploadOwner, fileId: string, channel: ChannelKind, caption: string): Promise<OutgoingFile> {
  const file = await lockSendableUpload(tx, fileId, owner);
  if (!file || !file.mimeType || file.size === null) throw new AppError('not_found', 'This file was not uploaded for this conversation, or it was sent already.');
  const verdict = checkOutboundFile(channel, file.mimeType, file.size);
  const name = CHANNEL_NAMES[channel];
  if (!verdict.ok && verdict.code === 'attachment_too_large') {
    const maxSize = formatBytes(verdict.maxBytes);
    throw new AppError('attachment_too_large', `${name} takes files up to ${maxSize}; this one is ${formatBytes(file.size)}.`, { channel: name, maxSize });
  }
  if (!verdict.ok) throw new AppError('attachment_type_refused', `${name} does not take ${file.mimeType} files.`, { channel: name, type: file.mimeType });
  const attachment: Attachment = {
    kind: verdict.kind, mediaId: null, url: null, mimeType: file.mimeType, fileName: file.fileName, size: file.size,
    caption: caption || null, latitude: null, longitude: null, label: null,
  };
  return { file, attachment };
}

/** The stored body of a message that sends a file: "[Photo: shot.png, 12 KB] caption", as inbound files read. */
export function fileMessageBody(outgoing: OutgoingFile): string {
  return describeAttachment(outgoing.attachment);
}

/** The message just stored takes the upload as its file. */
export function attachOutgoingFile(tx: Queryable, outgoing: OutgoingFile, messageId: string): Promise<void> {
  return attachUpload(tx, outgoing.file.id, messageId, outgoing.attachment.kind);
}

/** The kind of channel a conversation is on. */
export async function channelKindOf(tx: Queryable, channelId: string): Promise<ChannelKind> {
  const rows = await tx.query<{ kind: ChannelKind }>('SELECT kind FROM channels WHERE id = $1', [channelId]);
  if (!rows[0]) throw new AppError('not_found', 'the conversation’s channel no longer exists');
  return rows[0].kind;
}
