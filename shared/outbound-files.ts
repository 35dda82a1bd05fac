import type { ChannelKind } from './domain';
import type { AppErrorShape } from './errors';

/**
 * What each channel takes when an agent (or a widget customer) sends a file, as each platform
 * documents it. Checked on the server before a message is stored (the authority) and in the
 * composer before anything is queued (so the agent hears at once); a refused file is never sent.
 */

const MB = 1024 * 1024;

/** How a file goes out on a channel: as a picture (shown inline) or as a document (a file card). */
export type OutboundFileKind = 'image' | 'document';

/** One kind of file a channel takes: the types it accepts (null: any) and the largest it takes. */
export type FileRule = { mimeTypes: readonly string[] | null; maxBytes: number };

/** A channel's rules: images first (a picture that fits goes as one), then documents (null: none at all). */
export type ChannelFileRules = { image: FileRule | null; document: FileRule | null };

/** Raster images a browser shows without running anything (the widget and the desktop show these inline). */
export const INLINE_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp', 'image/avif'] as const;

/** WhatsApp Cloud API documents (Media reference: supported document types). */
const WHATSAPP_DOCUMENTS = [
  'text/plain', 'application/pdf', 'application/msword', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
];

/** The largest file the widget takes either way (ours, not a platform's). */
export const WIDGET_MAX_FILE_BYTES = 20 * MB;

export const CHANNEL_FILE_RULES: Record<ChannelKind, ChannelFileRules> = {
  // Cloud API media: images JPEG/PNG up to 5 MB, documents of the listed types up to 100 MB.
  whatsapp: { image: { mimeTypes: ['image/jpeg', 'image/png'], maxBytes: 5 * MB }, document: { mimeTypes: WHATSAPP_DOCUMENTS, maxBytes: 100 * MB } },
  // Bot API: sendPhoto up to 10 MB (JPEG, PNG, WebP); sendDocument up to 50 MB of anything, uploaded multipart.
  telegram: { image: { mimeTypes: ['image/jpeg', 'image/png', 'image/webp'], maxBytes: 10 * MB }, document: { mimeTypes: null, maxBytes: 50 * MB } },
  // Temporary media (media/upload) for 客服消息: images PNG/JPEG/GIF up to 10 MB. An official account's
  // customer-service message has no file type, so documents cannot reach a WeChat customer.
  wechat: { image: { mimeTypes: ['image/png', 'image/jpeg', 'image/gif'], maxBytes: 10 * MB }, document: null },
  // Mail servers commonly refuse messages over 25 MB (Gmail, Outlook); attachments of any type.
  email: { image: { mimeTypes: INLINE_IMAGE_TYPES, maxBytes: 25 * MB }, document: { mimeTypes: null, maxBytes: 25 * MB } },
  widget: { image: { mimeTypes: INLINE_IMAGE_TYPES, maxBytes: WIDGET_MAX_FILE_BYTES }, document: { mimeTypes: null, maxBytes: WIDGET_MAX_FILE_BYTES } },
  // An API channel's app gets text only; it has no documented way to take a file from us.
  api: { image: null, document: null },
};

/** Why a file cannot go out on a channel, or how it goes. */
export type FileVerdict =
  | { ok: true; kind: OutboundFileKind }
  | { ok: false; code: 'attachment_too_large'; maxBytes: number }
  | { ok: false; code: 'attachment_type_refused' };

const accepts = (rule: FileRule | null, mimeType: string) => rule !== null && (rule.mimeTypes === null || rule.mimeTypes.includes(mimeType));

/**
 * How a file of `mimeType` and `size` goes out on `channel`: as an image when the channel takes it
 * as one, else as a document; refused when the channel takes no such file, or not one this large.
 */
export function checkOutboundFile(channel: ChannelKind, mimeType: string, size: number): FileVerdict {
  const rules = CHANNEL_FILE_RULES[channel];
  const kind: OutboundFileKind | null = accepts(rules.image, mimeType) ? 'image' : accepts(rules.document, mimeType) ? 'document' : null;
  if (!kind) return { ok: false, code: 'attachment_type_refused' };
  const rule = rules[kind]!;
  if (size > rule.maxBytes) return { ok: false, code: 'attachment_too_large', maxBytes: rule.maxBytes };
  return { ok: true, kind };
}

/** A size in words a person reads (e.g. "5 MB", "640 KB"). */
export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${Number((bytes / MB).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/** The channel's name as the refusal's details carry it. */
export const CHANNEL_NAMES: Record<ChannelKind, string> = {
  whatsapp: 'WhatsApp', telegram: 'Telegram', wechat: 'WeChat', email: 'Email', widget: 'Web chat', api: 'API',
};

/**
 * Why a file of `mimeType` and `size` cannot go out on `channel`, as the error the composer shows
 * (the channel's name, and its largest size or the refused type); null when it may go.
 */
export function outboundFileRefusal(channel: ChannelKind, mimeType: string, size: number): AppErrorShape | null {
  const verdict = checkOutboundFile(channel, mimeType, size);
  if (verdict.ok) return null;
  const details: Record<string, string> =
    verdict.code === 'attachment_too_large'
      ? { channel: CHANNEL_NAMES[channel], maxSize: formatBytes(verdict.maxBytes) }
      : { channel: CHANNEL_NAMES[channel], type: mimeType };
  return { code: verdict.code, message: `${CHANNEL_NAMES[channel]} refuses this file`, details };
}
