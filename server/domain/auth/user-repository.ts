import type { Queryable } from '../../db/db';
import type { Role, User } from '../../../shared/domain';

export type UserRow = {
  id: string;
  account_id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
};

export function toUser(row: UserRow): User {
  return { id: row.id, accountId: row.account_id, email: row.email, name: row.name, role: row.role };
}

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | null> {
  const rows = await db.query<UserRow>(
    'SELECT id, account_id, email, name, role, password_hash FROM users WHERE email = $1',
    [email.trim().toLowerCase()],
  );
  return rows[0] ?? null;
}

export async function findUserById(db: Queryable, id: string): Promise<UserRow | null> {
  const rows = await db.query<UserRow>(
    'SELECT id, account_id, email, name, role, password_hash FROM users WHERE id = $1',
    [id],
  );
  return rows[0] ?? null;
}
