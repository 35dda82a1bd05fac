import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/db';
import type { Clock } from '../../lib/clock';

export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates a random refresh token for `userId`; only its hash is stored. */
export async function createRefreshToken(db: Queryable, userId: string, clock: Clock): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.query('INSERT INTO refresh_tokens (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
    hashToken(token),
    userId,
    new Date(clock() + REFRESH_TOKEN_TTL_MS).toISOString(),
  ]);
  return token;
}

export type ConsumedRefreshToken = { userId: string; expired: boolean } | null;

/** Deletes the token (it is single use) and says whose it was and whether it had expired. */
export async function consumeRefreshToken(db: Queryable, token: string, clock: Clock): Promise<ConsumedRefreshToken> {
  const rows = await db.query<{ user_id: string; expires_at: Date | string }>(
    'DELETE FROM refresh_tokens WHERE token_hash = $1 RETURNING user_id, expires_at',
    [hashToken(token)],
  );
  const row = rows[0];
  if (!row) return null;
  return { userId: row.user_id, expired: new Date(row.expires_at).getTime() <= clock() };
}
