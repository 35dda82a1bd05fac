import { randomUUID } from 'node:crypto';
import { openDb } from '../../server/db/open-db';
import type { Db } from '../../server/db/db';
import { breachingSql, slaDueSql, slaTargetJoinsSql } from '../../server/domain/tickets/sla/sla-sql';
import { insertUser } from '../support/server-fixture';
import { seedDepartment, seedSlaTarget, seedTicketType } from '../support/ticket-seed';
import { emit, log, median, now, round } from './report';

const BENCH = 'ticket-list';
const TICKETS = 100_000;
const AGENTS = 40;
const DEPARTMENTS = 8;
const TYPES = 6;
const PAGE = 50;
/** The deep page: the 11th, after 500 rows. */
const DEEP_OFFSET = 500;
const ROUNDS = Number(process.env.TICKET_BENCH_ROUNDS ?? 100);
/** Rounds run first and not counted: the first reads of a query plan and its pages. */
const WARM_UP = 5;

const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

type Seeded = { accountId: string; me: string; myDepartments: string[]; longestWarnMinutes: number };

/**
 * 100,000 tickets of one account over 90 days: 40 agents (one in seven tickets unassigned), 8
 * departments, 6 types with SLA targets, half the tickets solved or closed, due times spread
 * from overdue to days ahead. Written with generate_series straight into migration 0020's tables.
 */
async function seed(db: Db): Promise<Seeded> {
  const accountId = randomUUID();
  await db.query('INSERT INTO accounts (id, name) VALUES ($1, $2)', [accountId, 'Ticket bench']);
  const users: string[] = [];
  for (let i = 0; i < AGENTS; i++) users.push((await insertUser(db, accountId, { name: `Agent ${i}` })).id);
  const me = users[0]!;
  const departments: string[] = [];
  for (let i = 0; i < DEPARTMENTS; i++) {
    const members = users.filter((_u, k) => k % DEPARTMENTS === i || (i < 2 && k === 0)).map((userId) => ({ userId, isLead: false }));
    departments.push(await seedDepartment(db, accountId, `Department ${i}`, members));
  }
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
    [accountId, types, departments, users, TICKETS],
  );
  await db.query('UPDATE accounts SET seq = $2 WHERE id = $1', [accountId, TICKETS]);
  await db.exec('ANALYZE tickets; ANALYZE ticket_sla_targets; ANALYZE department_members');
  const [{ minutes }] = (await db.query<{ minutes: number }>(
    'SELECT max(warn_before_minutes) AS minutes FROM ticket_sla_targets WHERE account_id = $1', [accountId],
  )) as [{ minutes: number }];
  return { accountId, me, myDepartments: departments.slice(0, 2), longestWarnMinutes: Math.max(60, Number(minutes)) };
}

const ACTIVE = `t.status NOT IN ('solved', 'closed')`;
/** The due time the SLA state turns on: what the breaching list is sorted by. */
const DUE = slaDueSql('t');

/**
 * One saved filter of the Tickets view, as a list query over the working tickets (not solved or
 * closed): `where` is what every variant of the query shares, `sortKey` what it sorts by (the
 * breaching list by the nearest due time, the others by the latest change).
 */
type View = {
  name: string; where: string; joins?: string; sortKey: string; descending: boolean;
  /** $2, $3, … of `where` ($1 is the account). */
  values: (s: Seeded, at: Date) => unknown[];
  /** Only for the indexed queries: a looser condition the planner can answer from an index. */
  indexHint?: (s: Seeded) => string;
  /** With the working-set indexes: one ordered index read per department, merged (`where` reads d.id). */
  perDepartment?: boolean;
};

const views: View[] = [
  { name: 'mine', where: `t.assignee_id = $2 AND ${ACTIVE}`, sortKey: 't.updated_at', descending: true, values: (s) => [s.me] },
  {
    name: 'my_department', where: `t.department_id = ANY($2::text[]) AND ${ACTIVE}`, sortKey: 't.updated_at', descending: true,
    values: (s) => [s.myDepartments], perDepartment: true,
  },
  { name: 'unassigned', where: `t.assignee_id IS NULL AND ${ACTIVE}`, sortKey: 't.updated_at', descending: true, values: () => [] },
  {
    name: 'breaching',
    joins: slaTargetJoinsSql('t'),
    where: breachingSql('$2', 't'),
    // The account's longest warning bounds the due times, so an index on them can find the candidates.
    indexHint: (s) => `AND ${DUE} <= $2::timestamptz + interval '${s.longestWarnMinutes} minutes'`,
    sortKey: DUE, descending: false, values: (_s, at) => [at],
  },
];

/**
 * What a migration could add for these lists: the working tickets (not solved, closed or deleted)
 * in list order per assignee, unassigned, per department and by nearest due time, so a page is read in order
 * and stops after 50 rows. Created after the 0020 indexes were measured, in the same run.
 */
const WORKING_SET_INDEXES = `
  CREATE INDEX bench_tickets_working_assignee_idx ON tickets (account_id, assignee_id, updated_at DESC, id DESC)
    WHERE deleted_at IS NULL AND status NOT IN ('solved', 'closed');
  CREATE INDEX bench_tickets_working_unassigned_idx ON tickets (account_id, updated_at DESC, id DESC)
    WHERE deleted_at IS NULL AND status NOT IN ('solved', 'closed') AND assignee_id IS NULL;
  CREATE INDEX bench_tickets_working_department_idx ON tickets (account_id, department_id, updated_at DESC, id DESC)
    WHERE deleted_at IS NULL AND status NOT IN ('solved', 'closed');
  CREATE INDEX bench_tickets_working_due_idx ON tickets (account_id, (${slaDueSql('tickets')}), id)
    WHERE deleted_at IS NULL AND status NOT IN ('solved', 'closed');
  ANALYZE tickets;`;

type Row = { id: string; key: string };
type Variant = 'indexes_0020' | 'working_set_indexes';

const base = (v: View) => `FROM tickets t ${v.joins ?? ''} WHERE t.account_id = $1 AND t.deleted_at IS NULL AND ${v.where}`;
const direction = (v: View) => (v.descending ? 'DESC' : 'ASC');
const order = (v: View, key = v.sortKey, id = 't.id') => `ORDER BY ${key} ${direction(v)}, ${id} ${direction(v)}`;

/** The baseline: the same filter read with OFFSET paging and the planner kept off every index. */
async function naivePage(db: Db, v: View, s: Seeded, at: Date, offset: number): Promise<Row[]> {
  return db.transaction(async (tx) => {
    await tx.exec('SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off; SET LOCAL enable_indexonlyscan = off');
    return tx.query<Row>(
      `SELECT t.id, (${v.sortKey})::text AS key ${base(v)} ${order(v)} LIMIT ${PAGE} OFFSET ${offset}`,
      [s.accountId, ...v.values(s, at)],
    );
  });
}

/** A measured query: keyset paging from the last row of the previous page, on the indexes of `variant`. */
async function keysetPage(db: Db, v: View, s: Seeded, at: Date, after: Row | null, variant: Variant): Promise<Row[]> {
  const params: unknown[] = [s.accountId, ...v.values(s, at)];
  let cursor = '';
  if (after) {
    params.push(after.key, after.id);
    cursor = `AND (${v.sortKey}, t.id) ${v.descending ? '<' : '>'} ($${params.length - 1}::timestamptz, $${params.length}::text)`;
  }
  if (variant === 'working_set_indexes' && v.perDepartment) {
    const one = base(v).replace('t.department_id = ANY($2::text[])', 't.department_id = d.id');
    return db.query<Row>(
      `SELECT x.id, x.key FROM unnest($2::text[]) AS d(id) CROSS JOIN LATERAL (
         SELECT t.id, ${v.sortKey} AS sort, (${v.sortKey})::text AS key ${one} ${cursor} ${order(v)} LIMIT ${PAGE}) x
       ${order(v, 'x.sort', 'x.id')} LIMIT ${PAGE}`,
      params,
    );
  }
  return db.query<Row>(`SELECT t.id, (${v.sortKey})::text AS key ${base(v)} ${v.indexHint?.(s) ?? ''} ${cursor} ${order(v)} LIMIT ${PAGE}`, params);
}

/** With TICKET_BENCH_EXPLAIN set: the plans of the measured queries, on stderr. */
async function explain(db: Db, v: View, s: Seeded, at: Date, after: Row, variant: Variant): Promise<void> {
  const original = db.query.bind(db);
  const planned: Db = Object.assign(Object.create(db) as Db, {
    query: (sql: string, params?: readonly unknown[]) => original(`EXPLAIN (ANALYZE, COSTS OFF) ${sql}`, params),
  });
  for (const page of [null, after]) {
    const plan = (await keysetPage(planned, v, s, at, page, variant)) as unknown as { 'QUERY PLAN': string }[];
    log(`${v.name} ${variant} ${page ? 'page 11' : 'first page'}:\n${plan.map((r) => r['QUERY PLAN']).join('\n')}`);
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<number> {
  const t0 = now();
  await fn();
  return now() - t0;
}

const ids = (rows: readonly Row[]) => rows.map((r) => r.id).join();

/** Measures one view on one set of indexes against the naive read, and prints its two figures. */
async function measure(db: Db, v: View, s: Seeded, at: Date, variant: Variant): Promise<void> {
  const [{ rows }] = (await db.query<{ rows: string }>(`SELECT count(*) AS rows ${base(v)}`, [s.accountId, ...v.values(s, at)])) as [{ rows: string }];
  if (Number(rows) < DEEP_OFFSET + PAGE) throw new Error(`${v.name}: ${rows} tickets, fewer than the deep page needs`);
  const naiveDeep = await naivePage(db, v, s, at, DEEP_OFFSET);
  const [cursor] = await naivePage(db, v, s, at, DEEP_OFFSET - 1);
  // The same rows, or the comparison means nothing.
  if (ids(await keysetPage(db, v, s, at, null, variant)) !== ids(await naivePage(db, v, s, at, 0))) throw new Error(`${v.name} ${variant}: the first pages differ`);
  if (!cursor || ids(await keysetPage(db, v, s, at, cursor, variant)) !== ids(naiveDeep)) throw new Error(`${v.name} ${variant}: the deep pages differ`);
  if (process.env.TICKET_BENCH_EXPLAIN) await explain(db, v, s, at, cursor, variant);
  const samples = { first: [] as number[], deep: [] as number[], naiveFirst: [] as number[], naiveDeep: [] as number[] };
  for (let i = 0; i < WARM_UP; i++) {
    for (const page of [null, cursor]) await keysetPage(db, v, s, at, page, variant);
    for (const offset of [0, DEEP_OFFSET]) await naivePage(db, v, s, at, offset);
  }
  for (let i = 0; i < ROUNDS; i++) {
    samples.first.push(await timed(() => keysetPage(db, v, s, at, null, variant)));
    samples.naiveFirst.push(await timed(() => naivePage(db, v, s, at, 0)));
    samples.deep.push(await timed(() => keysetPage(db, v, s, at, cursor, variant)));
    samples.naiveDeep.push(await timed(() => naivePage(db, v, s, at, DEEP_OFFSET)));
  }
  const suffix = variant === 'indexes_0020' ? '' : `_${variant}`;
  // p99 of 100 rounds is near the slowest one; the medians beside it say what a typical read costs.
  const context = { tickets: TICKETS, rowsInView: Number(rows), pageSize: PAGE, rounds: ROUNDS, indexes: variant, database: 'pglite' };
  emit({
    bench: BENCH, figure: `${v.name}_first_page_ms_p99${suffix}`, value: percentile(samples.first, 99), unit: 'ms',
    baseline: { name: `${v.name}_no_index_first_page_ms_p99`, value: percentile(samples.naiveFirst, 99) }, ...context,
    p50Ms: round(median(samples.first)), baselineP50Ms: round(median(samples.naiveFirst)),
  });
  emit({
    bench: BENCH, figure: `${v.name}_page_11_ms_p99${suffix}`, value: percentile(samples.deep, 99), unit: 'ms',
    baseline: { name: `${v.name}_no_index_offset_${DEEP_OFFSET}_ms_p99`, value: percentile(samples.naiveDeep, 99) }, ...context,
    p50Ms: round(median(samples.deep)), baselineP50Ms: round(median(samples.naiveDeep)),
  });
}

/**
 * Ticket list filters at 100,000 tickets (PGlite, in memory): p99 of the first page and of the
 * 11th page of each saved filter (mine, my department, unassigned, breaching) with keyset paging,
 * first on the indexes of migration 0020, then with working-set indexes added (what a migration
 * could add), each against the same filter read with OFFSET paging and no index in the same run.
 * Every variant must return the rows the naive read returns.
 */
export async function ticketListBench(): Promise<void> {
  const db = await openDb({});
  try {
    const t0 = now();
    const s = await seed(db);
    log(`seeded ${TICKETS} tickets in ${((now() - t0) / 1000).toFixed(1)} s`);
    const at = new Date();
    for (const v of views) await measure(db, v, s, at, 'indexes_0020');
    await db.exec(WORKING_SET_INDEXES);
    for (const v of views) await measure(db, v, s, at, 'working_set_indexes');
  } finally {
    await db.close();
  }
}
