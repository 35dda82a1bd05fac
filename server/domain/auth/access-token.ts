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
  iat: z.number(),
  exp: z.number(),
});

export type AccessClaims = { userId: string; accountId: string; role: Role };

export function issueAccessToken(claims: AccessClaims, secret: string, clock: Clock): string {
  const now = Math.floor(clock() / 1000);
  return signToken(
    { typ: 'access', sub: claims.userId, acc: claims.accountId, role: claims.role, iat: now, exp: now + ACCESS_TOKEN_TTL_SECONDS },
    secret,
  );
}

/** The claims of a valid token; throws `unauthorized` (bad token) or `token_expired`. */
export function verifyAccessToken(token: unknown, secret: string, clock: Clock): AccessClaims {
  if (typeof token !== 'string' || token.length === 0) throw new AppError('unauthorized', 'sign in required');
  const parsed = claimsSchema.safeParse(readSignedToken(token, secret));
  if (!parsed.success) throw new AppError('unauthorized', 'the access token is not valid');
  if (parsed.data.exp * 1000 <= clock()) throw new AppError('token_expired', 'the access token has expired');
  return { userId: parsed.data.sub, accountId: parsed.data.acc, role: parsed.data.role };
}
