import { randomUUID } from 'node:crypto';
import type { Db } from '../../server/db/db';
import type { User } from '../../shared/domain';
import { insertUser } from '../support/server-fixture';
import { seedDepartment, seedSlaTarget, seedTicketType } from '../support/ticket-seed';

export const BENCH_TICKETS = 100_000;
const AGENTS = 40;
const DEPARTMENTS = 8;
const TYPES = 6;

/** The seeded account and the two people whose lists are measured. */
export type TicketBenchSeed = {
  accountId: string;
  /** Sees the whole account; member of departments 0 and 1, assignee of about one ticket in 47. */
  admin: User;
  /** Department staff: sees departments 2 and 3 and the tickets assigned to them. */
  staff: User;
};

/**
 * 100,000 tickets of one account over 90 days: 40 people (an admin, a department staff member,
 * agents; one ticket in seven unassigned), 8 departments, 6 types with SLA targets, half the
 * tickets solved or closed, due times spread from overdue to days ahead. Written with one
 * INSERT … SELECT over generate_series straight into migration 0020's tables.
 */
export async function seedTicketBench(db: Db, options: { analyze?: boolean } = {}): Promise<TicketBenchSeed> {
  const accountId = randomUUID();
  await db.query('INSERT INTO accounts (id, name) VALUES ($1, $2)', [accountId, 'Ticket bench']);
  const people: Awaited<ReturnType<typeof insertUser>>[] = [];
  for (let i = 0; i < AGENTS; i++) {
    const role = i === 0 ? 'admin' : i === 1 ? 'staff' : 'agent';
    people.push(await insertUser(db, accountId, { name: `Person ${i}`, role }));
  }
  const users = people.map((p) => p.id);
  for (let i = 0; i < DEPARTMENTS; i++) {
    const members = users.filter((_u, k) => (k >= 2 && k % DEPARTMENTS === i) || (k === 0 && i < 2) || (k === 1 && (i === 2 || i === 3)));
    await seedDepartment(db, accountId, `Department ${i}`, members.map((userId) => ({ userId })));
  }
  const departments = (await db.query<{ id: string }>('SELECT id FROM departments WHERE account_id = $1 ORDER BY name', [accountId])).map((d) => d.id);
  const types: string[] = [];
  for (let i = 0; i < TYPES; i++) types.push(await seedTicketType(db, accountId, `Type ${i}`, i));
  for (const priority of ['low', 'normal', 'high', 'urgent'] as const) {
    await seedSlaTarget(db, accountId, { typeId: null, priority, firstResponseMinutes: 240, resolutionMinutes: 2880, warnBeforeMinutes: 60 });
    await seedSlaTarget(db, accountId, { typeId: types[0]!, priority, firstResponseMinutes: 30, resolutionMinutes: 480, warnBeforeMinutes: 15 });
  }
  await db.query(
    `INSERT INTO tickets (id, account_id, number, subject, type_id, priority, status, department_id, assignee_id, source,
       first_response_due_at, resolution_due_at, first_responded_at, solved_at, closed_at, seq, created_at, updated_at)
     SELECT 'tk-' || g, $1, g, 'Ticket ' || g, ($2::text[])[1 + (g / 3) % ${TYPES}],
            (ARRAY['low', 'normal', 'high', 'urgent'])[1 + (g / 7) % 4],
            (ARRAY['closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'solved', 'solved', 'solved', 'solved',
                   'new', 'new', 'new', 'open', 'open', 'open', 'in_progress', 'in_progress', 'waiting_on_customer', 'waiting_on_customer'])[1 + g % 20],
            ($3::text[])[1 + (g / 11) % ${DEPARTMENTS}],
            CASE WHEN (g / 13) % 7 = 0 THEN NULL ELSE ($4::text[])[1 + (g / 20) % ${AGENTS}] END,
            'agent',
            now() + make_interval(mins => (g * 101) % 4000 - 1000),
            now() + make_interval(mins => (g * 103) % 20000 - 2000),
            CASE WHEN g % 2 = 0 THEN now() - make_interval(mins => g % 600) END,
            CASE WHEN g % 20 BETWEEN 6 AND 9 THEN now() - make_interval(mins => g % 900) END,
            CASE WHEN g % 20 < 6 THEN now() - make_interval(mins => g % 900) END,
            g,
            now() - make_interval(mins => 1000 + (g * 7919) % 129600),
            now() - make_interval(mins => (g * 7919) % 129600)
       FROM generate_series(1, $5::int) g`,
    [accountId, types, departments, users, BENCH_TICKETS],
  );
  await db.query('SELECT setval(change_seq_name($1), $2, true)', [accountId, BENCH_TICKETS]);
  if (options.analyze ?? true) await db.exec('ANALYZE tickets; ANALYZE ticket_sla_targets; ANALYZE department_members; ANALYZE departments; ANALYZE users');
  const asUser = (p: (typeof people)[number]): User => ({ id: p.id, accountId, email: `${p.id}@test.invalid`, name: p.name, role: p.role });
  return { accountId, admin: asUser(people[0]!), staff: asUser(people[1]!) };
}
