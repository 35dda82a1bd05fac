import { z } from 'zod';
import { describeZodError } from '../../../shared/errors';
import { attachment, inboundBody } from '../framework/describe';
import { inboundTextForm } from '../../../shared/text/inbound-text';
import type { InboundMessage } from '../framework/inbound';
import type { NumberChange } from '../framework/number-change';
import { parseSurveyButton } from '../../domain/csat/survey-buttons';

/**
 * The WhatsApp Cloud API's `messages` webhook as Meta documents it: `entry[].changes[].value` with
 * `messages` (from customers) and `statuses` (of what we sent). Unknown fields are allowed: Meta
 * adds them over time.
 */
const mediaSchema = z.looseObject({
  id: z.string().optional(),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
  voice: z.boolean().optional(),
});

const messageSchema = z.looseObject({
  from: z.string().min(1),
  id: z.string().min(1),
  timestamp: z.string().optional(),
  type: z.string(),
  text: z.looseObject({ body: z.string() }).optional(),
  image: mediaSchema.optional(),
  document: mediaSchema.optional(),
  audio: mediaSchema.optional(),
  voice: mediaSchema.optional(),
  video: mediaSchema.optional(),
  sticker: mediaSchema.optional(),
  location: z.looseObject({
    latitude: z.number(),
    longitude: z.number(),
    name: z.string().optional(),
    address: z.string().optional(),
  }).optional(),
  button: z.looseObject({ text: z.string().optional(), payload: z.string().optional() }).optional(),
  reaction: z.looseObject({ message_id: z.string().optional(), emoji: z.string().optional() }).optional(),
  contacts: z.array(z.looseObject({
    name: z.looseObject({ formatted_name: z.string().optional(), first_name: z.string().optional(), last_name: z.string().optional() }).optional(),
    phones: z.array(z.looseObject({ phone: z.string().optional(), wa_id: z.string().optional() })).optional(),
  })).optional(),
  context: z.looseObject({ from: z.string().optional(), id: z.string().optional() }).optional(),
  system: z.looseObject({
    body: z.string().optional(),
    type: z.string().optional(),
    wa_id: z.string().optional(),
    new_wa_id: z.union([z.string(), z.number()]).optional(),
  }).optional(),
  interactive: z.looseObject({
    type: z.string().optional(),
    button_reply: z.looseObject({ id: z.string().optional(), title: z.string() }).optional(),
    list_reply: z.looseObject({ id: z.string().optional(), title: z.string(), description: z.string().optional() }).optional(),
  }).optional(),
});

const errorSchema = z.looseObject({
  code: z.number().optional(),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.looseObject({ details: z.string().optional() }).optional(),
});

const statusSchema = z.looseObject({
  id: z.string().min(1),
  status: z.string(),
  timestamp: z.string().optional(),
  recipient_id: z.string().optional(),
  errors: z.array(errorSchema).optional(),
});

const valueSchema = z.looseObject({
  messaging_product: z.literal('whatsapp'),
  metadata: z.looseObject({ display_phone_number: z.string().optional(), phone_number_id: z.string() }),
  contacts: z.array(z.looseObject({ wa_id: z.string(), profile: z.looseObject({ name: z.string().optional() }).optional() })).optional(),
  messages: z.array(messageSchema).optional(),
  statuses: z.array(statusSchema).optional(),
});

export const whatsappWebhookSchema = z.looseObject({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(
    z.looseObject({
      id: z.string(),
      changes: z.array(z.looseObject({ field: z.string(), value: z.unknown() })),
    }),
  ),
});

export type WhatsAppStatus =
  | { externalId: string; status: 'sent' | 'delivered' | 'read' }
  | { externalId: string; status: 'failed'; reason: string };

export type WhatsAppEvents = {
  messages: InboundMessage[];
  /** Customers who changed their number (system messages of type user_changed_number). */
  numberChanges: NumberChange[];
  statuses: WhatsAppStatus[];
  /** Satisfaction survey picks (a list row or button whose id names a survey): answers, never messages. */
  surveyAnswers: { token: string; rating: number; sourceId: string }[];
  /** Changes for another phone number or of another kind, left alone. */
  skipped: number;
};

export type ParseOutcome = { ok: true; events: WhatsAppEvents } | { ok: false; reason: string };

/** The platform's words for why a message failed: "Re-engagement message (131047): More than 24 hours have passed…". */
export function whatsappErrorReason(error: z.infer<typeof errorSchema> | undefined): string {
  if (!error) return 'WhatsApp reported the message as failed';
  const head = error.title ?? error.message ?? 'WhatsApp error';
  const code = error.code !== undefined ? ` (${error.code})` : '';
  const details = error.error_data?.details;
  return details && details !== head ? `${head}${code}: ${details}` : `${head}${code}`;
}

type WhatsAppMessage = z.infer<typeof messageSchema>;

/** The customer's new number from a user_changed_number system message, or null for any other system message. */
function numberChangeOf(m: WhatsAppMessage): NumberChange | null {
  if (m.type !== 'system' || m.system?.type !== 'user_changed_number') return null;
  const to = m.system.wa_id ?? (m.system.new_wa_id !== undefined ? String(m.system.new_wa_id) : undefined);
  return to && to !== m.from ? { externalId: m.id, from: m.from, to } : null;
}

/** Contact cards as names and phone numbers. */
function contactCards(m: WhatsAppMessage): { name: string; phones: string[] }[] {
  return (m.contacts ?? []).map((card) => {
    const name = card.name?.formatted_name ?? [card.name?.first_name, card.name?.last_name].filter(Boolean).join(' ');
    const phones = (card.phones ?? []).map((p) => p.phone ?? (p.wa_id ? `+${p.wa_id}` : '')).filter(Boolean);
    return { name: name.trim(), phones };
  });
}

function normalizeMessage(m: WhatsAppMessage, names: Map<string, string>): InboundMessage | null {
  const sender = { externalId: m.from, name: names.get(m.from) ?? null, verifiedPhone: m.from };
  const sentAt = m.timestamp && /^\d+$/.test(m.timestamp) ? Number(m.timestamp) * 1000 : null;
  const base = { externalId: m.id, sender, sentAt, quotedExternalId: m.context?.id ?? null };
  const media = (kind: 'image' | 'document' | 'voice' | 'audio' | 'video' | 'sticker', media: z.infer<typeof mediaSchema>) =>
    attachment({ kind, mediaId: media.id ?? null, mimeType: media.mime_type ?? null, fileName: media.filename ?? null, caption: media.caption ?? null });
  switch (m.type) {
    case 'text':
      return m.text ? { ...base, body: inboundTextForm(m.text.body) } : null;
    case 'image':
      return m.image ? withAttachment(base, media('image', m.image)) : null;
    case 'document':
      return m.document ? withAttachment(base, media('document', m.document)) : null;
    case 'video':
      return m.video ? withAttachment(base, media('video', m.video)) : null;
    case 'sticker':
      return m.sticker ? withAttachment(base, media('sticker', m.sticker)) : null;
    case 'audio': {
      if (!m.audio) return null;
      return withAttachment(base, media(m.audio.voice ? 'voice' : 'audio', m.audio));
    }
    case 'voice':
      return m.voice ? withAttachment(base, media('voice', m.voice)) : null;
    case 'location': {
      if (!m.location) return null;
      const label = [m.location.name, m.location.address].filter(Boolean).join(', ') || null;
      return withAttachment(base, attachment({ kind: 'location', latitude: m.location.latitude, longitude: m.location.longitude, label }));
    }
    case 'button':
      return { ...base, body: inboundTextForm(m.button?.text ?? m.button?.payload ?? '[Button]') };
    case 'interactive': {
      const reply = m.interactive?.button_reply?.title ?? m.interactive?.list_reply?.title;
      return { ...base, body: inboundTextForm(reply ?? '[Interactive reply]') };
    }
    case 'reaction': {
      // An empty emoji takes an earlier reaction back.
      const emoji = m.reaction?.emoji ? m.reaction.emoji : null;
      return {
        ...base, quotedExternalId: m.reaction?.message_id ?? null, body: emoji ? `[Reaction ${emoji}]` : '[Reaction removed]',
        channelDetails: { reaction: { emoji } },
      };
    }
    case 'contacts': {
      const cards = contactCards(m);
      const described = cards.map((c) => [c.name, ...c.phones].filter(Boolean).join(' ')).join('; ');
      return { ...base, body: inboundTextForm(`[Contact: ${described || 'no details'}]`), channelDetails: { contacts: cards } };
    }
    case 'system':
      // Number changes are taken apart (numberChangeOf); other notices are nothing the customer wrote.
      return null;
    default:
      return { ...base, body: `[${m.type} message]` };
  }
}

function withAttachment(base: Omit<InboundMessage, 'body'>, a: InboundMessage['attachment'] & object): InboundMessage {
  return { ...base, body: inboundBody(null, a), attachment: a };
}

/**
 * Reads one webhook delivery for the business phone number `phoneNumberId`: customer messages
 * normalised to our message model, and status updates of what we sent. Refuses (ok: false) a
 * payload that is not the documented shape.
 */
export function parseWhatsAppWebhook(json: unknown, phoneNumberId: string): ParseOutcome {
  const envelope = whatsappWebhookSchema.safeParse(json);
  if (!envelope.success) return { ok: false, reason: describeZodError(envelope.error) };
  const events: WhatsAppEvents = { messages: [], numberChanges: [], statuses: [], surveyAnswers: [], skipped: 0 };
  for (const entry of envelope.data.entry) {
    for (const change of entry.changes) {
      if (change.field !== 'messages') {
        events.skipped++;
        continue;
      }
      const value = valueSchema.safeParse(change.value);
      if (!value.success) return { ok: false, reason: describeZodError(value.error) };
      if (value.data.metadata.phone_number_id !== phoneNumberId) {
        events.skipped++;
        continue;
      }
      const names = new Map((value.data.contacts ?? []).map((c) => [c.wa_id, c.profile?.name ?? c.wa_id]));
      for (const message of value.data.messages ?? []) {
        const survey = message.type === 'interactive' ? parseSurveyButton(message.interactive?.list_reply?.id ?? message.interactive?.button_reply?.id) : null;
        if (survey) {
          events.surveyAnswers.push({ ...survey, sourceId: message.id });
          continue;
        }
        const numberChange = numberChangeOf(message);
        if (numberChange) events.numberChanges.push(numberChange);
        const normalized = normalizeMessage(message, names);
        if (normalized) events.messages.push(normalized);
      }
      for (const status of value.data.statuses ?? []) {
        if (status.status === 'failed') {
          events.statuses.push({ externalId: status.id, status: 'failed', reason: whatsappErrorReason(status.errors?.[0]) });
        } else if (status.status === 'sent' || status.status === 'delivered' || status.status === 'read') {
          events.statuses.push({ externalId: status.id, status: status.status });
        }
      }
    }
  }
  return { ok: true, events };
}
