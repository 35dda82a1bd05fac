import type { Db, Queryable } from '../../server/db/db';
import { openDb } from '../../server/db/open-db';
import { listTickets } from '../../server/domain/tickets/ticket-queries';
import type { User } from '../../shared/domain';
import { ticketListQuerySchema, type TicketListQuery } from '../../shared/tickets';
import { emit, log, median, now, round, percentile } from './report';
import { BENCH_TICKETS, seedTicketBench, type TicketBenchSeed } from './ticket-bench-seed';

const BENCH = 'ticket-list';
const PAGE = 50;
/** The deep page: the 11th, reached by following nextCursor ten times. */
const DEEP_PAGE = 11;
const ROUNDS = Number(process.env.TICKET_BENCH_ROUNDS ?? 40);
/** Rounds run first and not counted: the first reads of a query plan and its pages. */
const WARM_UP = 3;
/** The planner kept off every index: what the same call costs when no index serves it. */
const NO_INDEX = 'SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off; SET LOCAL enable_indexonlyscan = off';


/** A saved view of the Tickets screen as the desktop asks for it (the default sort unless named). */
type Case = { name: string; query: Partial<TicketListQuery> };
const WORKING = ['new', 'open', 'in_progress', 'waiting_on_customer'] as const;
const cases: Case[] = [
  { name: 'mine', query: { view: 'mine' } },
  { name: 'my_department', query: { view: 'my_department' } },
  { name: 'unassigned', query: { view: 'unassigned' } },
  { name: 'breaching', query: { view: 'breaching' } },
  { name: 'breaching_by_due', query: { view: 'breaching', sort: 'due' } },
  { name: 'all_working', query: { view: 'all', status: [...WORKING] } },
];

type Lister = (q: TicketListQuery) => Promise<{ ids: string[]; nextCursor: string | null }>;

/** The product's listTickets as the request handler calls it. */
const indexed = (db: Queryable, user: User, at: number): Lister => async (q) => {
  const { tickets, nextCursor } = await listTickets(db, user, q, at);
  return { ids: tickets.map((t) => t.id), nextCursor };
};

/** The baseline: the same call in a transaction where the planner may use no index. */
const noIndex = (db: Db, user: User, at: number): Lister => (q) =>
  db.transaction(async (tx) => {
    await tx.exec(NO_INDEX);
    return indexed(tx, user, at)(q);
  });

/** With TICKET_BENCH_EXPLAIN set: listTickets' page query is explained (and still answered) on stderr. */
function explaining(db: Queryable, label: string): Queryable {
  return {
    exec: (sql) => db.exec(sql),
    async query<T>(sql: string, params?: readonly unknown[]) {
      if (sql.includes('AS sort_key')) {
        const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, COSTS OFF) ${sql}`, params);
        log(`${label}:\n${plan.map((r) => r['QUERY PLAN']).join('\n')}`);
      }
      return db.query<T>(sql, params);
    },
  };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = now();
  await fn();
  return now() - t0;
}

/** The cursor of page `n` (1: none), following nextCursor from the first page. */
async function cursorOf(list: Lister, base: TicketListQuery, n: number, what: string): Promise<string | undefined> {
  let cursor: string | undefined;
  for (let page = 1; page < n; page++) {
    const next = (await list({ ...base, cursor })).nextCursor;
    if (!next) throw new Error(`${what}: no page ${page + 1}`);
    cursor = next;
  }
  return cursor;
}

/** Measures one view for one person, first page and page 11, against the no-index call, and prints the two figures. */
async function measure(db: Db, who: 'admin' | 'staff', user: User, c: Case, at: number): Promise<void> {
  const what = `${who}.${c.name}`;
  const base = ticketListQuerySchema.parse({ ...c.query, limit: PAGE });
  const ours = indexed(db, user, at);
  const naive = noIndex(db, user, at);
  const deep = await cursorOf(ours, base, DEEP_PAGE, what);
  // The same rows and the same next page, or the comparison means nothing.
  for (const [page, cursor] of [['first page', undefined], [`page ${DEEP_PAGE}`, deep]] as const) {
    const [a, b] = [await ours({ ...base, cursor }), await naive({ ...base, cursor })];
    if (a.ids.join() !== b.ids.join() || a.nextCursor !== b.nextCursor) throw new Error(`${what}: the ${page} differs without indexes`);
    if (a.ids.length !== PAGE) throw new Error(`${what}: the ${page} has ${a.ids.length} tickets, not ${PAGE}`);
  }
  if (process.env.TICKET_BENCH_EXPLAIN) {
    for (const [page, cursor] of [['first page', undefined], [`page ${DEEP_PAGE}`, deep]] as const) {
      await listTickets(explaining(db, `${what} ${page}`), user, { ...base, cursor }, at);
    }
  }
  const samples = { first: [] as number[], deep: [] as number[], naiveFirst: [] as number[], naiveDeep: [] as number[] };
  for (let i = 0; i < WARM_UP; i++) {
    for (const cursor of [undefined, deep]) {
      await ours({ ...base, cursor });
      await naive({ ...base, cursor });
    }
  }
  // Interleaved, so neither side gets a quieter machine.
  for (let i = 0; i < ROUNDS; i++) {
    samples.first.push(await timed(() => ours(base)));
    samples.naiveFirst.push(await timed(() => naive(base)));
    samples.deep.push(await timed(() => ours({ ...base, cursor: deep })));
    samples.naiveDeep.push(await timed(() => naive({ ...base, cursor: deep })));
  }
  const context = {
    tickets: BENCH_TICKETS, viewer: who, role: user.role, view: base.view, sort: base.sort, status: base.status ?? null,
    pageSize: PAGE, rounds: ROUNDS, measured: 'listTickets (server/domain/tickets/ticket-queries.ts)', database: db.kind,
  };
  // p99 of the rounds is near the slowest one; the medians beside it say what a typical read costs.
  emit({
    bench: BENCH, figure: `${what}_first_page_ms_p99`, value: percentile(samples.first, 99), unit: 'ms',
    baseline: { name: `${what}_no_index_first_page_ms_p99`, value: percentile(samples.naiveFirst, 99) }, ...context,
    p50Ms: round(median(samples.first)), baselineP50Ms: round(median(samples.naiveFirst)),
  });
  emit({
    bench: BENCH, figure: `${what}_page_${DEEP_PAGE}_ms_p99`, value: percentile(samples.deep, 99), unit: 'ms',
    baseline: { name: `${what}_no_index_page_${DEEP_PAGE}_ms_p99`, value: percentile(samples.naiveDeep, 99) }, ...context,
    p50Ms: round(median(samples.deep)), baselineP50Ms: round(median(samples.naiveDeep)),
  });
}

/**
 * The server's ticket list at 100,000 tickets (PGlite, in memory): p99 of the real listTickets
 * for the saved views (mine, my department, unassigned, breaching by the default sort and by due
 * time, all working tickets), as an admin (the whole account) and as department staff, first page
 * and page 11 (following nextCursor). Baseline in the same run: the same call in a transaction
 * with index scans turned off. Both must return the same tickets and the same next cursor.
 */
export async function ticketListBench(): Promise<void> {
  const db = await openDb({});
  try {
    const t0 = now();
    const s: TicketBenchSeed = await seedTicketBench(db);
    log(`ticket-list: seeded ${BENCH_TICKETS} tickets in ${((now() - t0) / 1000).toFixed(1)} s`);
    const at = Date.now();
    for (const [who, user] of [['admin', s.admin], ['staff', s.staff]] as const) {
      for (const c of cases) await measure(db, who, user, c, at);
    }
  } finally {
    await db.close();
  }
}
