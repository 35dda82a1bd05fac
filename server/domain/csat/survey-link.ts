import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The survey link sent on channels without buttons (WeChat, email):
 * `<token>.<expires, seconds since the epoch>.<HMAC-SHA256 of both with the server secret>`, all
 * URL-safe. The random token alone names the survey; the signature makes a link that was not
 * issued by this server (or one whose expiry was moved) worthless, and the expiry ends it.
 */

const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

/** A new random survey token (128 bits, URL-safe); it also fits Telegram's 64-byte callback data. */
export function newSurveyToken(): string {
  return randomBytes(16).toString('base64url');
}

function signature(secret: string, token: string, expires: number): string {
  return createHmac('sha256', secret).update(`csat-link:${token}:${expires}`).digest('base64url');
}

/** The signed part of a survey link for `token`, valid until `expiresAtMs`. */
export function signSurveyLink(secret: string, token: string, expiresAtMs: number): string {
  const expires = Math.floor(expiresAtMs / 1000);
  return `${token}.${expires}.${signature(secret, token, expires)}`;
}

export type LinkCheck = { ok: true; token: string } | { ok: false; code: 'survey_invalid' | 'survey_expired' };

/** Checks a link's signature first, then its expiry; only then is its token worth looking up. */
export function verifySurveyLink(secret: string, value: string, nowMs: number): LinkCheck {
  const parts = value.split('.');
  if (parts.length !== 3) return { ok: false, code: 'survey_invalid' };
  const [token, expiresText, given] = parts as [string, string, string];
  if (!TOKEN.test(token) || !/^\d{1,12}$/.test(expiresText)) return { ok: false, code: 'survey_invalid' };
  const expected = Buffer.from(signature(secret, token, Number(expiresText)));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return { ok: false, code: 'survey_invalid' };
  if (Number(expiresText) * 1000 <= nowMs) return { ok: false, code: 'survey_expired' };
  return { ok: true, token };
}

/** Whether a string has the shape of a survey token (before looking it up). */
export function isSurveyToken(value: string): boolean {
  return TOKEN.test(value);
}
