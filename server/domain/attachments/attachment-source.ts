import { z } from 'zod';
import type { Attachment, ChannelKind } from '../../../shared/domain';

/**
 * Where a customer's file is to be had (the `source` column): the channel's platform API by the
 * platform's id for it (WhatsApp media id, Telegram file_id, WeChat MediaId), a link an API
 * channel's app sent, or nowhere but the message itself (email: the bytes came with the mail and
 * are stored at once), or an upload (an agent's or a widget customer's file, stored as it came).
 */
export const attachmentSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('platform'), mediaId: z.string().min(1).max(2000) }),
  z.object({ kind: z.literal('url'), url: z.string().min(1).max(2000) }),
  z.object({ kind: z.literal('inline') }),
  z.object({ kind: z.literal('upload') }),
]);
export type AttachmentSource = z.infer<typeof attachmentSourceSchema>;

/** Kinds of attachment that are a file somewhere (a location is not). */
const FILE_KINDS: ReadonlySet<Attachment['kind']> = new Set(['image', 'document', 'voice', 'audio', 'video', 'sticker', 'file']);

/** Channels whose platform API hands out a message's media by the id in its webhook. */
const PLATFORM_MEDIA: ReadonlySet<ChannelKind> = new Set(['whatsapp', 'telegram', 'wechat']);

/**
 * Where to fetch the file an inbound attachment names, by the channel it came on; null when there
 * is nothing to fetch (a location, an attachment without an id or link, a channel whose files
 * arrive with the message).
 */
export function fetchSourceOf(channelKind: ChannelKind, a: Attachment | null | undefined): AttachmentSource | null {
  if (!a || !FILE_KINDS.has(a.kind)) return null;
  if (PLATFORM_MEDIA.has(channelKind)) return a.mediaId ? { kind: 'platform', mediaId: a.mediaId } : null;
  if (channelKind === 'api') return a.url ? { kind: 'url', url: a.url } : null;
  return null;
}
