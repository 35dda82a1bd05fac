import { createHmac, timingSafeEqual } from 'node:crypto';
import { fromBase64Url, toBase64Url } from '../../lib/base64url';

const HEADER = toBase64Url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/** Signs a JSON payload as `header.payload.signature` (JWT layout, HMAC-SHA256). */
export function signToken(payload: object, secret: string): string {
  const body = `${HEADER}.${toBase64Url(JSON.stringify(payload))}`;
  return `${body}.${sign(body, secret)}`;
}

/** The payload of a token whose signature is valid, else null. Checks nothing else. */
export function readSignedToken(token: string, secret: string): unknown {
  if (typeof token !== 'string' || token.length > 4096) return null;
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [header, payload, signature] = parts as [string, string, string];
  if (header !== HEADER) return null;
  const expected = Buffer.from(sign(`${header}.${payload}`, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    return JSON.parse(fromBase64Url(payload).toString('utf8')) as unknown;
  } catch {
    return null;
  }
}

function sign(data: string, secret: string): string {
  return createHmac('sha256', secret).update(data).digest('base64url');
}
