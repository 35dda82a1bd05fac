import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../server/db/db';
import type { TicketPriority, TicketStatus } from '../../shared/tickets';

/**
 * Departments, ticket types, SLA targets and tickets written straight into the tables of
 * migration 0020, for tests and benches that need tickets without the requests that make them.
 */

export async function seedDepartment(
  db: Queryable, accountId: string, name: string, members: { userId: string; isLead?: boolean }[] = [],
): Promise<string> {
  const id = randomUUID();
  await db.query('INSERT INTO departments (id, account_id, name) VALUES ($1, $2, $3)', [id, accountId, name]);
  for (const m of members) {
    await db.query('INSERT INTO department_members (department_id, user_id, is_lead) VALUES ($1, $2, $3)', [id, m.userId, m.isLead ?? false]);
  }
  return id;
}

export async function seedTicketType(db: Queryable, accountId: string, name: string, position = 0): Promise<string> {
  const id = randomUUID();
  await db.query('INSERT INTO ticket_types (id, account_id, name, position) VALUES ($1, $2, $3, $4)', [id, accountId, name, position]);
  return id;
}

export async function seedSlaTarget(
  db: Queryable, accountId: string,
  target: { typeId: string | null; priority: TicketPriority; firstResponseMinutes?: number | null; resolutionMinutes?: number | null; warnBeforeMinutes: number },
): Promise<void> {
  await db.query(
    `INSERT INTO ticket_sla_targets (id, account_id, type_id, priority, first_response_minutes, resolution_minutes, warn_before_minutes)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [randomUUID(), accountId, target.typeId, target.priority, target.firstResponseMinutes ?? null, target.resolutionMinutes ?? null, target.warnBeforeMinutes],
  );
}

export type SeedTicket = {
  subject?: string;
  typeId?: string | null;
  priority?: TicketPriority;
  status?: TicketStatus;
  departmentId?: string | null;
  assigneeId?: string | null;
  createdAt?: Date;
  firstResponseDueAt?: Date | null;
  resolutionDueAt?: Date | null;
  firstRespondedAt?: Date | null;
  solvedAt?: Date | null;
  closedAt?: Date | null;
  deletedAt?: Date | null;
};

/** One ticket with the next number and sequence number of its account. */
export async function seedTicket(db: Queryable, accountId: string, t: SeedTicket = {}): Promise<{ id: string; number: number }> {
  const id = randomUUID();
  const [{ seq }] = (await db.query<{ seq: string }>('SELECT next_change_seq($1) AS seq', [accountId])) as [{ seq: string }];
  const [{ number }] = (await db.query<{ number: number }>(
    'SELECT COALESCE(max(number), 0) + 1 AS number FROM tickets WHERE account_id = $1', [accountId],
  )) as [{ number: number }];
  const createdAt = t.createdAt ?? new Date();
  await db.query(
    `INSERT INTO tickets (id, account_id, number, subject, type_id, priority, status, department_id, assignee_id, source,
       first_response_due_at, resolution_due_at, first_responded_at, solved_at, closed_at, seq, created_at, updated_at, deleted_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'agent', $10, $11, $12, $13, $14, $15, $16, $16, $17)`,
    [id, accountId, number, t.subject ?? `Ticket ${number}`, t.typeId ?? null, t.priority ?? 'normal', t.status ?? 'new',
      t.departmentId ?? null, t.assigneeId ?? null, t.firstResponseDueAt ?? null, t.resolutionDueAt ?? null, t.firstRespondedAt ?? null,
      t.solvedAt ?? null, t.closedAt ?? null, Number(seq), createdAt, t.deletedAt ?? null],
  );
  return { id, number: Number(number) };
}
