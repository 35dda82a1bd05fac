import { z } from 'zod';
import { attachmentSchema, MAX_MESSAGE_LENGTH } from '../../../shared/domain';
import { describeZodError } from '../../../shared/errors';
import { attachment, inboundBody } from '../framework/describe';
import { inboundTextForm } from '../../../shared/text/inbound-text';
import type { InboundMessage } from '../framework/inbound';

/**
 * What a shop's own app POSTs to `/api/channels/:channelId/messages` (documented in the README).
 * `contact.phone` and `contact.email` count as verified: the app signed the customer in and
 * vouches for them with the channel's token; it must not pass on what a customer merely typed.
 */
export const apiInboundSchema = z.strictObject({
  /** The app's id for this message: sending it again stores nothing new. */
  id: z.string().trim().min(1).max(200),
  contact: z.strictObject({
    /** The app's id for the customer. */
    id: z.string().trim().min(1).max(200),
    name: z.string().trim().max(200).optional(),
    phone: z.string().trim().max(40).optional(),
    email: z.string().trim().max(254).optional(),
  }),
  text: z.string().max(MAX_MESSAGE_LENGTH).optional(),
  attachment: z
    .strictObject({
      kind: attachmentSchema.shape.kind,
      url: z.string().url().max(2000).optional(),
      mimeType: z.string().max(200).optional(),
      fileName: z.string().max(300).optional(),
      size: z.number().int().nonnegative().optional(),
      caption: z.string().max(MAX_MESSAGE_LENGTH).optional(),
      latitude: z.number().min(-90).max(90).optional(),
      longitude: z.number().min(-180).max(180).optional(),
      label: z.string().max(300).optional(),
    })
    .optional(),
});
export type ApiInbound = z.infer<typeof apiInboundSchema>;

export type ParseOutcome = { ok: true; message: InboundMessage } | { ok: false; reason: string };

export function parseApiMessage(json: unknown): ParseOutcome {
  const parsed = apiInboundSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: describeZodError(parsed.error) };
  const p = parsed.data;
  const a = p.attachment ? attachment({ ...p.attachment, caption: p.attachment.caption ?? p.text ?? null }) : null;
  const body = inboundBody(p.text, a);
  if (!body) return { ok: false, reason: 'text: a message needs text or an attachment' };
  return {
    ok: true,
    message: {
      externalId: p.id,
      sender: { externalId: p.contact.id, name: p.contact.name ?? null, verifiedPhone: p.contact.phone ?? null, verifiedEmail: p.contact.email ?? null },
      body: inboundTextForm(body),
      attachment: a,
    },
  };
}
