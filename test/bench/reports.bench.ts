import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { openDb } from '../../server/db/open-db';
import type { Db } from '../../server/db/db';
import { reportRunners } from '../../server/domain/reports/run-report';
import type { ReportWindow } from '../../server/domain/reports/report-window';
import { reportNames, type ReportName } from '../../shared/reports';
import { insertUser } from '../support/server-fixture';
import { emit, log, median, now } from './report';

const BENCH = 'reports';
const CONVERSATIONS = 100_000;
/** Ten messages per conversation: 1,000,000. */
const MESSAGES_PER_CONVERSATION = 10;
const AGENTS = 40;
const GROUPS = 8;
const DAYS = 180;
/** The period measured: the last 30 days (about 16,700 conversations), and the whole 180 days. */
const PERIODS = [30, DAYS] as const;
const ROUNDS = Number(process.env.REPORTS_BENCH_ROUNDS ?? 5);
/** The baseline reads every message per run: fewer rounds keep the bench bounded. */
const BASELINE_ROUNDS = Number(process.env.REPORTS_BENCH_BASELINE_ROUNDS ?? 2);
const TARGET_MS = 1000;

type Seeded = { accountId: string; agents: string[]; groups: string[]; today: string };

/**
 * One account: 40 agents, 8 skill groups, one channel per kind, 100,000 conversations over 180
 * days (a tenth left with the bot, a tenth handed over by it, one in twenty a left message, one in
 * twenty abandoned, the rest assigned; most resolved), 1,000,000 messages (customer, bot or agent
 * lines, one internal note each), bot turns with sentiment, satisfaction answers and tags.
 * Written with generate_series straight into the tables.
 */
async function seed(db: Db): Promise<Seeded> {
  const accountId = randomUUID();
  await db.query('INSERT INTO accounts (id, name) VALUES ($1, $2)', [accountId, 'Reports bench']);
  const agents: string[] = [];
  for (let i = 0; i < AGENTS; i++) agents.push((await insertUser(db, accountId, { name: `Agent ${i}` })).id);
  const groups: string[] = [];
  for (let i = 0; i < GROUPS; i++) {
    const id = randomUUID();
    await db.query('INSERT INTO skill_groups (id, account_id, name) VALUES ($1, $2, $3)', [id, accountId, `Group ${i}`]);
    groups.push(id);
  }
  const kinds = ['widget', 'whatsapp', 'telegram', 'wechat', 'email'];
  const channels: string[] = [];
  for (const kind of kinds) {
    const id = randomUUID();
    await db.query('INSERT INTO channels (id, account_id, kind, name) VALUES ($1, $2, $3, $3)', [id, accountId, kind]);
    channels.push(id);
  }
  const tags: string[] = [];
  for (const [i, kind] of ['reason', 'reason', 'reason', 'outcome', 'outcome', 'other'].entries()) {
    const id = randomUUID();
    await db.query('INSERT INTO conversation_tags (id, account_id, name, kind) VALUES ($1, $2, $3, $4)', [id, accountId, `Tag ${i}`, kind]);
    tags.push(id);
  }
  const today = new Date().toISOString().slice(0, 10);
  await db.query(
    `INSERT INTO contacts (id, account_id, name) SELECT 'ct-' || g, $1, 'Customer ' || g FROM generate_series(1, $2::int) g`,
    [accountId, CONVERSATIONS],
  );
  // Kind of conversation by g % 20: 0, 10 bot only; 1, 11 handed over by the bot; 2 left message; 3 abandoned; else assigned.
  await db.query(
    `INSERT INTO conversations (id, account_id, channel_id, contact_id, status, assignee_id, seq, last_message_at, created_at,
       group_id, routing_state, assigned_at, resolved_at, left_message)
     SELECT 'cv-' || g, $1, ($2::text[])[1 + g % 5], 'ct-' || g,
            CASE WHEN g % 20 IN (0, 10) OR g % 7 = 0 THEN 'open' ELSE 'resolved' END,
            CASE WHEN g % 20 IN (0, 10, 2, 3) THEN NULL ELSE ($3::text[])[1 + (g / 3) % ${AGENTS}] END,
            g, created + interval '10 minutes', created,
            CASE WHEN g % 20 IN (0, 10) THEN NULL ELSE ($4::text[])[1 + (g / 5) % ${GROUPS}] END,
            CASE WHEN g % 20 IN (0, 10) THEN 'bot' WHEN g % 20 = 2 THEN 'pending' WHEN g % 20 = 3 THEN 'queued' ELSE 'assigned' END,
            CASE WHEN g % 20 IN (0, 10, 2, 3) THEN NULL ELSE created + make_interval(secs => 30 + g % 600) END,
            CASE WHEN g % 20 IN (0, 10) OR g % 7 = 0 THEN NULL ELSE created + make_interval(secs => 900 + g % 7200) END,
            g % 20 = 2
       FROM (SELECT g, $5::date::timestamptz + interval '1 day' - make_interval(mins => 1 + (g * 7919) % (${DAYS} * 1440)) AS created
               FROM generate_series(1, $6::int) g) s`,
    [accountId, channels, agents, groups, today, CONVERSATIONS],
  );
  const t0 = now();
  await db.query(
    `INSERT INTO messages (id, account_id, conversation_id, seq, sender_type, sender_id, body, created_at, internal)
     SELECT 'ms-' || c.seq || '-' || k, $1, c.id, c.seq * 10 + k,
            CASE WHEN k % 2 = 0 THEN 'contact' WHEN c.assignee_id IS NULL OR (c.routing_state = 'assigned' AND k = 1 AND c.seq % 20 IN (1, 11)) THEN 'bot' ELSE 'agent' END,
            CASE WHEN k % 2 = 1 THEN c.assignee_id END,
            'message ' || k, c.created_at + make_interval(secs => 60 * k + c.seq % 50), k = 9 AND c.assignee_id IS NOT NULL
       FROM conversations c CROSS JOIN generate_series(0, ${MESSAGES_PER_CONVERSATION - 1}) k
      WHERE c.account_id = $1`,
    [accountId],
  );
  log(`messages written in ${((now() - t0) / 1000).toFixed(1)} s`);
  await db.query(
    `INSERT INTO bot_turns (account_id, conversation_id, action, via, handoff_reason, lang, sentiment, state, created_at)
     SELECT $1, c.id, CASE WHEN c.routing_state <> 'bot' AND k = 2 THEN 'handoff' ELSE 'answer' END, 'none',
            CASE WHEN c.routing_state <> 'bot' AND k = 2 THEN 'request' END, 'zh', ((c.seq * 37 + k * 11) % 200 - 100) / 100.0, '{}'::jsonb,
            c.created_at + make_interval(secs => 20 * k)
       FROM conversations c CROSS JOIN generate_series(0, 2) k
      WHERE c.account_id = $1 AND c.seq % 20 IN (0, 10, 1, 11)`,
    [accountId],
  );
  await db.query(
    `INSERT INTO csat_requests (id, account_id, conversation_id, token, channel_id, channel_kind, agent_id, group_id, language, sent_at, expires_at)
     SELECT 'cr-' || c.seq, $1, c.id, 'tok-' || c.seq, c.channel_id, ch.kind, c.assignee_id, c.group_id, 'zh', c.resolved_at, c.resolved_at + interval '7 days'
       FROM conversations c JOIN channels ch ON ch.id = c.channel_id
      WHERE c.account_id = $1 AND c.resolved_at IS NOT NULL AND c.assignee_id IS NOT NULL AND c.seq % 3 = 0`,
    [accountId],
  );
  await db.query(
    `INSERT INTO csat_answers (conversation_id, request_id, account_id, rating, via, agent_id, group_id, channel_id, channel_kind, first_answered_at, answered_at)
     SELECT r.conversation_id, r.id, $1, 1 + (hashtext(r.id) & 2147483647) % 5, 'link', r.agent_id, r.group_id, r.channel_id, r.channel_kind,
            r.sent_at + interval '5 minutes', r.sent_at + interval '5 minutes'
       FROM csat_requests r WHERE r.account_id = $1`,
    [accountId],
  );
  await db.query(
    `INSERT INTO conversation_tag_links (conversation_id, tag_id, account_id, added_by, added_at)
     SELECT c.id, ($2::text[])[1 + c.seq % 6], $1, c.assignee_id, c.resolved_at
       FROM conversations c WHERE c.account_id = $1 AND c.resolved_at IS NOT NULL`,
    [accountId, tags],
  );
  // As autovacuum leaves a PostgreSQL server: statistics current, pages marked visible (index-only reads).
  for (const table of ['conversations', 'messages', 'bot_turns', 'csat_answers', 'conversation_tag_links', 'channels']) await db.exec(`VACUUM ANALYZE ${table}`);
  return { accountId, agents, groups, today };
}

const dayBefore = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

function windowOf(s: Seeded, days: number, filter: Partial<Pick<ReportWindow, 'agentId' | 'groupId' | 'channelKind'>>): ReportWindow {
  const to = dayBefore(s.today, -1);
  const from = dayBefore(to, days);
  return {
    accountId: s.accountId, from, to, start: new Date(`${from}T00:00:00Z`), end: new Date(`${to}T00:00:00Z`), timeZone: 'UTC', now: new Date(),
    channelKind: filter.channelKind ?? null, groupId: filter.groupId ?? null, agentId: filter.agentId ?? null,
  };
}

/** Runs one report `rounds` times; answers the median time and the last figures. */
async function timed(db: Db, name: ReportName, w: ReportWindow, rounds: number, naive: boolean): Promise<{ ms: number; figures: unknown }> {
  const times: number[] = [];
  let figures: unknown;
  for (let i = 0; i < rounds; i++) {
    const t0 = now();
    figures = naive
      ? await db.transaction(async (tx) => {
        await tx.exec('SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off; SET LOCAL enable_indexonlyscan = off');
        return reportRunners[name](tx, { ...w, plan: 'aggregate' });
      })
      : await reportRunners[name](db, w);
    times.push(now() - t0);
  }
  return { ms: median(times), figures };
}

/**
 * Each report over the last 30 days and over the whole 180 days, for the account and for one
 * agent: measured with the report indexes (migration 0025) against the baseline, the
 * straightforward query (every message and bot turn grouped once, index scans off), in the same
 * run. The two must give the same figures.
 */
export async function reportsBench(): Promise<void> {
  const db = await openDb({});
  try {
    const t0 = now();
    const s = await seed(db);
    log(`seeded ${CONVERSATIONS} conversations, ${CONVERSATIONS * MESSAGES_PER_CONVERSATION} messages in ${((now() - t0) / 1000).toFixed(1)} s`);
    for (const days of PERIODS) {
      for (const [scope, filter] of [['account', {}], ['agent', { agentId: s.agents[3]! }]] as const) {
        if (scope === 'agent' && days !== PERIODS[0]) continue;
        const w = windowOf(s, days, filter);
        for (const name of reportNames) {
          await timed(db, name, w, 1, false); // warm-up
          const indexed = await timed(db, name, w, ROUNDS, false);
          const naive = await timed(db, name, w, BASELINE_ROUNDS, true);
          if (!isDeepStrictEqual(indexed.figures, naive.figures)) throw new Error(`${name} (${days} days, ${scope}): the indexed and the baseline figures differ`);
          emit({
            bench: BENCH, figure: `${name}_${days}d_${scope}_ms`, value: indexed.ms, unit: 'ms',
            baseline: { name: 'aggregate_every_message_no_index_scans', value: naive.ms },
            targetMs: TARGET_MS, underTarget: indexed.ms < TARGET_MS, rounds: ROUNDS, baselineRounds: BASELINE_ROUNDS,
            conversations: CONVERSATIONS, messages: CONVERSATIONS * MESSAGES_PER_CONVERSATION, periodDays: days, database: 'pglite',
          });
        }
      }
    }
  } finally {
    await db.close();
  }
}
