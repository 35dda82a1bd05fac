import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/db';
import type { Clock } from '../../lib/clock';
import { ACCESS_TOKEN_TTL_SECONDS } from './access-token';

/**
 * Starts a sign-in session for a user (one per sign-in on a device): its refresh tokens descend
 * from it and its access tokens name it. Sessions of the user that ended long enough ago that no
 * token of theirs can still be honoured are forgotten on the way.
 */
export async function startSession(db: Queryable, userId: string, clock: Clock): Promise<string> {
  const now = clock();
  // Older than any access token: a revoked session's row may go once its last token has expired.
  const cutoff = new Date(now - ACCESS_TOKEN_TTL_SECONDS * 1000 * 2).toISOString();
  await db.query(
    `DELETE FROM sign_in_sessions s WHERE s.user_id = $1 AND s.created_at < $2 AND (s.revoked_at < $2
       OR NOT EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.session_id = s.id AND t.expires_at > $2))`,
    [userId, cutoff],
  );
  const id = randomUUID();
  await db.query('INSERT INTO sign_in_sessions (id, user_id, created_at) VALUES ($1, $2, $3)', [id, userId, new Date(now).toISOString()]);
  return id;
}

/**
 * Ends every session of a user (deactivated: signed out everywhere). Their access tokens stay
 * refused even if they are made active again before those tokens would have expired.
 */
export async function endUserSessions(db: Queryable, userId: string, at: Date): Promise<void> {
  await db.query('UPDATE sign_in_sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [userId, at.toISOString()]);
  await db.query('DELETE FROM refresh_tokens WHERE user_id = $1', [userId]);
}

/**
 * Ends a session: every refresh token descended from it stops working, and so (see
 * `currentUser`) does every access token issued for it. Says whose it was; null when it had
 * already ended or was unknown.
 */
export async function revokeSession(db: Queryable, sessionId: string, clock: Clock): Promise<{ userId: string } | null> {
  const rows = await db.query<{ user_id: string }>(
    'UPDATE sign_in_sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING user_id',
    [sessionId, new Date(clock()).toISOString()],
  );
  await db.query('DELETE FROM refresh_tokens WHERE session_id = $1', [sessionId]);
  return rows[0] ? { userId: rows[0].user_id } : null;
}
