import { DEFAULT_API_BASE_URLS } from '../../../shared/channels';
import type { Attachment } from '../../../shared/domain';
import { callPlatform, DeliveryError, joinUrl, retryableStatus, retryAfterMs, type ChannelSender, type OutboundContext, type SendResult } from '../framework/outbound';

/** Graph API error codes that say "later": throttling and Meta's own temporary failures. */
const RETRYABLE_CODES = new Set([1, 2, 4, 17, 341, 80007, 130429, 131000, 131016, 131048, 131056, 133004]);

/** The Cloud API message object for a reply: text, or media by link or id, or a location. */
export function whatsappMessageBody(to: string, body: string, a: Attachment | null): Record<string, unknown> {
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
  return { ...envelope, type: 'text', text: { preview_url: false, body } };
}

type GraphError = { message?: string; code?: number; error_subcode?: number; error_data?: { details?: string } };

function graphReason(error: GraphError | undefined, status: number): string {
  if (!error) return `WhatsApp answered HTTP ${status}`;
  const code = error.code !== undefined ? ` (#${error.code})` : '';
  const details = error.error_data?.details;
  return `${error.message ?? 'WhatsApp error'}${code}${details ? `: ${details}` : ''}`;
}

/** Replies through the Cloud API: `POST {base}/{phone-number-id}/messages` with the channel's access token. */
export const whatsappSender: ChannelSender = {
  async send({ channel, recipient, message, signal }: OutboundContext): Promise<SendResult> {
    const base = typeof channel.config.apiBaseUrl === 'string' ? channel.config.apiBaseUrl : DEFAULT_API_BASE_URLS.whatsapp;
    const phoneNumberId = String(channel.config.phoneNumberId ?? '');
    const token = channel.secrets.accessToken;
    if (!phoneNumberId || !token) throw new DeliveryError('the WhatsApp channel has no phone number id or access token', false);
    const response = await callPlatform(
      joinUrl(base, `${encodeURIComponent(phoneNumberId)}/messages`),
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(whatsappMessageBody(recipient.externalId, message.body, message.attachment)),
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
    const retryable = retryableStatus(response.status) || (json.error?.code !== undefined && RETRYABLE_CODES.has(json.error.code));
    throw new DeliveryError(graphReason(json.error, response.status), retryable, retryAfterMs(response.headers));
  },
};
