import { randomUUID } from 'node:crypto';
import type { Db, Queryable, Tx } from '../../server/db/db';
import { openDb } from '../../server/db/open-db';
import { sendContactMessage } from '../../server/domain/conversations/send-contact-message';
import { EventBus } from '../../server/domain/events';
import { Router } from '../../server/domain/routing/router';
import { startsRouting } from '../../server/domain/routing/routing-trigger';
import { SensitiveWordCache } from '../../server/domain/sensitive/sensitive-screen';
import { createThrowawayDatabase, insertUser, postgresReachable } from '../support/server-fixture';
import { emit, log, median } from './report';

const BENCH = 'routing-cost';
const QUEUES = [10, 2_000] as const;
const MESSAGES = 40;
const ARRIVALS = 15;

/** What one operation cost the database: statements, transactions and rows they returned. */
type Cost = { queries: number; transactions: number; rows: number };

/** A Db that counts what goes through it (statements inside transactions included). */
function counting(db: Db): { db: Db; cost: Cost } {
  const cost: Cost = { queries: 0, transactions: 0, rows: 0 };
  const wrap = <Q extends Queryable>(q: Q): Queryable => ({
    async query<T>(sql: string, params?: readonly unknown[]) {
      cost.queries += 1;
      const rows = await q.query<T>(sql, params);
      cost.rows += rows.length;
      return rows;
    },
    exec: (sql: string) => q.exec(sql),
  });
  const counted: Db = {
    ...wrap(db),
    kind: db.kind,
    transaction<T>(fn: (tx: Tx) => Promise<T>) {
      cost.transactions += 1;
      return db.transaction((tx) => fn(wrap(tx)));
    },
    close: () => db.close(),
  };
  return { db: counted, cost };
}

type Account = { accountId: string; channelId: string; assignedContactId: string; queuedContactId: string };

/**
 * An account whose two agents are online and full (one chat each), so the queue never drains:
 * `queued` waiting conversations, one of them the customer who writes, plus one assigned
 * conversation whose customer writes too.
 */
async function seedAccount(db: Db, queued: number): Promise<Account> {
  const accountId = randomUUID();
  const channelId = randomUUID();
  await db.query('INSERT INTO accounts (id, name) VALUES ($1, $2)', [accountId, 'Routing cost']);
  await db.query("INSERT INTO channels (id, account_id, kind, name) VALUES ($1, $2, 'widget', 'Web')", [channelId, accountId]);
  const agents = [];
  for (let i = 0; i < 2; i++) {
    const agent = await insertUser(db, accountId, { name: `Agent ${i}`, maxChats: 1 });
    await db.query("UPDATE users SET presence = 'online', presence_changed_at = now() WHERE id = $1", [agent.id]);
    agents.push(agent);
  }
  await db.query(
    `INSERT INTO contacts (id, account_id, name) SELECT $1 || '-' || g, $1, 'Customer ' || g FROM generate_series(1, $2::int + 2) g`,
    [accountId, queued],
  );
  // Two assigned (the agents' one chat each), then the queue.
  await db.query(
    `INSERT INTO conversations (id, account_id, channel_id, contact_id, seq, routing_state, assignee_id, waiting_since, assigned_at)
     SELECT $1 || '-cv-' || g, $1, $2, $1 || '-' || g, 0, 'assigned', ($3::text[])[g], now(), now() FROM generate_series(1, 2) g`,
    [accountId, channelId, agents.map((a) => a.id)],
  );
  await db.query(
    `INSERT INTO conversations (id, account_id, channel_id, contact_id, seq, routing_state, waiting_since)
     SELECT $1 || '-cv-' || g, $1, $2, $1 || '-' || g, 0, 'queued', now() - make_interval(secs => $3::int + 2 - g)
     FROM generate_series(3, $3::int + 2) g`,
    [accountId, channelId, queued],
  );
  return { accountId, channelId, assignedContactId: `${accountId}-1`, queuedContactId: `${accountId}-3` };
}

type Path = 'every message runs routing' | 'only routing changes run routing';

/** Sends `count` customer messages and reports the median per-message time and the mean database cost. */
async function measure(
  db: Db, router: Router, account: Account, contactId: string, count: number, path: Path, fresh = false,
): Promise<{ ms: number; cost: Cost }> {
  const counted = counting(db);
  const words = new SensitiveWordCache(() => undefined);
  const times: number[] = [];
  const total: Cost = { queries: 0, transactions: 0, rows: 0 };
  for (let i = 0; i < count; i++) {
    const contact = fresh ? await newContact(db, account.accountId) : contactId;
    Object.assign(counted.cost, { queries: 0, transactions: 0, rows: 0 });
    const t0 = performance.now();
    const change = await sendContactMessage(
      counted.db, { accountId: account.accountId, channelId: account.channelId, contactId: contact }, { clientId: randomUUID(), body: `message ${i}` }, words,
    );
    // As the server does: a message that starts routing is an arrival (only it is placed and told).
    if (path === 'every message runs routing') await router.kick(account.accountId, [change.conversation.id]);
    else if (startsRouting(change)) await router.kick(account.accountId, [change.conversation.id], { arrivals: true });
    times.push(performance.now() - t0);
    total.queries += counted.cost.queries;
    total.transactions += counted.cost.transactions;
    total.rows += counted.cost.rows;
  }
  return { ms: median(times), cost: { queries: total.queries / count, transactions: total.transactions / count, rows: total.rows / count } };
}

async function newContact(db: Db, accountId: string): Promise<string> {
  const id = randomUUID();
  await db.query('INSERT INTO contacts (id, account_id, name) VALUES ($1, $2, $3)', [id, accountId, 'Newcomer']);
  return id;
}

async function benchOn(label: string, db: Db): Promise<void> {
  const results = new Map<string, { ms: number; cost: Cost }>();
  for (const queued of QUEUES) {
    const account = await seedAccount(db, queued);
    // Seeded in a few statements, the tables grew without the statistics a database that grew to
    // this size has (PostgreSQL's autovacuum, PGlite's AnalyzeSchedule): analysed as they would be.
    await db.exec('ANALYZE');
    // The router reads through the same counter as the message, so a run's statements count too.
    const counted = counting(db);
    const router = new Router({
      db: counted.db, events: new EventBus(() => undefined), connections: { count: async () => 1, close: () => undefined },
      clock: () => Date.now(), logError: (err) => log(`routing error: ${String(err)}`),
    });
    await router.kick(account.accountId);
    const run = async (name: string, contactId: string, count: number, path: Path, fresh = false) => {
      const before = { ...counted.cost };
      const r = await measure(db, router, account, contactId, count, path, fresh);
      const routed = { queries: (counted.cost.queries - before.queries) / count, rows: (counted.cost.rows - before.rows) / count };
      const cost = { queries: r.cost.queries + routed.queries, transactions: r.cost.transactions, rows: r.cost.rows + routed.rows };
      results.set(`${name} ${queued}`, { ms: r.ms, cost });
      log(`${label}, ${queued} queued, ${name}: ${r.ms.toFixed(2)} ms, ${cost.queries.toFixed(1)} statements, ${cost.rows.toFixed(0)} rows`);
    };
    await run('assigned/old', account.assignedContactId, MESSAGES, 'every message runs routing');
    await run('assigned/new', account.assignedContactId, MESSAGES, 'only routing changes run routing');
    await run('queued/old', account.queuedContactId, MESSAGES, 'every message runs routing');
    await run('queued/new', account.queuedContactId, MESSAGES, 'only routing changes run routing');
    await run('arrival', '', ARRIVALS, 'only routing changes run routing', true);
    await router.stop();
  }
  const figure = (name: string, what: string, pick: (r: { ms: number; cost: Cost }) => number, unit: string, baseline: string, extra = {}) => {
    const value = results.get(name)!;
    const base = results.get(baseline)!;
    emit({ bench: BENCH, figure: `${label}: ${what}`, value: pick(value), unit, baseline: { name: baseline, value: pick(base) }, database: label, ...extra });
  };
  for (const conv of ['assigned', 'queued'] as const) {
    for (const queued of QUEUES) {
      const what = `message in ${conv === 'assigned' ? 'an' : 'a'} ${conv} conversation, ${queued} queued`;
      figure(`${conv}/new ${queued}`, `${what} (ms)`, (r) => r.ms, 'ms', `${conv}/old ${queued}`);
      figure(`${conv}/new ${queued}`, `${what} (statements)`, (r) => r.cost.queries, 'statements', `${conv}/old ${queued}`);
      figure(`${conv}/new ${queued}`, `${what} (rows read back)`, (r) => r.cost.rows, 'rows', `${conv}/old ${queued}`);
    }
    // The growth itself: the new path with 2,000 queued against 10 queued.
    figure(`${conv}/new 2000`, `message in ${conv === 'assigned' ? 'an' : 'a'} ${conv} conversation, 2000 vs 10 queued (ms)`, (r) => r.ms, 'ms', `${conv}/new 10`);
  }
  figure('arrival 2000', 'a new conversation joining 2000 vs 10 queued (ms)', (r) => r.ms, 'ms', 'arrival 10');
  figure('arrival 2000', 'a new conversation joining 2000 vs 10 queued (statements)', (r) => r.cost.queries, 'statements', 'arrival 10');
}

/**
 * The cost of one customer message on the server, with 10 and with 2,000 conversations queued:
 * the path that started a routing run for every message ("old") against the one that starts a run
 * only when the message opened a conversation or the bot handed it over ("new"), measured in the
 * same run on PGlite and, when reachable, on PostgreSQL. Also a new conversation's arrival (which
 * does run routing) with 10 and 2,000 queued.
 */
export async function routingCostBench(): Promise<void> {
  const pglite = await openDb({});
  try {
    await benchOn('PGlite', pglite);
  } finally {
    await pglite.close();
  }
  if (!(await postgresReachable())) {
    log('skipped PostgreSQL: not reachable at 127.0.0.1:5432');
    return;
  }
  const database = await createThrowawayDatabase('empty');
  const pg = await openDb({ databaseUrl: database.url });
  try {
    await benchOn('PostgreSQL', pg);
  } finally {
    await pg.close();
    await database.drop();
  }
}
