import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { Clock } from '../../lib/clock';

/** Longer is not ours: every token we sign is a few hundred bytes. */
const MAX_TOKEN_LENGTH = 4096;

const keyOf = (secret: string) => new TextEncoder().encode(secret);

/**
 * Signs claims as an HS256 JWT with `iat` from the clock and, when `lifetimeSeconds` is given,
 * `exp` that many seconds later (without it the token does not expire).
 */
export async function signToken(claims: JWTPayload, secret: string, clock: Clock, lifetimeSeconds?: number): Promise<string> {
  const now = Math.floor(clock() / 1000);
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt(now);
  if (lifetimeSeconds !== undefined) jwt.setExpirationTime(now + lifetimeSeconds);
  return jwt.sign(keyOf(secret));
}

/** What a token turned out to be: its claims, or why it is refused. */
export type TokenReading = { ok: true; claims: JWTPayload } | { ok: false; reason: 'invalid' | 'expired' };

/**
 * Checks an HS256 token's signature and, at the clock's time, its `exp`. Says nothing about what
 * the claims mean: each kind of token checks its own.
 */
export async function readSignedToken(token: unknown, secret: string, clock: Clock): Promise<TokenReading> {
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'invalid' };
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), { algorithms: ['HS256'], currentDate: new Date(clock()) });
    return { ok: true, claims: payload };
  } catch (err) {
    if (err instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
    if (err instanceof errors.JOSEError) return { ok: false, reason: 'invalid' };
    throw err;
  }
}
