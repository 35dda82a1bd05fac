import { DEFAULT_API_BASE_URLS } from '../../../shared/channels';
import type { Attachment } from '../../../shared/domain';
import type { MessageChoice } from '../../domain/conversations/message-choices';
import { fitBytes, fitTitle } from '../framework/choice-buttons';
import { callPlatform, DeliveryError, fileBlob, joinUrl, retryableStatus, type ChannelSender, type OutboundContext, type OutboundFile, type SendResult } from '../framework/outbound';

/** Telegram's limit on callback_data (bytes). */
const CALLBACK_DATA_BYTES = 64;

/**
 * Picks as an inline keyboard, one button a row. Pressing one sends its callback_data back: the
 * pick's reply when it fits Telegram's 64 bytes, else its number (the bot reads both).
 */
export function telegramKeyboard(choices: readonly MessageChoice[]): { inline_keyboard: { text: string; callback_data: string }[][] } {
  return {
    inline_keyboard: choices.map((choice, i) => {
      const data = choice.id !== undefined && Buffer.byteLength(choice.id, 'utf8') <= CALLBACK_DATA_BYTES
        ? choice.id
        : Buffer.byteLength(choice.reply, 'utf8') <= CALLBACK_DATA_BYTES ? choice.reply : fitBytes(String(i + 1), CALLBACK_DATA_BYTES);
      return [{ text: fitTitle(choice.title, 64), callback_data: data }];
    }),
  };
}

/** The Bot API method and its parameters for a reply: sendMessage, or sendPhoto/sendDocument/sendLocation for what it carries. */
export function telegramCall(
  chatId: string,
  body: string,
  a: Attachment | null,
  choices: readonly MessageChoice[] = [],
): { method: string; params: Record<string, unknown> } {
  const chat_id = /^-?\d+$/.test(chatId) ? Number(chatId) : chatId;
  const file = a?.url ?? a?.mediaId;
  const caption = a?.caption ?? (body.startsWith('[') ? undefined : body);
  if (a?.kind === 'location' && a.latitude !== null && a.longitude !== null) {
    return { method: 'sendLocation', params: { chat_id, latitude: a.latitude, longitude: a.longitude } };
  }
  if (a && file && a.kind === 'image') return { method: 'sendPhoto', params: { chat_id, photo: file, ...(caption ? { caption } : {}) } };
  if (a && file && (a.kind === 'document' || a.kind === 'file')) {
    return { method: 'sendDocument', params: { chat_id, document: file, ...(caption ? { caption } : {}) } };
  }
  return { method: 'sendMessage', params: { chat_id, text: body, ...(choices.length > 0 ? { reply_markup: telegramKeyboard(choices) } : {}) } };
}

/** The channel's Bot API address (a test's recording server, or Telegram's own). */
export function apiBase(channel: OutboundContext['channel']): string {
  return typeof channel.config.apiBaseUrl === 'string' ? channel.config.apiBaseUrl : DEFAULT_API_BASE_URLS.telegram;
}

/**
 * Acknowledges a pressed inline button (answerCallbackQuery), which stops the button's spinner on
 * the customer's screen. Throws DeliveryError when Telegram refuses.
 */
export async function answerCallbackQuery(channel: OutboundContext['channel'], callbackQueryId: string, signal: AbortSignal, text?: string): Promise<void> {
  const token = channel.secrets.botToken;
  if (!token) throw new DeliveryError('the Telegram channel has no bot token', false);
  const response = await callPlatform(
    joinUrl(apiBase(channel), `bot${token}/answerCallbackQuery`),
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ callback_query_id: callbackQueryId, ...(text ? { text } : {}) }), signal },
    'Telegram',
  );
  const answer = (response.json ?? {}) as BotApiAnswer;
  if (response.status < 200 || response.status >= 300 || answer.ok !== true) {
    throw new DeliveryError(answer.description ?? `Telegram answered HTTP ${response.status}`, retryableStatus(response.status));
  }
}

type BotApiAnswer = { ok?: boolean; result?: { message_id?: number }; error_code?: number; description?: string; parameters?: { retry_after?: number } };

/**
 * The Bot API call for an agent's file, as multipart (Telegram's way of uploading one):
 * sendPhoto with `photo` or sendDocument with `document`, `chat_id` and the caption.
 */
export async function telegramFileCall(chatId: string, file: OutboundFile, caption: string | null): Promise<{ method: string; form: FormData }> {
  const form = new FormData();
  form.append('chat_id', chatId);
  const field = file.kind === 'image' ? 'photo' : 'document';
  form.append(field, await fileBlob(file), file.fileName);
  if (caption) form.append('caption', caption);
  return { method: file.kind === 'image' ? 'sendPhoto' : 'sendDocument', form };
}

/**
 * Replies through the Bot API: `POST {base}/bot<token>/<method>` with JSON parameters, or multipart
 * when the reply carries an agent's file.
 */
export const telegramSender: ChannelSender = {
  async send({ channel, recipient, message, signal }: OutboundContext): Promise<SendResult> {
    const base = apiBase(channel);
    const token = channel.secrets.botToken;
    if (!token) throw new DeliveryError('the Telegram channel has no bot token', false);
    let call: { method: string; init: RequestInit };
    if (message.file) {
      const { method, form } = await telegramFileCall(recipient.externalId, message.file, message.attachment?.caption ?? null);
      call = { method, init: { body: form } };
    } else {
      const { method, params } = telegramCall(recipient.externalId, message.body, message.attachment, message.choices);
      call = { method, init: { headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) } };
    }
    const response = await callPlatform(joinUrl(base, `bot${token}/${call.method}`), { method: 'POST', ...call.init, signal }, 'Telegram');
    const answer = (response.json ?? {}) as BotApiAnswer;
    if (response.status >= 200 && response.status < 300 && answer.ok === true) {
      const id = answer.result?.message_id;
      return { externalId: typeof id === 'number' ? `${recipient.externalId}:${id}` : null };
    }
    const reason = answer.description ?? `Telegram answered HTTP ${response.status}`;
    const retryAfter = answer.parameters?.retry_after;
    throw new DeliveryError(reason, retryableStatus(response.status), retryAfter !== undefined ? retryAfter * 1000 : undefined);
  },
};
