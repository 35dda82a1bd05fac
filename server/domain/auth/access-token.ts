import { z } from 'zod';
import { roleSchema, type Role } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { Clock } from '../../lib/clock';
import { readSignedToken, signToken } from './signed-token';

/** Access tokens live 15 minutes; the client refreshes them with its refresh token. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

const claimsSchema = z.object({
  typ: z.literal('access'),
  sub: z.string(),
  acc: z.string(),
  role: roleSchema,
  // Absent from tokens issued before sign-in sessions existed.
  sid: z.string().min(1).optional(),
  iat: z.number(),
  exp: z.number(),
});

/** `sessionId`: the sign-in session the token was issued for; signing out of it ends the token. */
export type AccessClaims = { userId: string; accountId: string; role: Role; sessionId: string };

export function issueAccessToken(claims: AccessClaims, secret: string, clock: Clock): Promise<string> {
  return signToken(
    { typ: 'access', sub: claims.userId, acc: claims.accountId, role: claims.role, sid: claims.sessionId },
    secret,
    clock,
    ACCESS_TOKEN_TTL_SECONDS,
  );
}

/** The claims of a valid token; rejects with `unauthorized` (bad token) or `token_expired`. */
export async function verifyAccessToken(token: unknown, secret: string, clock: Clock): Promise<AccessClaims> {
  if (typeof token !== 'string' || token.length === 0) throw new AppError('unauthorized', 'sign in required');
  const reading = await readSignedToken(token, secret, clock);
  if (!reading.ok && reading.reason === 'expired') throw new AppError('token_expired', 'the access token has expired');
  const parsed = claimsSchema.safeParse(reading.ok ? reading.claims : null);
  if (!parsed.success) throw new AppError('unauthorized', 'the access token is not valid');
  // Refreshing gets one that names its session, without signing in again.
  if (parsed.data.sid === undefined) throw new AppError('token_expired', 'the access token names no sign-in session');
  return { userId: parsed.data.sub, accountId: parsed.data.acc, role: parsed.data.role, sessionId: parsed.data.sid };
}
