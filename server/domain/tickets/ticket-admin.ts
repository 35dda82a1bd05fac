import { randomUUID } from 'node:crypto';
import type { Department, TicketType } from '../../../shared/tickets';
import type { DepartmentSave, TicketSettings, TicketTypeSave } from '../../../shared/tickets-admin';
import { AppError } from '../../../shared/errors';
import type { Db, Queryable } from '../../db/db';
import { recordAudit } from '../audit/audit-log';
import type { Viewer } from '../conversations/permissions';
import { requireAdmin } from '../team/require-admin';
import { listDepartments, listTicketTypes } from './ticket-queries';
import { readTicketSettings } from './ticket-settings';

/** A unique name already taken in the account: `conflict` instead of the database's error. */
const isUniqueViolation = (err: unknown) => typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';

/**
 * Admins: creates or changes a department (name, archived) and sets its members and leads in
 * one go; the members must be active users of the account. Audited with before and after.
 */
export async function saveDepartment(db: Db, admin: Viewer, input: DepartmentSave): Promise<Department> {
  requireAdmin(admin, 'manage departments');
  const userIds = [...new Set(input.members.map((m) => m.userId))];
  try {
    const id = await db.transaction(async (tx) => {
      const known = await tx.query<{ id: string }>('SELECT id FROM users WHERE id = ANY($1::text[]) AND account_id = $2 AND deactivated_at IS NULL', [userIds, admin.accountId]);
      if (known.length !== userIds.length) throw new AppError('bad_request', 'Every member must be an active user of this account.');
      const before = input.id ? (await listDepartments(tx, admin.accountId, [input.id]))[0] : undefined;
      if (input.id && !before) throw new AppError('not_found', 'There is no such department.');
      const id = input.id ?? randomUUID();
      if (before) await tx.query('UPDATE departments SET name = $2, archived = $3 WHERE id = $1', [id, input.name, input.archived]);
      else await tx.query('INSERT INTO departments (id, account_id, name, archived) VALUES ($1, $2, $3, $4)', [id, admin.accountId, input.name, input.archived]);
      await tx.query('DELETE FROM department_members WHERE department_id = $1', [id]);
      for (const userId of userIds) {
        const isLead = input.members.some((m) => m.userId === userId && m.isLead);
        await tx.query('INSERT INTO department_members (department_id, user_id, is_lead) VALUES ($1, $2, $3)', [id, userId, isLead]);
      }
      const after = (await listDepartments(tx, admin.accountId, [id]))[0];
      await recordAudit(tx, {
        accountId: admin.accountId, actorId: admin.id, action: before ? 'department.update' : 'department.create', targetType: 'department', targetId: id,
        details: { before: before ?? null, after },
      });
      return id;
    });
    return (await listDepartments(db, admin.accountId, [id]))[0]!;
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('conflict', 'Another department already has this name.');
    throw err;
  }
}

/** Admins: creates or changes a ticket type (its default department must be the account's); audited. */
export async function saveTicketType(db: Db, admin: Viewer, input: TicketTypeSave): Promise<TicketType> {
  requireAdmin(admin, 'manage ticket types');
  try {
    const id = await db.transaction(async (tx) => {
      if (input.defaultDepartmentId) await requireDepartment(tx, admin.accountId, input.defaultDepartmentId);
      const types = await listTicketTypes(tx, admin.accountId);
      const before = input.id ? types.find((t) => t.id === input.id) : undefined;
      if (input.id && !before) throw new AppError('not_found', 'There is no such ticket type.');
      const id = input.id ?? randomUUID();
      if (before) {
        await tx.query('UPDATE ticket_types SET name = $2, default_department_id = $3, position = $4, archived = $5 WHERE id = $1',
          [id, input.name, input.defaultDepartmentId, input.position, input.archived]);
      } else {
        await tx.query('INSERT INTO ticket_types (id, account_id, name, default_department_id, position, archived) VALUES ($1, $2, $3, $4, $5, $6)',
          [id, admin.accountId, input.name, input.defaultDepartmentId, input.position, input.archived]);
      }
      await recordAudit(tx, {
        accountId: admin.accountId, actorId: admin.id, action: before ? 'ticket_type.update' : 'ticket_type.create', targetType: 'ticket_type', targetId: id,
        details: { before: before ?? null, after: { ...input, id } },
      });
      return id;
    });
    return (await listTicketTypes(db, admin.accountId)).find((t) => t.id === id)!;
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('conflict', 'Another ticket type already has this name.');
    throw err;
  }
}

async function requireDepartment(tx: Queryable, accountId: string, id: string): Promise<void> {
  const rows = await tx.query('SELECT 1 FROM departments WHERE id = $1 AND account_id = $2', [id, accountId]);
  if (rows.length === 0) throw new AppError('bad_request', 'There is no such department.');
}

/** Admins: the ticket settings; with `save`, changes them first (audited with before and after when they changed). */
export async function ticketSettings(db: Db, admin: Viewer, save?: TicketSettings): Promise<TicketSettings> {
  requireAdmin(admin, 'manage ticket settings');
  if (!save) return readTicketSettings(db, admin.accountId);
  await db.transaction(async (tx) => {
    const before = await readTicketSettings(tx, admin.accountId);
    await tx.query(
      `INSERT INTO ticket_settings (account_id, reopen_days, close_after_days, business_hours, email_address) VALUES ($1, $2, $3, $4::jsonb, $5)
       ON CONFLICT (account_id) DO UPDATE SET reopen_days = $2, close_after_days = $3, business_hours = $4::jsonb, email_address = $5`,
      [admin.accountId, save.reopenDays, save.closeAfterDays, save.businessHours ? JSON.stringify(save.businessHours) : null, save.emailAddress],
    );
    if (JSON.stringify(before) !== JSON.stringify(save)) {
      await recordAudit(tx, { accountId: admin.accountId, actorId: admin.id, action: 'settings.update', targetType: 'ticket_settings', targetId: null, details: { before, after: save } });
    }
  });
  return readTicketSettings(db, admin.accountId);
}
