import { hmacSha256Hex, safeEqual } from '../../channels/framework/signatures';

/**
 * How a shop's system signs what it POSTs to the order endpoints: the same scheme Switchboard
 * signs its own webhooks to a shop's app with (server/channels/api): header
 * `X-Switchboard-Timestamp` (Unix seconds) and `X-Switchboard-Signature: sha256=<hex HMAC-SHA256
 * of "<timestamp>.<raw body>" with the account's order-events secret>`. The timestamp must be
 * within a few minutes of the server's clock, so a captured request cannot be replayed later.
 */

export const ORDER_SIGNATURE_HEADERS = {
  account: 'x-switchboard-account',
  timestamp: 'x-switchboard-timestamp',
  signature: 'x-switchboard-signature',
} as const;

/** How far a request's timestamp may be from the server's clock. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export type SignatureCheck = 'ok' | 'missing' | 'stale' | 'mismatch';

/** The signature of a raw body at a timestamp (what a shop computes; tests sign with it). */
export function orderEventSignature(secret: string, timestamp: string, rawBody: Buffer | string): string {
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
  return `sha256=${hmacSha256Hex(secret, Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), body]))}`;
}

/** Whether the headers sign this exact body with `secret`, at a time close enough to `nowMs`. */
export function checkOrderSignature(
  secret: string,
  headers: { timestamp?: string; signature?: string },
  rawBody: Buffer,
  nowMs: number,
): SignatureCheck {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature) return 'missing';
  if (!/^\d{1,12}$/.test(timestamp)) return 'mismatch';
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) return 'stale';
  return safeEqual(signature.trim().toLowerCase(), orderEventSignature(secret, timestamp, rawBody)) ? 'ok' : 'mismatch';
}
