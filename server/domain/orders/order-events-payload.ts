import { z } from 'zod';
import { describeZodError } from '../../../shared/errors';
import { orderSchema } from '../../../shared/orders';

/**
 * What arrives at the order-status endpoints (documented in the README, "Order-status events"):
 * a status change of a built-in order, and an event from a shop's own system. Both are parsed
 * only after the caller was authenticated.
 */

const eventId = z.string().trim().min(1).max(200);
const status = orderSchema.shape.status;

/** `POST /api/orders/:id/status`: the new status; `eventId` makes a retried call change nothing twice. */
export const orderStatusChangeSchema = z.strictObject({ status, eventId: eventId.optional() });
export type OrderStatusChange = z.infer<typeof orderStatusChangeSchema>;

export const orderIdParamsSchema = z.object({ id: z.string().min(1).max(200) });

/**
 * `POST /api/orders/events` from a shop's system: which order reached which status, and who the
 * customer is (the shop's id for them on a channel, or a phone or email they verified). Other
 * fields the shop sends are ignored.
 */
export const shopOrderEventSchema = z
  .object({
    /** The shop's id for this event: a redelivery with the same id is stored once. */
    eventId,
    orderId: z.string().trim().min(1).max(200).optional(),
    /** What the customer calls the order (SO-10001); `orderId` stands in when absent. */
    orderNumber: z.string().trim().min(1).max(100).optional(),
    status,
    contact: z
      .object({
        externalId: z.string().trim().min(1).max(200).optional(),
        phone: z.string().trim().min(1).max(40).optional(),
        email: z.string().trim().min(1).max(254).optional(),
      })
      .refine((c) => c.externalId !== undefined || c.phone !== undefined || c.email !== undefined, {
        message: 'give the customer’s externalId, phone or email',
      }),
    /** When the status changed at the shop (any date-time `Date.parse` reads). */
    occurredAt: z
      .string()
      .max(64)
      .refine((s) => !Number.isNaN(Date.parse(s)), 'a date and time such as 2026-03-01T09:30:00Z')
      .transform((s) => new Date(s).toISOString())
      .optional(),
  })
  .refine((e) => e.orderId !== undefined || e.orderNumber !== undefined, { message: 'give orderId or orderNumber', path: ['orderNumber'] });
export type ShopOrderEvent = z.infer<typeof shopOrderEventSchema>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Reads a JSON value with a schema, saying what is wrong when it does not fit. */
export function parsePayload<S extends z.ZodType>(schema: S, json: unknown): Parsed<z.output<S>> {
  const parsed = schema.safeParse(json);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: describeZodError(parsed.error) };
}
