import type { Queryable } from '../../db/db';
import type { Role, User } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { AccessClaims } from './access-token';

export type UserRow = {
  id: string;
  account_id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  deactivated_at: Date | string | null;
};

const USER_COLUMNS = 'id, account_id, email, name, role, password_hash, deactivated_at';

export function toUser(row: UserRow): User {
  return { id: row.id, accountId: row.account_id, email: row.email, name: row.name, role: row.role };
}

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | null> {
  const rows = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE email = $1`, [email.trim().toLowerCase()]);
  return rows[0] ?? null;
}

export async function findUserById(db: Queryable, id: string): Promise<UserRow | null> {
  const rows = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

/**
 * The user behind a valid access token as the database has them now (so a changed role applies
 * at once); `unauthorized` when they are gone, moved account, were deactivated or signed out of
 * the token's session. One indexed read: the session check rides along with the user's row.
 */
export async function currentUser(db: Queryable, claims: AccessClaims): Promise<UserRow> {
  const rows = await db.query<UserRow & { session_ended: boolean }>(
    `SELECT ${USER_COLUMNS},
            EXISTS (SELECT 1 FROM sign_in_sessions s WHERE s.id = $2 AND s.revoked_at IS NOT NULL) AS session_ended
       FROM users WHERE id = $1`,
    [claims.userId, claims.sessionId],
  );
  const found = rows[0];
  if (!found || found.account_id !== claims.accountId) throw new AppError('unauthorized', 'this account no longer exists');
  if (found.deactivated_at !== null) throw new AppError('unauthorized', 'this account has been deactivated');
  if (found.session_ended) throw new AppError('unauthorized', 'this session has ended, please sign in again');
  const { session_ended: _ended, ...row } = found;
  return row;
}
