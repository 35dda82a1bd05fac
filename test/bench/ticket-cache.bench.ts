import { join } from 'node:path';
import { TICKET_LIST_MAX, type TicketListArgs } from '../../shared/contract';
import type { User } from '../../shared/domain';
import type { Ticket } from '../../shared/tickets';
import { FieldCipher } from '../../main/core/cache/field-cipher';
import { migrate } from '../../main/core/cache/migrate';
import { SqliteDb } from '../../main/core/cache/sqlite';
import { TicketCache } from '../../main/core/cache/ticket-cache';
import { ticketCorpus } from '../../main/core/testing/ticket-corpus';
import { FakeTicketServer } from '../../main/core/testing/ticket-fixtures';
import { selectTickets, type TicketViewer } from '../../main/core/tickets/ticket-list';
import { ticketListColumns } from '../../main/core/tickets/ticket-list-sql';
import { TicketsService } from '../../main/core/tickets/tickets-service';
import { emit, log, median, now, round, TempDirs, percentile } from './report';

const BENCH = 'ticket-cache';
const TICKETS = 100_000;
const ROUNDS = Number(process.env.TICKET_CACHE_BENCH_ROUNDS ?? 50);
/** The baseline opens every cached ticket per call (seconds each at this size): fewer rounds. */
const BASELINE_ROUNDS = Number(process.env.TICKET_CACHE_BENCH_BASELINE_ROUNDS ?? 4);
const WARM_UP = 2;
const AT = Date.parse('2026-12-01T12:00:00Z');
const ME: User = { id: 'u-0', accountId: 'acc', email: 'admin@bench.invalid', name: 'Admin', role: 'admin' };
const VIEWER: TicketViewer = { userId: ME.id, myDepartmentIds: ['d-0', 'd-1'] };


/** A saved view as the Tickets screen asks for it (the default sort and first page unless named). */
type Case = { name: string; args: TicketListArgs };
const cases: Case[] = [
  { name: 'mine', args: { view: 'mine' } },
  { name: 'my_department', args: { view: 'my_department' } },
  { name: 'unassigned', args: { view: 'unassigned' } },
  { name: 'breaching', args: { view: 'breaching' } },
  { name: 'breaching_by_due', args: { view: 'breaching', sort: 'due' } },
  { name: 'all_working', args: { view: 'all', status: ['new', 'open', 'in_progress', 'waiting_on_customer'] } },
  { name: 'all_most_shown', args: { view: 'all', limit: TICKET_LIST_MAX } },
];

/**
 * 100,000 tickets of an admin's cache (every ticket of the account), written in batches the way
 * putTickets stores them (sealed data, clear list columns), without its per-row statements.
 */
async function seed(db: SqliteDb, cipher: FieldCipher, tickets: readonly Ticket[]): Promise<void> {
  const BATCH = 5_000;
  for (let i = 0; i < tickets.length; i += BATCH) {
    await db.write((tx) =>
      tx.runMany(
        `INSERT INTO tickets (id, seq, number, status, updated_at, assignee_id, department_id, type_id, priority_rank, created_at, due_order, breaching_from, data)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        tickets.slice(i, i + BATCH).map((t) => {
          const c = ticketListColumns(t);
          return [t.id, t.seq, t.number, t.status, t.updatedAt, c.assignee_id, c.department_id, c.type_id, c.priority_rank, c.created_at, c.due_order, c.breaching_from, cipher.seal(t)];
        }),
      ),
    );
  }
}

/** The list before it was SQL: every cached ticket opened, then filtered and sorted in JS, all of them returned. */
async function loadAllAndFilter(db: SqliteDb, cipher: FieldCipher, args: TicketListArgs): Promise<Ticket[]> {
  const rows = await db.all<{ data: string }>('SELECT data FROM tickets ORDER BY updated_at DESC, number DESC');
  return selectTickets(rows.map((r) => cipher.open<Ticket>(r.data)), args, VIEWER, AT);
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = now();
  await fn();
  return now() - t0;
}

/**
 * The desktop's Tickets list at 100,000 cached tickets (an admin's cache: the whole account) in an
 * SQLite file: p99 of TicketsService.list() for the saved views (the first 200 in SQL, only those
 * opened), against the list as it was (every ticket opened and filtered in JS) in the same run.
 * Both must list the same tickets first and count the same. Also: the one-time fill of the list
 * columns for a cache written before them, against one read of the old list.
 */
export async function ticketCacheBench(): Promise<void> {
  const temp = new TempDirs();
  const db = await SqliteDb.open(join(await temp.make('ticket-cache'), 'cache.sqlite'));
  const cipher = FieldCipher.random();
  const cache = new TicketCache(db, cipher);
  const service = new TicketsService(cache, new FakeTicketServer(), () => undefined, () => ME, {
    clock: { now: () => AT, after: () => ({ cancel: () => undefined }) },
  });
  try {
    await migrate(db);
    const t0 = now();
    const tickets = ticketCorpus(TICKETS, {
      now: AT,
      assignees: Array.from({ length: 40 }, (_, i) => `u-${i}`),
      departments: Array.from({ length: 8 }, (_, i) => `d-${i}`),
      types: Array.from({ length: 6 }, (_, i) => `type-${i}`),
    });
    await seed(db, cipher, tickets);
    await cache.setMeta({ types: [], departments: [], myDepartmentIds: [...VIEWER.myDepartmentIds], leadOf: [] });
    log(`ticket-cache: seeded ${TICKETS} tickets in ${((now() - t0) / 1000).toFixed(1)} s`);
    const context = { tickets: TICKETS, viewer: 'admin (every ticket of the account cached)', sqlite: 'file, WAL, synchronous=FULL', rounds: ROUNDS, baselineRounds: BASELINE_ROUNDS };

    for (const c of cases) {
      const ours = await service.list(c.args);
      const old = await loadAllAndFilter(db, cipher, c.args);
      // The same tickets first and the same count, or the comparison means nothing.
      if (ours.tickets.map((t) => t.id).join() !== old.slice(0, ours.tickets.length).map((t) => t.id).join() || ours.total !== old.length) {
        throw new Error(`${c.name}: the SQL list differs from the old one`);
      }
      const samples = { ours: [] as number[], base: [] as number[] };
      for (let i = 0; i < WARM_UP; i++) await service.list(c.args);
      // Interleaved, so neither side gets a quieter machine.
      for (let i = 0; i < ROUNDS; i++) {
        samples.ours.push(await timed(() => service.list(c.args)));
        if (i % Math.ceil(ROUNDS / BASELINE_ROUNDS) === 0) samples.base.push(await timed(() => loadAllAndFilter(db, cipher, c.args)));
      }
      emit({
        bench: BENCH, figure: `${c.name}_list_ms_p99`, value: percentile(samples.ours, 99), unit: 'ms',
        baseline: { name: `${c.name}_open_all_and_filter_ms_p99`, value: percentile(samples.base, 99) },
        view: c.args.view, sort: c.args.sort ?? 'updated', status: c.args.status ?? null, shown: ours.tickets.length, matching: ours.total,
        p50Ms: round(median(samples.ours)), baselineP50Ms: round(median(samples.base)), ...context,
      });
    }

    // A cache written before the list columns: each ticket opened once to fill them, when the cache opens.
    await db.write((tx) => tx.run('UPDATE tickets SET created_at = NULL'));
    const fillMs = await timed(() => cache.fillListColumns());
    const oneOldRead = await timed(() => loadAllAndFilter(db, cipher, { view: 'all' }));
    emit({
      bench: BENCH, figure: 'fill_list_columns_once_ms', value: fillMs, unit: 'ms',
      baseline: { name: 'one_open_all_and_filter_ms', value: oneOldRead },
      note: 'once, when a cache written before migration 0009 is opened', tickets: TICKETS,
    });
  } finally {
    service.dispose();
    await db.close();
    await temp.cleanup();
  }
}
