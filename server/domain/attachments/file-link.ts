import { createHmac, timingSafeEqual } from 'node:crypto';
import { FILE_LINK_TTL_MS } from '../../../shared/attachments';

/**
 * The signed link to one stored file for one user: `/api/files/<file id>?u=<user id>&e=<expires,
 * seconds since the epoch>&s=<HMAC-SHA256 of the three with the server secret>`. The signature
 * binds the file, the user and the expiry together, so a link cannot be moved to another file,
 * handed to another user's name, or kept alive; the route checks again, at download, that the
 * user may still read the conversation. A widget customer's link (holder 'visitor') names their
 * contact id instead of a user, under another route and another signing prefix.
 */

const FIELD = /^[A-Za-z0-9_-]{1,64}$/;

/** Whom a link is for: a signed-in user (`/api/files/`) or a widget customer (`/api/visitor-files/`), never mixed. */
export type LinkHolder = 'user' | 'visitor';

const PREFIX: Record<LinkHolder, string> = { user: 'file-link', visitor: 'visitor-file-link' };
const ROUTE: Record<LinkHolder, string> = { user: '/api/files/', visitor: '/api/visitor-files/' };

function signature(secret: string, fileId: string, userId: string, expires: number, holder: LinkHolder = 'user'): string {
  return createHmac('sha256', secret).update(`${PREFIX[holder]}:${fileId}:${userId}:${expires}`).digest('base64url');
}

/** The path and query of a link to `fileId` for `userId`, valid FILE_LINK_TTL_MS (or `ttlMs`) from `nowMs`. */
export function signFileLink(secret: string, fileId: string, userId: string, nowMs: number, ttlMs = FILE_LINK_TTL_MS, holder: LinkHolder = 'user'): { path: string; expiresAtMs: number } {
  const expires = Math.ceil((nowMs + ttlMs) / 1000);
  const query = new URLSearchParams({ u: userId, e: String(expires), s: signature(secret, fileId, userId, expires, holder) });
  return { path: `${ROUTE[holder]}${encodeURIComponent(fileId)}?${query.toString()}`, expiresAtMs: expires * 1000 };
}

export type FileLinkCheck = { ok: true; userId: string } | { ok: false; code: 'file_link_invalid' | 'file_link_expired' };

/**
 * Checks a link's signature first (a forged or altered link is invalid whatever its expiry says),
 * then its expiry; only then is the file worth looking up.
 */
export function verifyFileLink(secret: string, fileId: string, query: Record<string, unknown>, nowMs: number, holder: LinkHolder = 'user'): FileLinkCheck {
  const { u: userId, e: expiresText, s: given } = query;
  if (typeof userId !== 'string' || typeof expiresText !== 'string' || typeof given !== 'string') return { ok: false, code: 'file_link_invalid' };
  if (!FIELD.test(fileId) || !FIELD.test(userId) || !/^\d{1,12}$/.test(expiresText)) return { ok: false, code: 'file_link_invalid' };
  const expected = Buffer.from(signature(secret, fileId, userId, Number(expiresText), holder));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return { ok: false, code: 'file_link_invalid' };
  if (Number(expiresText) * 1000 <= nowMs) return { ok: false, code: 'file_link_expired' };
  return { ok: true, userId };
}
