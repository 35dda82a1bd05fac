import { z } from 'zod';
import { describeZodError } from '../../../shared/errors';
import { attachment, inboundBody } from '../framework/describe';
import { inboundTextForm } from '../../../shared/text/inbound-text';
import type { InboundMessage } from '../framework/inbound';
import { parseSurveyButton } from '../../domain/csat/survey-buttons';

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
  reply_markup: z.looseObject({
    inline_keyboard: z.array(z.array(z.looseObject({ text: z.string(), callback_data: z.string().optional() }))).optional(),
  }).optional(),
});

/** https://core.telegram.org/bots/api#callbackquery: the customer pressed a button of an inline keyboard. */
const callbackQuerySchema = z.looseObject({
  id: z.string().min(1),
  from: userSchema,
  message: z.looseObject({ message_id: z.number(), chat: chatSchema, date: z.number().optional(), reply_markup: messageSchema.shape.reply_markup }).optional(),
  inline_message_id: z.string().optional(),
  chat_instance: z.string().optional(),
  data: z.string().optional(),
});

export const telegramUpdateSchema = z.looseObject({
  update_id: z.number(),
  message: messageSchema.optional(),
  edited_message: messageSchema.optional(),
  callback_query: callbackQuerySchema.optional(),
});

export type ParseOutcome =
  | {
    ok: true;
    message: InboundMessage | null;
    /** A pressed button to acknowledge with answerCallbackQuery (Telegram shows a spinner until then). */
    callbackQueryId?: string;
    /** Why the update was left alone on purpose (a group chat), for the log. */
    refused?: string;
    /** A pressed satisfaction survey button: an answer, never a message in the thread. */
    surveyAnswer?: { token: string; rating: number; sourceId: string };
  }
  | { ok: false; reason: string };

/**
 * Group chats are refused: a support inbox answers one person in a private chat. A message from a
 * group or supergroup is acknowledged (Telegram would otherwise send it again) and logged, never
 * stored as a customer named after the group.
 */
const isGroup = (chat: { type: string }) => chat.type === 'group' || chat.type === 'supergroup' || chat.type === 'channel';

/** The text of the pressed button, found in the keyboard the message carries; else the button's data. */
function pressedText(query: z.infer<typeof callbackQuerySchema>): string | null {
  const data = query.data;
  if (data === undefined) return null;
  const button = query.message?.reply_markup?.inline_keyboard?.flat().find((b) => b.callback_data === data);
  return button?.text ?? data;
}

function callbackQueryUpdate(query: z.infer<typeof callbackQuerySchema>): ParseOutcome {
  const chat = query.message?.chat;
  if (query.from.is_bot) return { ok: true, message: null, callbackQueryId: query.id };
  if (chat && isGroup(chat)) return { ok: true, message: null, callbackQueryId: query.id, refused: `a button pressed in a ${chat.type} chat` };
  const survey = parseSurveyButton(query.data);
  if (survey) return { ok: true, message: null, callbackQueryId: query.id, surveyAnswer: { ...survey, sourceId: `callback:${query.id}` } };
  const text = pressedText(query);
  // A game's button or an empty press: acknowledged, nothing to store.
  if (text === null) return { ok: true, message: null, callbackQueryId: query.id };
  const name = [query.from.first_name, query.from.last_name].filter(Boolean).join(' ').trim() || (query.from.username ? `@${query.from.username}` : null);
  const message: InboundMessage = {
    // One press is one callback query, however often Telegram delivers it.
    externalId: `callback:${query.id}`,
    sender: { externalId: String(chat?.id ?? query.from.id), name },
    body: inboundTextForm(text) || '[Button]',
    sentAt: null,
    quotedExternalId: chat && query.message ? `${chat.id}:${query.message.message_id}` : null,
  };
  return { ok: true, message, callbackQueryId: query.id };
}

function nameOf(chat: z.infer<typeof chatSchema>, from: z.infer<typeof userSchema> | undefined): string | null {
  const person = from && chat.type === 'private' ? from : chat;
  const full = [person.first_name, person.last_name].filter(Boolean).join(' ').trim();
  return full || chat.title || (person.username ? `@${person.username}` : null);
}

/**
 * One update normalised to our message model, or null for updates a support inbox does not take
 * (channel posts, joins, group chats). A pressed inline button (callback_query) is the customer's
 * choice: stored as their message with the button's text, once per callback query. An edited message is stored as a new message marked
 * "(edited)": what was read before stays in the thread as it was.
 */
export function parseTelegramUpdate(json: unknown): ParseOutcome {
  const parsed = telegramUpdateSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: describeZodError(parsed.error) };
  if (parsed.data.callback_query) return callbackQueryUpdate(parsed.data.callback_query);
  const edited = parsed.data.edited_message;
  const m = parsed.data.message ?? edited;
  if (!m || m.from?.is_bot) return { ok: true, message: null };
  if (isGroup(m.chat)) return { ok: true, message: null, refused: `a message in a ${m.chat.type} chat` };
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
