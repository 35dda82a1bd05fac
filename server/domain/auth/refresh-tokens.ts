import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/db';
import type { Clock } from '../../lib/clock';

export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates a random refresh token for a user's sign-in session; only its hash is stored. */
export async function createRefreshToken(db: Queryable, owner: { userId: string; sessionId: string }, clock: Clock): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.query('INSERT INTO refresh_tokens (token_hash, user_id, session_id, expires_at) VALUES ($1, $2, $3, $4)', [
    hashToken(token),
    owner.userId,
    owner.sessionId,
    new Date(clock() + REFRESH_TOKEN_TTL_MS).toISOString(),
  ]);
  return token;
}

/**
 * What presenting a refresh token found: a fresh one (now used up), one that was used before
 * (`reused`: a copy is in someone else's hands), or nothing (unknown, or its session has ended).
 */
export type RefreshTokenUse =
  | { kind: 'fresh'; userId: string; sessionId: string; expired: boolean }
  | { kind: 'reused'; userId: string; sessionId: string }
  | null;

/**
 * Marks the token used (it is single use) in a live session. A used token is kept until it
 * expires, so a second use is recognised. Concurrent uses of one token: exactly one is fresh.
 */
export async function useRefreshToken(db: Queryable, token: string, clock: Clock): Promise<RefreshTokenUse> {
  const hash = hashToken(token);
  const now = new Date(clock()).toISOString();
  const fresh = await db.query<{ user_id: string; session_id: string; expires_at: Date | string }>(
    `UPDATE refresh_tokens t SET used_at = $2 FROM sign_in_sessions s
      WHERE t.token_hash = $1 AND t.used_at IS NULL AND s.id = t.session_id AND s.revoked_at IS NULL
      RETURNING t.user_id, t.session_id, t.expires_at`,
    [hash, now],
  );
  const row = fresh[0];
  if (row) return { kind: 'fresh', userId: row.user_id, sessionId: row.session_id, expired: new Date(row.expires_at).getTime() <= clock() };
  const used = await db.query<{ user_id: string; session_id: string }>(
    'SELECT user_id, session_id FROM refresh_tokens WHERE token_hash = $1 AND used_at IS NOT NULL',
    [hash],
  );
  return used[0] ? { kind: 'reused', userId: used[0].user_id, sessionId: used[0].session_id } : null;
}

/** The session a refresh token (used or not) belongs to, with its user; null when unknown. */
export async function refreshTokenSession(db: Queryable, token: string): Promise<{ userId: string; sessionId: string } | null> {
  const rows = await db.query<{ user_id: string; session_id: string }>(
    'SELECT user_id, session_id FROM refresh_tokens WHERE token_hash = $1',
    [hashToken(token)],
  );
  return rows[0] ? { userId: rows[0].user_id, sessionId: rows[0].session_id } : null;
}

/** Forgets a session's used tokens that have expired anyway: a long session keeps a bounded history. */
export async function forgetExpiredUsedTokens(db: Queryable, sessionId: string, clock: Clock): Promise<void> {
  await db.query('DELETE FROM refresh_tokens WHERE session_id = $1 AND used_at IS NOT NULL AND expires_at <= $2', [
    sessionId,
    new Date(clock()).toISOString(),
  ]);
}
