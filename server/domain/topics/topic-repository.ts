import { randomUUID } from 'node:crypto';
import type { TopicPeriod, TopicRun } from '../../../shared/topics';
import type { Queryable } from '../../db/db';
import type { BuiltTopic, CustomerMessage } from './build-topics';

type RunRow = {
  id: string; account_id: string; period_days: number; period_from: Date; period_to: Date; status: TopicRun['status'];
  trigger: TopicRun['trigger']; method: string | null; message_count: number; clustered_count: number;
  created_at: Date; finished_at: Date | null;
};

/** How many finished runs per account and period are kept (with their topics); older ones are deleted. */
const RUNS_KEPT = 3;

export type StoredRun = TopicRun & { accountId: string; fromMs: number; toMs: number };

export function toRun(row: RunRow): StoredRun {
  return {
    id: row.id, accountId: row.account_id, days: Number(row.period_days) as TopicPeriod,
    from: new Date(row.period_from).toISOString(), to: new Date(row.period_to).toISOString(),
    fromMs: new Date(row.period_from).getTime(), toMs: new Date(row.period_to).getTime(),
    status: row.status, trigger: row.trigger, method: row.method,
    messageCount: Number(row.message_count), clusteredCount: Number(row.clustered_count),
    createdAt: new Date(row.created_at).toISOString(), finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
  };
}

/** A run as the desktop sees it (without the server's own fields). */
export function publicRun({ accountId: _account, fromMs: _from, toMs: _to, ...run }: StoredRun): TopicRun {
  return run;
}

/**
 * Queues a run of the last `days` days up to `now`, unless one of that period is already queued
 * or running: then that one is returned.
 */
export async function queueRun(
  db: Queryable, accountId: string, days: TopicPeriod, now: number, trigger: TopicRun['trigger'], requestedBy: string | null,
): Promise<StoredRun> {
  const waiting = await db.query<RunRow>(
    `SELECT * FROM topic_runs WHERE account_id = $1 AND period_days = $2 AND status IN ('queued', 'running') ORDER BY created_at DESC LIMIT 1`,
    [accountId, days],
  );
  if (waiting[0]) return toRun(waiting[0]);
  const rows = await db.query<RunRow>(
    `INSERT INTO topic_runs (id, account_id, period_days, period_from, period_to, trigger, requested_by, status, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'queued', $5) RETURNING *`,
    [randomUUID(), accountId, days, new Date(now - days * 86_400_000), new Date(now), trigger, requestedBy],
  );
  return toRun(rows[0]!);
}

/** Takes the oldest queued run for this node (none: null). */
export async function claimRun(db: Queryable, now: number): Promise<StoredRun | null> {
  const rows = await db.query<RunRow>(
    `UPDATE topic_runs SET status = 'running', started_at = $1
      WHERE id = (SELECT id FROM topic_runs WHERE status = 'queued' ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING *`,
    [new Date(now)],
  );
  return rows[0] ? toRun(rows[0]) : null;
}

/** The account's customer messages of a period (not internal, with a body), oldest first. */
export async function customerMessages(db: Queryable, run: StoredRun): Promise<CustomerMessage[]> {
  const rows = await db.query<{ id: string; conversation_id: string; body: string; created_at: Date }>(
    `SELECT id, conversation_id, body, created_at FROM messages
      WHERE account_id = $1 AND sender_type = 'contact' AND created_at >= $2 AND created_at < $3 AND NOT internal AND body <> ''
      ORDER BY created_at, id`,
    [run.accountId, new Date(run.fromMs), new Date(run.toMs)],
  );
  return rows.map((r) => ({ id: r.id, conversationId: r.conversation_id, body: r.body, createdAt: new Date(r.created_at).getTime() }));
}

/** Stores a finished run's topics and drops the account's older runs of the period beyond the last few. */
export async function saveTopics(
  tx: Queryable, run: StoredRun, topics: readonly BuiltTopic[], counts: { messages: number; clustered: number }, method: string, now: number,
): Promise<void> {
  for (const [position, t] of topics.entries()) {
    const id = randomUUID();
    await tx.query(
      `INSERT INTO topics (id, run_id, account_id, position, label, lang, message_count, conversation_count, trend, example_message_ids)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb)`,
      [id, run.id, run.accountId, position, t.label, t.lang, t.messages.length, t.conversationCount, JSON.stringify(t.trend), JSON.stringify(t.examples.map((e) => e.id))],
    );
    await tx.query(
      `INSERT INTO topic_messages (topic_id, message_id, conversation_id)
       SELECT $1, m, c FROM unnest($2::text[], $3::text[]) AS x(m, c)`,
      [id, t.messages.map((m) => m.id), t.messages.map((m) => m.conversationId)],
    );
  }
  await tx.query(
    `UPDATE topic_runs SET status = 'done', method = $2, message_count = $3, clustered_count = $4, finished_at = $5 WHERE id = $1`,
    [run.id, method, counts.messages, counts.clustered, new Date(now)],
  );
  await tx.query(
    `DELETE FROM topic_runs WHERE id IN (
       SELECT id FROM topic_runs WHERE account_id = $1 AND period_days = $2 AND status IN ('done', 'failed')
        ORDER BY created_at DESC OFFSET $3)`,
    [run.accountId, run.days, RUNS_KEPT],
  );
}

export async function failRun(db: Queryable, runId: string, error: string, now: number): Promise<void> {
  await db.query(`UPDATE topic_runs SET status = 'failed', error = $2, finished_at = $3 WHERE id = $1`, [runId, error.slice(0, 500), new Date(now)]);
}

/**
 * Accounts whose last nightly run of the period was created before `since`. Accounts that never had
 * one are included only with `withNew` (the boundary passed while the job was running).
 */
export async function accountsDueNightly(db: Queryable, days: TopicPeriod, since: number, withNew: boolean): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT a.id FROM accounts a
      WHERE NOT EXISTS (SELECT 1 FROM topic_runs r WHERE r.account_id = a.id AND r.period_days = $1 AND r.trigger = 'nightly' AND r.created_at >= $2)
        AND ($3 OR EXISTS (SELECT 1 FROM topic_runs r WHERE r.account_id = a.id AND r.period_days = $1 AND r.trigger = 'nightly'))
      ORDER BY a.id`,
    [days, new Date(since), withNew],
  );
  return rows.map((r) => r.id);
}

/** Runs left running by a node that stopped (they would otherwise hold their period's queue forever). */
export async function requeueStale(db: Queryable, startedBefore: number): Promise<void> {
  await db.query(`UPDATE topic_runs SET status = 'queued', started_at = NULL WHERE status = 'running' AND started_at < $1`, [new Date(startedBefore)]);
}
