import type { Presence } from '../../../shared/domain';
import type { Queryable } from '../../db/db';

/**
 * A socket of this user connected: a first connect, or one after the grace period ran out, comes
 * online; a reconnect within it keeps the presence. Either way the user is no longer gone.
 */
export async function markConnected(db: Queryable, userId: string, now: Date): Promise<void> {
  await db.query(
    `UPDATE users u SET
       presence = CASE WHEN u.presence = 'offline' AND (u.presence_changed_at IS NULL OR
                    (u.disconnected_at IS NOT NULL AND u.disconnected_at <= $2::timestamptz - make_interval(secs => a.reconnect_grace_seconds)))
                  THEN 'online' ELSE u.presence END,
       presence_changed_at = CASE WHEN u.presence = 'offline' AND (u.presence_changed_at IS NULL OR
                    (u.disconnected_at IS NOT NULL AND u.disconnected_at <= $2::timestamptz - make_interval(secs => a.reconnect_grace_seconds)))
                  THEN $2::timestamptz ELSE u.presence_changed_at END,
       disconnected_at = NULL
     FROM accounts a WHERE u.id = $1 AND a.id = u.account_id`,
    [userId, now],
  );
}

/** The grace period starts now, unless it already started. */
export async function markDisconnected(db: Queryable, userId: string, now: Date): Promise<void> {
  await db.query('UPDATE users SET disconnected_at = $2 WHERE id = $1 AND disconnected_at IS NULL', [userId, now]);
}

export async function clearDisconnected(db: Queryable, userId: string): Promise<void> {
  await db.query('UPDATE users SET disconnected_at = NULL WHERE id = $1', [userId]);
}

/** Offline now, and gone since a grace period ago: the next run treats them as an agent who never came back. */
export async function markSignedOut(db: Queryable, userId: string, now: Date): Promise<void> {
  await db.query(
    `UPDATE users u SET presence = 'offline', presence_changed_at = $2,
       disconnected_at = $2::timestamptz - make_interval(secs => a.reconnect_grace_seconds)
     FROM accounts a WHERE u.id = $1 AND a.id = u.account_id`,
    [userId, now],
  );
}

/** Users that look connected and present. */
export async function listPresentUsers(db: Queryable): Promise<{ id: string; accountId: string }[]> {
  const rows = await db.query<{ id: string; account_id: string }>(
    "SELECT id, account_id FROM users WHERE disconnected_at IS NULL AND presence <> 'offline'",
  );
  return rows.map((r) => ({ id: r.id, accountId: r.account_id }));
}

export async function setUserPresence(db: Queryable, userId: string, presence: Presence, now: Date): Promise<void> {
  await db.query('UPDATE users SET presence = $2, presence_changed_at = $3 WHERE id = $1', [userId, presence, now]);
}
