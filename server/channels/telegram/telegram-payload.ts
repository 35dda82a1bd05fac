import { z } from 'zod';
import { describeZodError } from '../../../shared/errors';
import { attachment, inboundBody } from '../framework/describe';
import { inboundTextForm } from '../../../shared/text/inbound-text';
import type { InboundMessage } from '../framework/inbound';

/** The parts of a Telegram Bot API `Update` (https://core.telegram.org/bots/api#update) a support inbox reads. */
const userSchema = z.looseObject({
  id: z.number(),
  is_bot: z.boolean().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  username: z.string().optional(),
});

const chatSchema = z.looseObject({
  id: z.number(),
  type: z.string(),
  title: z.string().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  username: z.string().optional(),
});

const fileSchema = z.looseObject({
  file_id: z.string(),
  file_unique_id: z.string().optional(),
  file_size: z.number().optional(),
  file_name: z.string().optional(),
  mime_type: z.string().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
  duration: z.number().optional(),
});

const messageSchema = z.looseObject({
  message_id: z.number(),
  from: userSchema.optional(),
  chat: chatSchema,
  date: z.number(),
  edit_date: z.number().optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  photo: z.array(fileSchema).optional(),
  document: fileSchema.optional(),
  voice: fileSchema.optional(),
  audio: fileSchema.optional(),
  video: fileSchema.optional(),
  sticker: fileSchema.extend({ emoji: z.string().optional() }).optional(),
  location: z.looseObject({ latitude: z.number(), longitude: z.number() }).optional(),
  venue: z.looseObject({ title: z.string().optional(), address: z.string().optional() }).optional(),
  contact: z.looseObject({ phone_number: z.string(), first_name: z.string().optional(), user_id: z.number().optional() }).optional(),
});

export const telegramUpdateSchema = z.looseObject({
  update_id: z.number(),
  message: messageSchema.optional(),
  edited_message: messageSchema.optional(),
});

export type ParseOutcome = { ok: true; message: InboundMessage | null } | { ok: false; reason: string };

function nameOf(chat: z.infer<typeof chatSchema>, from: z.infer<typeof userSchema> | undefined): string | null {
  const person = from && chat.type === 'private' ? from : chat;
  const full = [person.first_name, person.last_name].filter(Boolean).join(' ').trim();
  return full || chat.title || (person.username ? `@${person.username}` : null);
}

/**
 * One update normalised to our message model, or null for updates a support inbox does not take
 * (callback queries, channel posts, joins). An edited message is stored as a new message marked
 * "(edited)": what was read before stays in the thread as it was.
 */
export function parseTelegramUpdate(json: unknown): ParseOutcome {
  const parsed = telegramUpdateSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: describeZodError(parsed.error) };
  const edited = parsed.data.edited_message;
  const m = parsed.data.message ?? edited;
  if (!m || m.from?.is_bot) return { ok: true, message: null };
  const externalId = edited ? `${m.chat.id}:${m.message_id}:edit:${m.edit_date ?? parsed.data.update_id}` : `${m.chat.id}:${m.message_id}`;
  // A contact the user shared as their own is a phone number Telegram verified for that account.
  const ownContact = m.contact && m.from && m.contact.user_id === m.from.id ? m.contact.phone_number : null;
  const sender = { externalId: String(m.chat.id), name: nameOf(m.chat, m.from), verifiedPhone: ownContact };
  const base = { externalId, sender, sentAt: m.date * 1000 };
  const caption = m.caption ?? null;
  const file = (kind: 'image' | 'document' | 'voice' | 'audio' | 'video' | 'sticker', f: z.infer<typeof fileSchema>) =>
    attachment({ kind, mediaId: f.file_id, mimeType: f.mime_type ?? null, fileName: f.file_name ?? null, size: f.file_size ?? null, caption });
  let a: InboundMessage['attachment'] = null;
  let text: string | null = m.text ?? null;
  if (m.photo && m.photo.length > 0) a = file('image', m.photo.reduce((big, p) => ((p.file_size ?? 0) >= (big.file_size ?? 0) ? p : big)));
  else if (m.document) a = file('document', m.document);
  else if (m.voice) a = file('voice', m.voice);
  else if (m.audio) a = file('audio', m.audio);
  else if (m.video) a = file('video', m.video);
  else if (m.sticker) a = attachment({ kind: 'sticker', mediaId: m.sticker.file_id, caption: m.sticker.emoji ?? null });
  else if (m.location) {
    const label = m.venue ? [m.venue.title, m.venue.address].filter(Boolean).join(', ') || null : null;
    a = attachment({ kind: 'location', latitude: m.location.latitude, longitude: m.location.longitude, label });
  } else if (m.contact) text = `[Contact: ${[m.contact.first_name, m.contact.phone_number].filter(Boolean).join(' ')}]`;
  let body = a ? inboundBody(null, a) : inboundTextForm(text ?? '');
  if (!body) body = '[Unsupported message]';
  if (edited) body = inboundTextForm(`(edited) ${body}`);
  return { ok: true, message: { ...base, body, attachment: a } };
}
