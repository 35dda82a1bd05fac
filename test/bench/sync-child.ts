import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import sqlite3 from 'sqlite3';
import { sql as cacheSchema } from '../../main/core/cache/migrations/0001-initial';
import { cacheFile } from '../../main/core/workspace';
import { startCore } from '../support/core-harness';
import { installProbes } from './probes';
import { MemorySampler, now, until, type MemoryPeaks } from './report';

/**
 * A child process for the initial-sync benchmark, so the memory measured is the client side's
 * alone (the server stays in the parent). Mode `core`: sign in and sync into an empty cache.
 * Mode `insert`: the baseline, a plain INSERT of the same rows into a fresh sqlite3 file.
 * The job arrives as one IPC message; the answer goes back the same way.
 */

export type CoreJob = {
  mode: 'core';
  dataDir: string;
  serverUrl: string;
  email: string;
  password: string;
  headSeq: number;
  timeoutMs: number;
};
export type InsertJob = { mode: 'insert'; sourceFile: string; targetFile: string };
export type ChildJob = CoreJob | InsertJob;

export type CoreAnswer = {
  ms: number;
  memory: MemoryPeaks;
  conversations: number;
  messages: number;
  listMs: number;
  cacheFile: string;
  pages: number;
  requestMs: number;
  writeMs: number;
  commitMs: number;
  writes: number;
  payloadBytes: number;
};
export type InsertAnswer = { ms: number; memory: MemoryPeaks; rows: number; payloadBytes: number; readMs: number };

process.once('message', (job: ChildJob) => {
  const work = job.mode === 'core' ? runCore(job) : runInsert(job);
  work.then(
    (answer) => process.send?.({ ok: true, answer }, () => process.exit(0)),
    (err: unknown) => process.send?.({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }, () => process.exit(1)),
  );
});

async function runCore(job: CoreJob): Promise<CoreAnswer> {
  // Rough timers around the two halves of each page: the request (server, socket, validation) and
  // the cache write transaction.
  const { stats } = installProbes();
  const sync = () => stats.requests['sync:changes'] ?? { count: 0, ms: 0, failures: 0, lastFailure: '' };
  let t0 = now();
  const lastPageAt = () => stats.lastAnswerAt['sync:changes'] ?? t0;
  let reported = 0;

  const agent = startCore(job.dataDir, {}, (event, payload) => {
    const state = payload as { status?: string; error?: { message: string } | null };
    if (event === 'connection.changed' && state.status === 'offline') {
      process.stderr.write(`[bench] sync child: connection dropped: ${state.error?.message ?? 'no reason given'}\n`);
    }
  });
  const sampler = new MemorySampler(50);
  t0 = now();
  const state = await agent.call('session.login', { serverUrl: job.serverUrl, email: job.email, password: job.password });
  const file = cacheFile(job.dataDir, state.user!.id);
  const reader = await openReadonly(file);
  let cursor = 0;
  const progress = setInterval(() => {
    process.stderr.write(`[bench] sync child: ${sync().count} pages, cursor ${cursor} of ${job.headSeq}\n`);
    if (sync().failures > reported) {
      reported = sync().failures;
      process.stderr.write(`[bench] sync child: a sync:changes request failed: ${sync().lastFailure}\n`);
    }
  }, 5_000);
  try {
    await until(
      async () => {
        cursor = Number((await get<{ value: string }>(reader, "SELECT value FROM sync_state WHERE key = 'cursor'"))?.value ?? 0);
        if (cursor < job.headSeq && now() - lastPageAt() > STALL_MS) {
          throw new Error(`the sync stalled at cursor ${cursor}: no page for ${STALL_MS / 1000} s (${sync().lastFailure || 'no request failed'})`);
        }
        return cursor >= job.headSeq;
      },
      'the sync cursor to reach the head',
      job.timeoutMs,
      25,
    );
    const ms = now() - t0;
    const memory = sampler.stop();
    const t1 = now();
    const list = await agent.call('conversations.list', {});
    const listMs = now() - t1;
    const messages = (await get<{ n: number }>(reader, 'SELECT count(*) AS n FROM messages'))!.n;
    const bytes = (await get<{ n: number }>(
      reader,
      'SELECT (SELECT coalesce(sum(length(CAST(data AS BLOB))), 0) FROM messages) + (SELECT coalesce(sum(length(CAST(data AS BLOB))), 0) FROM conversations) AS n',
    ))!.n;
    return {
      ms,
      memory,
      conversations: list.length,
      messages,
      listMs,
      cacheFile: file,
      pages: sync().count,
      requestMs: sync().ms,
      writeMs: stats.writeMs,
      commitMs: stats.commitMs,
      writes: stats.writes,
      payloadBytes: bytes,
    };
  } finally {
    clearInterval(progress);
    await close(reader);
    await agent.core.dispose();
  }
}

/** A page takes well under a second; this long without one means the sync stopped. */
const STALL_MS = 30_000;

type Row = [string, string | number, string | number, string | null, string];

/** The baseline: the same rows the core stored, inserted in one transaction with prepared statements. */
async function runInsert(job: InsertJob): Promise<InsertAnswer> {
  // Memory counts from before the rows are read: like the core, the baseline holds the data it writes.
  const sampler = new MemorySampler(50);
  const source = await openReadonly(job.sourceFile);
  const t0 = now();
  const conversations = await all<{ id: string; seq: number; last_message_at: string; data: string }>(
    source,
    'SELECT id, seq, last_message_at, data FROM conversations',
  );
  const messages = await all<{ id: string; conversation_id: string; seq: number; client_id: string | null; data: string }>(
    source,
    'SELECT id, conversation_id, seq, client_id, data FROM messages',
  );
  await close(source);
  const readMs = now() - t0;
  const conversationRows: Row[] = conversations.map((c) => [c.id, c.seq, c.last_message_at, null, c.data]);
  const messageRows: Row[] = messages.map((m) => [m.id, m.conversation_id, m.seq, m.client_id, m.data]);
  conversations.length = 0;
  messages.length = 0;
  let payloadBytes = 0;
  for (const r of [...conversationRows, ...messageRows]) payloadBytes += Buffer.byteLength(r[4]);

  mkdirSync(dirname(job.targetFile), { recursive: true });
  const start = now();
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const handle = new sqlite3.Database(job.targetFile, (err) => (err ? reject(err) : resolve(handle)));
  });
  // The same tables and indexes as the cache, the same journal settings.
  await exec(db, 'PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;');
  await exec(db, cacheSchema);
  await exec(db, 'BEGIN IMMEDIATE');
  await insertAll(db, "INSERT INTO conversations (id, seq, last_message_at, access, data) VALUES (?, ?, ?, 'full', ?)",
    conversationRows.map((r) => [r[0], r[1], r[2], r[4]]));
  await insertAll(db, 'INSERT INTO messages (id, conversation_id, seq, client_id, data) VALUES (?, ?, ?, ?, ?)', messageRows);
  await exec(db, 'COMMIT');
  const ms = now() - start;
  const memory = sampler.stop();
  await close(db);
  return { ms, memory, rows: conversationRows.length + messageRows.length, payloadBytes, readMs };
}

/** One prepared statement, every row handed to it at once; resolves when sqlite has run them all. */
function insertAll(db: sqlite3.Database, sql: string, rows: readonly unknown[][]): Promise<void> {
  return new Promise((resolve, reject) => {
    const stmt = db.prepare(sql);
    let failed: Error | null = null;
    for (const row of rows) stmt.run(row, (err: Error | null) => (err && !failed ? (failed = err) : undefined));
    stmt.finalize((err) => (failed || err ? reject(failed ?? err) : resolve()));
  });
}

function openReadonly(file: string): Promise<sqlite3.Database> {
  return new Promise<sqlite3.Database>((resolve, reject) => {
    const handle = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (err) => (err ? reject(err) : resolve(handle)));
  });
}

function get<T>(db: sqlite3.Database, sql: string): Promise<T | undefined> {
  return new Promise((resolve, reject) => db.get(sql, (err: Error | null, row: T | undefined) => (err ? reject(err) : resolve(row))));
}

function all<T>(db: sqlite3.Database, sql: string): Promise<T[]> {
  return new Promise((resolve, reject) => db.all(sql, (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows))));
}

function exec(db: sqlite3.Database, sql: string): Promise<void> {
  return new Promise((resolve, reject) => db.exec(sql, (err) => (err ? reject(err) : resolve())));
}

function close(db: sqlite3.Database): Promise<void> {
  return new Promise((resolve) => db.close(() => resolve()));
}
