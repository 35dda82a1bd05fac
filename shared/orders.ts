import { z } from 'zod';

/**
 * A customer's orders as the profile shows them, whichever connector they came from (the built-in
 * store or the shop's own REST endpoint; see README "Orders connector"). Money is in minor units
 * (cents, fen) with an ISO 4217 currency code.
 */

export const orderItemSchema = z.object({
  name: z.string().trim().min(1).max(200),
  quantity: z.number().int().positive().max(1_000_000),
  /** Price of one, in minor units. */
  unitPriceCents: z.number().int().nonnegative(),
});
export type OrderItem = z.infer<typeof orderItemSchema>;

export const shippingAddressSchema = z.object({
  recipient: z.string().max(200),
  phone: z.string().max(40).nullable().default(null),
  line1: z.string().max(300),
  line2: z.string().max(300).nullable().default(null),
  city: z.string().max(120),
  region: z.string().max(120).nullable().default(null),
  postalCode: z.string().max(40).nullable().default(null),
  /** ISO 3166 code or the country's name, as the shop writes it. */
  country: z.string().max(80),
});
export type ShippingAddress = z.infer<typeof shippingAddressSchema>;

export const orderSchema = z.object({
  id: z.string().min(1).max(200),
  /** What the customer and the shop call it ("SO-10001"): the {{order.latest.id}} variable. */
  number: z.string().min(1).max(100),
  /** The shop's own word (paid, shipped, delivered, cancelled, refunded, …). */
  status: z.string().trim().min(1).max(60),
  totalCents: z.number().int().nonnegative(),
  currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY or USD'),
  /** Any date-time `Date.parse` reads; kept as ISO 8601 in UTC. */
  createdAt: z
    .string()
    .max(64)
    .refine((s) => !Number.isNaN(Date.parse(s)), 'a date and time such as 2026-03-01T09:30:00Z')
    .transform((s) => new Date(s).toISOString()),
  items: z.array(orderItemSchema).max(500).default([]),
  shippingAddress: shippingAddressSchema.nullable().default(null),
});
export type Order = z.infer<typeof orderSchema>;

export const orderSourceSchema = z.enum(['store', 'rest']);
export type OrderSource = z.infer<typeof orderSourceSchema>;

/**
 * The orders part of a profile: the orders, or why they could not be had (the shop's endpoint was
 * down, slow or answered something else). A failure never fails the rest of the profile.
 */
export const ordersUnavailableReasonSchema = z.enum(['timeout', 'http_status', 'invalid_answer', 'unreachable', 'failed']);
export type OrdersUnavailableReason = z.infer<typeof ordersUnavailableReasonSchema>;
export const ordersSectionSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), source: orderSourceSchema, orders: z.array(orderSchema) }),
  z.object({
    status: z.literal('unavailable'),
    source: orderSourceSchema,
    /** timeout: no answer in time; http_status: an error status; invalid_answer: not the documented shape; unreachable: no connection. */
    reason: ordersUnavailableReasonSchema,
    /** The specifics, in English, for whoever looks after the connector ("HTTP 503", the invalid field). */
    detail: z.string(),
  }),
]);
export type OrdersSection = z.infer<typeof ordersSectionSchema>;

/** What a customer spent in one currency. */
export const spendSchema = z.object({ currency: z.string(), totalCents: z.number().int().nonnegative() });
export type Spend = z.infer<typeof spendSchema>;

/** Statuses whose money did not stay with the shop; every other order counts toward lifetime spend. */
const NOT_SPENT = new Set(['cancelled', 'canceled', 'refunded', 'voided', 'void']);

/** Whether an order's total counts toward what the customer spent (not cancelled, not refunded). */
export function countsTowardSpend(status: string): boolean {
  return !NOT_SPENT.has(status.trim().toLowerCase().replace(/[\s-]+/g, '_'));
}

/** Lifetime spend: the totals of the orders that count, per currency, largest first. */
export function lifetimeSpend(orders: readonly Pick<Order, 'status' | 'totalCents' | 'currency'>[]): Spend[] {
  const byCurrency = new Map<string, number>();
  for (const order of orders) {
    if (!countsTowardSpend(order.status)) continue;
    byCurrency.set(order.currency, (byCurrency.get(order.currency) ?? 0) + order.totalCents);
  }
  return [...byCurrency]
    .map(([currency, totalCents]) => ({ currency, totalCents }))
    .sort((a, b) => b.totalCents - a.totalCents || a.currency.localeCompare(b.currency));
}

/** Newest first (then by number), the order every connector's answer is shown in. */
export function newestFirst<T extends Pick<Order, 'createdAt' | 'number'>>(orders: readonly T[]): T[] {
  return [...orders].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.number.localeCompare(a.number));
}

/** The customer's latest order, for the {{order.latest.id}} and {{order.latest.status}} variables. */
export function latestOrder(section: OrdersSection | null | undefined): { id: string; status: string } | null {
  if (!section || section.status !== 'ok') return null;
  const [latest] = newestFirst(section.orders);
  return latest ? { id: latest.number, status: latest.status } : null;
}

/** How an account reaches its orders: the built-in store (null) or the shop's REST endpoint. */
export const ordersConnectorConfigSchema = z.strictObject({
  kind: z.literal('rest'),
  url: z
    .string()
    .trim()
    .url()
    .max(2048)
    .refine((u) => /^https?:$/.test(new URL(u).protocol), 'the URL must start with http:// or https://'),
  /** Sent as `Authorization: Bearer <token>`. */
  token: z.string().min(1).max(4096),
  /** How long to wait for the shop (ms); 3 s unless set. */
  timeoutMs: z.number().int().min(100).max(10_000).default(3_000),
});
export type OrdersConnectorConfig = z.infer<typeof ordersConnectorConfigSchema>;

/** The connector as admins read it back: the token is never shown again. */
export const ordersConnectorViewSchema = z.object({
  kind: z.enum(['store', 'rest']),
  url: z.string().nullable(),
  hasToken: z.boolean(),
  timeoutMs: z.number().int().nullable(),
});
export type OrdersConnectorView = z.infer<typeof ordersConnectorViewSchema>;

/** What an admin sends: back to the built-in store, or the shop's endpoint. */
export const ordersConnectorSaveSchema = z.union([z.strictObject({ kind: z.literal('store') }), ordersConnectorConfigSchema]);
export type OrdersConnectorSave = z.input<typeof ordersConnectorSaveSchema>;

/** The documented answer of a shop's orders endpoint (README: Orders connector). */
export const restOrdersAnswerSchema = z.object({ orders: z.array(orderSchema).max(1000) });
