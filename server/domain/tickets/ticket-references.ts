import { AppError } from '../../../shared/errors';
import type { Queryable } from '../../db/db';

/**
 * Checks of the ids a ticket refers to: each must be the account's own (a stranger's id is
 * `bad_request`, the same as one that does not exist).
 */

export async function checkType(db: Queryable, accountId: string, typeId: string): Promise<{ defaultDepartmentId: string | null }> {
  const rows = await db.query<{ default_department_id: string | null }>('SELECT default_department_id FROM ticket_types WHERE id = $1 AND account_id = $2', [typeId, accountId]);
  if (!rows[0]) throw new AppError('bad_request', 'There is no such ticket type.');
  return { defaultDepartmentId: rows[0].default_department_id };
}

export async function checkDepartment(db: Queryable, accountId: string, departmentId: string): Promise<void> {
  const rows = await db.query('SELECT 1 FROM departments WHERE id = $1 AND account_id = $2 AND NOT archived', [departmentId, accountId]);
  if (rows.length === 0) throw new AppError('bad_request', 'There is no such department.');
}

/** An active user of the account who may be given tickets; returns the departments they belong to. */
export async function checkAssignee(db: Queryable, accountId: string, userId: string): Promise<{ name: string; departmentIds: string[] }> {
  const rows = await db.query<{ name: string }>('SELECT name FROM users WHERE id = $1 AND account_id = $2 AND deactivated_at IS NULL', [userId, accountId]);
  if (!rows[0]) throw new AppError('bad_request', 'There is no such colleague.');
  const departments = await db.query<{ department_id: string }>('SELECT department_id FROM department_members WHERE user_id = $1', [userId]);
  return { name: rows[0].name, departmentIds: departments.map((d) => d.department_id) };
}

/** The latest order of a customer (its number), if any. */
export async function latestOrderRef(db: Queryable, contactId: string): Promise<string | null> {
  const rows = await db.query<{ number: string }>('SELECT number FROM orders WHERE contact_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1', [contactId]);
  return rows[0]?.number ?? null;
}
