import type { User } from '../../../shared/domain';
import type { Queryable } from '../../db/db';
import type { TicketViewer } from './ticket-permissions';

/** The departments a user belongs to and leads now, and their skill groups (archived departments still count: their tickets remain). */
export async function loadTicketViewer(db: Queryable, user: Pick<User, 'id' | 'accountId' | 'role' | 'name'>): Promise<TicketViewer> {
  const rows = await db.query<{ department_id: string; is_lead: boolean }>(
    `SELECT m.department_id, m.is_lead FROM department_members m JOIN departments d ON d.id = m.department_id
      WHERE m.user_id = $1 AND d.account_id = $2 ORDER BY m.department_id`,
    [user.id, user.accountId],
  );
  const groups = await db.query<{ skill_group_id: string }>('SELECT skill_group_id FROM user_skill_groups WHERE user_id = $1 ORDER BY skill_group_id', [user.id]);
  return {
    id: user.id,
    accountId: user.accountId,
    role: user.role,
    name: user.name,
    departmentIds: rows.map((r) => r.department_id),
    leadOf: rows.filter((r) => r.is_lead).map((r) => r.department_id),
    groupIds: groups.map((g) => g.skill_group_id),
  };
}
