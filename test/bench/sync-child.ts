import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import sqlite3 from 'sqlite3';
import { Connection } from '../../main/core/connection';
import { SqliteDb } from '../../main/core/cache/sqlite';
import { sql as cacheSchema } from '../../main/core/cache/migrations/0001-initial';
import { cacheFile } from '../../main/core/workspace';
import { startCore } from '../support/core-harness';
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
  // the cache write. They wrap the real methods and add nothing but two clock reads.
  let pages = 0;
  let requestMs = 0;
  let writeMs = 0;
  let writes = 0;
  const request = Connection.prototype.request;
  Connection.prototype.request = async function (this: Connection, ...args: Parameters<typeof request>) {
    const t = now();
    try {
      return await request.apply(this, args);
    } finally {
      if (args[0] === 'sync:changes') {
        pages++;
        requestMs += now() - t;
      }
    }
  } as typeof request;
  const write = SqliteDb.prototype.write;
  SqliteDb.prototype.write = async function <T>(this: SqliteDb, fn: (tx: never) => Promise<T>) {
    return write.call(this, async (tx) => {
      const t = now();
      try {
        return await fn(tx as never);
      } finally {
        writes++;
        writeMs += now() - t;
      }
    });
  } as typeof write;

  const agent = startCore(job.dataDir);
  const sampler = new MemorySampler(50);
  const t0 = now();
  const state = await agent.call('session.login', { serverUrl: job.serverUrl, email: job.email, password: job.password });
  const file = cacheFile(job.dataDir, state.user!.id);
  const reader = await openReadonly(file);
  try {
    await until(
      async () => Number((await get<{ value: string }>(reader, "SELECT value FROM sync_state WHERE key = 'cursor'"))?.value ?? 0) >= job.headSeq,
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
    return { ms, memory, conversations: list.length, messages, listMs, cacheFile: file, pages, requestMs, writeMs, writes, payloadBytes: bytes };
  } finally {
    await close(reader);
    await agent.core.dispose();
  }
}

type Row = [string, string | number, string | number, string | null, string];

/** The baseline: the same rows the core stored, inserted in one transaction with prepared statements. */
async function runInsert(job: InsertJob): Promise<InsertAnswer> {
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
  const sampler = new MemorySampler(50);
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
