import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Compares two strings in time that does not depend on where they differ. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

export function hmacSha256Hex(secret: string, data: Buffer | string): string {
  return createHmac('sha256', secret).update(data).digest('hex');
}

export function sha1Hex(data: string): string {
  return createHash('sha1').update(data, 'utf8').digest('hex');
}

/** `sha256=<hex>` over the raw body, as Meta signs webhooks (X-Hub-Signature-256). */
export function verifyHubSignature(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  if (!header) return false;
  return safeEqual(header.trim().toLowerCase(), `sha256=${hmacSha256Hex(appSecret, rawBody)}`);
}

/** WeChat's callback signature: sha1 of token, timestamp and nonce sorted and joined. */
export function wechatSignature(token: string, timestamp: string, nonce: string): string {
  return sha1Hex([token, timestamp, nonce].sort().join(''));
}

export function verifyWechatSignature(token: string, q: { signature?: string; timestamp?: string; nonce?: string }): boolean {
  if (!q.signature || !q.timestamp || !q.nonce) return false;
  return safeEqual(q.signature.toLowerCase(), wechatSignature(token, q.timestamp, q.nonce));
}

/**
 * Whether a callback's `timestamp` (seconds since the epoch, as WeChat sends it) lies within
 * `windowMs` of `now`, either way: a captured request replayed later no longer verifies.
 */
export function wechatTimestampFresh(timestamp: string | undefined, now: number, windowMs: number): boolean {
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(Number(timestamp) * 1000 - now) <= windowMs;
}

/** A bearer token from an Authorization header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  return typeof header === 'string' && /^Bearer /i.test(header) ? header.slice(7).trim() : undefined;
}

/**
 * The signature Switchboard puts on what it POSTs to a shop's app: `sha256=<hex>` of
 * `<timestamp>.<raw body>` with the channel's webhook secret, so a replayed body with a new
 * timestamp does not verify.
 */
export function switchboardSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${hmacSha256Hex(secret, `${timestamp}.${body}`)}`;
}
