import { DEFAULT_API_BASE_URLS } from '../../../shared/channels';
import type { Attachment } from '../../../shared/domain';
import type { MessageChoice } from '../../domain/conversations/message-choices';
import { fitTitle, looksChinese } from '../framework/choice-buttons';
import { attachmentOf } from '../framework/describe';
import { callPlatform, DeliveryError, fileBlob, joinUrl, retryableStatus, retryAfterMs, type ChannelSender, type OutboundContext, type OutboundFile, type PlatformResponse, type SendResult } from '../framework/outbound';

/** Graph API error codes that say "later": throttling and Meta's own temporary failures. */
const RETRYABLE_CODES = new Set([1, 2, 4, 17, 341, 80007, 130429, 131000, 131016, 131048, 131056, 133004]);

/** The Cloud API's limits on interactive messages (characters). */
const LIMITS = { buttons: 3, rows: 10, buttonTitle: 20, rowTitle: 24, rowDescription: 72, body: 1024, listBody: 4096 } as const;

/**
 * Picks as an interactive message: up to 3 as reply buttons, up to 10 as a list; null when they do
 * not fit (more than 10, or a body too long), so the reply goes as text with its numbered options.
 */
export function whatsappInteractive(body: string, choices: readonly MessageChoice[]): Record<string, unknown> | null {
  if (choices.length === 0 || choices.length > LIMITS.rows) return null;
  const length = [...body].length;
  if (length === 0) return null;
  if (choices.length <= LIMITS.buttons && length <= LIMITS.body) {
    return {
      type: 'button',
      body: { text: body },
      action: { buttons: choices.map((c, i) => ({ type: 'reply', reply: { id: c.id ?? `choice:${i + 1}`, title: fitTitle(c.title, LIMITS.buttonTitle) } })) },
    };
  }
  if (length > LIMITS.listBody) return null;
  const rows = choices.map((c, i) => {
    const title = fitTitle(c.title, LIMITS.rowTitle);
    return { id: c.id ?? `choice:${i + 1}`, title, ...(title !== c.title.trim() ? { description: fitTitle(c.title, LIMITS.rowDescription) } : {}) };
  });
  return { type: 'list', body: { text: body }, action: { button: looksChinese(body) ? '请选择' : 'Choose', sections: [{ rows }] } };
}

/** The Cloud API message object for a reply: text (with its picks as buttons or a list), or media by link or id, or a location. */
export function whatsappMessageBody(to: string, body: string, a: Attachment | null, choices: readonly MessageChoice[] = []): Record<string, unknown> {
  const envelope = { messaging_product: 'whatsapp', recipient_type: 'individual', to };
  const media = (extra: Record<string, unknown>) => ({ ...(a?.url ? { link: a.url } : { id: a?.mediaId }), ...extra });
  if (a && a.kind === 'location' && a.latitude !== null && a.longitude !== null) {
    return { ...envelope, type: 'location', location: { latitude: a.latitude, longitude: a.longitude, ...(a.label ? { name: a.label } : {}) } };
  }
  if (a && (a.url || a.mediaId)) {
    const caption = a.caption ?? (body.startsWith('[') ? undefined : body);
    if (a.kind === 'image') return { ...envelope, type: 'image', image: media(caption ? { caption } : {}) };
    if (a.kind === 'document' || a.kind === 'file') {
      return { ...envelope, type: 'document', document: media({ ...(a.fileName ? { filename: a.fileName } : {}), ...(caption ? { caption } : {}) }) };
    }
  }
  const interactive = a ? null : whatsappInteractive(body, choices);
  if (interactive) return { ...envelope, type: 'interactive', interactive };
  return { ...envelope, type: 'text', text: { preview_url: false, body } };
}

type GraphError = { message?: string; code?: number; error_subcode?: number; error_data?: { details?: string } };

function graphReason(error: GraphError | undefined, status: number): string {
  if (!error) return `WhatsApp answered HTTP ${status}`;
  const code = error.code !== undefined ? ` (#${error.code})` : '';
  const details = error.error_data?.details;
  return `${error.message ?? 'WhatsApp error'}${code}${details ? `: ${details}` : ''}`;
}

/** A Graph API error answer as a DeliveryError: the platform's words, retryable for throttling and Meta's own failures. */
export function graphFailure(response: PlatformResponse): DeliveryError {
  const error = ((response.json ?? {}) as { error?: GraphError }).error;
  const retryable = retryableStatus(response.status) || (error?.code !== undefined && RETRYABLE_CODES.has(error.code));
  return new DeliveryError(graphReason(error, response.status), retryable, retryAfterMs(response.headers));
}

/** The channel's Graph API address, version included (a test's recording server, or Meta's own). */
export function graphBase(channel: OutboundContext['channel']): string {
  return typeof channel.config.apiBaseUrl === 'string' ? channel.config.apiBaseUrl : DEFAULT_API_BASE_URLS.whatsapp;
}

/**
 * Uploads an agent's file to the Cloud API (`POST {base}/{phone-number-id}/media`, multipart with
 * `messaging_product`, `type` and `file`) and answers the media id WhatsApp gives it.
 */
export async function uploadWhatsAppMedia(base: string, phoneNumberId: string, token: string, file: OutboundFile, signal: AbortSignal): Promise<string> {
  const form = new FormData();
  form.append('messaging_product', 'whatsapp');
  form.append('type', file.mimeType);
  form.append('file', await fileBlob(file), file.fileName);
  const response = await callPlatform(
    joinUrl(base, `${encodeURIComponent(phoneNumberId)}/media`),
    { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form, signal },
    'WhatsApp',
  );
  const id = ((response.json ?? {}) as { id?: unknown }).id;
  if (response.status >= 200 && response.status < 300 && typeof id === 'string' && id) return id;
  if (response.status >= 200 && response.status < 300) throw new DeliveryError('WhatsApp accepted the file without a media id', false);
  throw graphFailure(response);
}

/**
 * Replies through the Cloud API: `POST {base}/{phone-number-id}/messages` with the channel's access
 * token. A reply with an agent's file uploads it first and sends the message with the media id.
 */
export const whatsappSender: ChannelSender = {
  async send({ channel, recipient, message, signal }: OutboundContext): Promise<SendResult> {
    const base = graphBase(channel);
    const phoneNumberId = String(channel.config.phoneNumberId ?? '');
    const token = channel.secrets.accessToken;
    if (!phoneNumberId || !token) throw new DeliveryError('the WhatsApp channel has no phone number id or access token', false);
    let attachment = message.attachment;
    if (message.file) {
      const mediaId = await uploadWhatsAppMedia(base, phoneNumberId, token, message.file, signal);
      attachment = { ...(attachment ?? attachmentOf(message.file)), kind: message.file.kind, mediaId, url: null, fileName: message.file.fileName };
    }
    const response = await callPlatform(
      joinUrl(base, `${encodeURIComponent(phoneNumberId)}/messages`),
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(whatsappMessageBody(recipient.externalId, message.body, attachment, message.choices)),
        signal,
      },
      'WhatsApp',
    );
    const json = (response.json ?? {}) as { messages?: { id?: string }[]; error?: GraphError };
    if (response.status >= 200 && response.status < 300) {
      const id = json.messages?.[0]?.id;
      if (!id) throw new DeliveryError('WhatsApp accepted the reply without a message id', false);
      return { externalId: id };
    }
    throw graphFailure(response);
  },
};
