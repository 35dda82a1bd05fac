import { z } from 'zod';
import { attachmentFileStateSchema, attachmentSchema, idSchema, MAX_MESSAGE_LENGTH } from './domain';

/**
 * Customers' files as the server keeps them: how a workstation asks for one and hears that one
 * arrived. The bytes never travel over the socket: the desktop asks for a short-lived signed link
 * (`attachments:url`) and loads it like any other address.
 */

/** How long a signed file link works after it was issued (ms). */
export const FILE_LINK_TTL_MS = 5 * 60_000;

/** `attachments:url`: a link to one stored file, for someone who may read its conversation. */
export const attachmentUrlRequestSchema = z
  .object({
    fileId: idSchema,
    /** 'playable': the copy browsers can play of a sound they cannot (Attachment.playable); the file itself otherwise. */
    variant: z.enum(['original', 'playable']).optional(),
  })
  .strict();

/** The query parameter of a file link that asks for the playable copy. */
export const PLAYABLE_VARIANT_PARAM = 'v';
export const attachmentUrlResultSchema = z.object({
  /** `/api/files/<id>?…` with its signature, relative to the server's address as the desktop reaches it. */
  url: z.string().startsWith('/api/files/'),
  /** When the link stops working (ISO 8601); ask again after. */
  expiresAt: z.string(),
});
export type AttachmentUrlResult = z.infer<typeof attachmentUrlResultSchema>;

/**
 * Pushed on the /agent namespace to those who may read the conversation when a customer's file
 * changed state (stored, refused, given up on), so a thumbnail or a file card can appear. Outside
 * the sync stream: `messages:list` and sync pages carry the same state on `Message.attachment`.
 */
export const MESSAGE_ATTACHMENT_PUSH = 'message:attachment';
export const messageAttachmentPushSchema = z.object({
  conversationId: idSchema,
  messageId: idSchema,
  attachment: attachmentSchema,
});
export type MessageAttachmentPush = z.infer<typeof messageAttachmentPushSchema>;

/**
 * An agent's or a widget customer's file, kept by the server for the message that will send it
 * (`POST /api/conversations/:id/uploads?name=…`, `POST /api/visitor/uploads?name=…`): the raw bytes
 * as the body. The answer names the file for `message:send` (`attachmentIds`) or `visitor:send`.
 */
export const uploadResultSchema = z.object({
  fileId: idSchema,
  fileName: z.string(),
  /** What the server found in the bytes (never what the name claimed). */
  mimeType: z.string(),
  size: z.number().int().nonnegative(),
});
export type UploadResult = z.infer<typeof uploadResultSchema>;

/** A file's name as an upload names it: a plain name, no folders, at most 200 characters. */
export const uploadNameSchema = z
  .string()
  .transform((name) => [...name.replace(/^.*[\\/]/, '')].filter((c) => c.charCodeAt(0) >= 0x20 && c !== '\u007f').join('').trim())
  .pipe(z.string().min(1, 'the file needs a name').max(200, 'the file name is too long'));

/** A file's type as the composer read it (the server sniffs the bytes again); empty: unknown bytes. */
export const mimeTypeSchema = z
  .string()
  .max(200)
  .transform((type) => type.trim().toLowerCase() || 'application/octet-stream');

/** A message's text when it may carry a file: the caption, empty when only the file goes. */
export const captionBodySchema = z.string().transform((s) => s.trim()).pipe(z.string().max(MAX_MESSAGE_LENGTH, 'message is too long'));
/** Uploads a message sends (one file a message). */
export const attachmentIdsSchema = z.array(idSchema).max(1, 'one file a message').optional();

/** A message with neither text nor a file is refused as empty (`message:send`, `visitor:send`). */
export const notEmpty: [(m: { body: string; attachmentIds?: string[] | undefined }) => boolean, { message: string; path: string[] }] = [
  (m) => m.body.length > 0 || (m.attachmentIds?.length ?? 0) > 0,
  { message: 'message is empty', path: ['body'] },
];

/** A file as the widget customer sees it on a message: a picture shown inline, or a file card. */
export const visitorFileSchema = z.object({
  fileId: idSchema,
  kind: z.enum(['image', 'document']),
  fileName: z.string().nullable(),
  mimeType: z.string().nullable(),
  size: z.number().int().nonnegative().nullable(),
  state: attachmentFileStateSchema,
  /** The text sent with it (shown instead of the message's description of the file). */
  caption: z.string().nullable(),
});
export type VisitorFile = z.infer<typeof visitorFileSchema>;

/** The most one widget customer's files may take on the server in all (bytes). */
export const VISITOR_QUOTA_BYTES = 50 * 1024 * 1024;

/** How a file's bytes travel in JSON (the browser host's WebSocket): `{ $bytes: <base64> }`. */
export const JSON_BYTES_KEY = '$bytes';

/** A JSON.stringify replacer that writes a Uint8Array as `{ $bytes: <base64> }`. */
export function bytesAsJson(_key: string, value: unknown): unknown {
  if (!(value instanceof Uint8Array)) return value;
  let binary = '';
  for (let i = 0; i < value.length; i += 0x8000) binary += String.fromCharCode(...value.subarray(i, i + 0x8000));
  return { [JSON_BYTES_KEY]: btoa(binary) };
}

function bytesFromJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return value;
  const encoded = (value as Record<string, unknown>)[JSON_BYTES_KEY];
  if (typeof encoded !== 'string') return value;
  try {
    return Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
  } catch {
    return value;
  }
}

/**
 * A file's bytes crossing the contract: a Uint8Array (Electron's structured clone keeps it), or
 * `{ $bytes: <base64> }` as JSON carries one (the browser host), read back into one.
 */
export const fileBytesSchema = z.preprocess(
  bytesFromJson,
  z.instanceof(Uint8Array).refine((b) => b.length > 0, 'the file is empty'),
  // Callers hand a Uint8Array; only the wire carries the JSON form.
) as unknown as z.ZodType<Uint8Array, Uint8Array>;
