import { AppError } from '../../../../shared/errors';
import type { TicketStatsScope } from '../../../../shared/ticket-stats';
import type { Queryable } from '../../../db/db';
import type { Viewer } from '../../conversations/permissions';

/**
 * Which tickets a caller's figures count. `assigneeId` set: only those assigned to them, or (with
 * `departmentIds`) also every ticket of those departments.
 */
export type StatsFilter = {
  scope: TicketStatsScope;
  assigneeId: string | null;
  departmentIds: string[] | null;
  /** The one department asked for, if any. */
  departmentId: string | null;
};

/**
 * Supervisors and admins count the whole account; a department lead their departments and what is
 * assigned to them; anyone else (agents, department staff) only what is assigned to them. Asking
 * for one department: a lead gets all of it, a plain member their own tickets in it, and someone
 * outside it is refused with `forbidden`.
 */
export async function statsFilter(db: Queryable, user: Viewer, departmentId: string | undefined): Promise<StatsFilter> {
  if (user.role === 'admin' || user.role === 'supervisor') {
    return { scope: 'account', assigneeId: null, departmentIds: null, departmentId: departmentId ?? null };
  }
  const memberships = await db.query<{ department_id: string; is_lead: boolean }>(
    `SELECT m.department_id, m.is_lead FROM department_members m JOIN departments d ON d.id = m.department_id
      WHERE m.user_id = $1 AND d.account_id = $2`,
    [user.id, user.accountId],
  );
  const leads = memberships.filter((m) => m.is_lead).map((m) => m.department_id);
  if (departmentId !== undefined) {
    const member = memberships.find((m) => m.department_id === departmentId);
    if (!member) throw new AppError('forbidden', 'You can only see the figures of departments you belong to.');
    return member.is_lead
      ? { scope: 'departments', assigneeId: null, departmentIds: null, departmentId }
      : { scope: 'own', assigneeId: user.id, departmentIds: null, departmentId };
  }
  if (leads.length > 0) return { scope: 'departments', assigneeId: user.id, departmentIds: leads, departmentId: null };
  return { scope: 'own', assigneeId: user.id, departmentIds: null, departmentId: null };
}
