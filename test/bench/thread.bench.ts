import sqlite3 from 'sqlite3';
import { startServer, type RunningServer } from '../../server/app';
import { cacheFile } from '../../main/core/workspace';
import { startCore, type TestCore } from '../support/core-harness';
import { connectAgent, login, request } from '../support/server-fixture';
import { emit, log, median, now, TempDirs, until } from './report';
import { seedBulk } from './seed';

const BENCH = 'thread.open';
const MESSAGES = 5000;
const FIRST = 50;
const RUNS_FIRST = 20;
const RUNS_FULL = 10;
const SUPERVISOR = { email: 'supervisor@demo.test', password: 'demo-supervisor' };
const LAST_N = 'SELECT data FROM (SELECT data, seq FROM messages WHERE conversation_id = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq';
const ALL = 'SELECT data FROM messages WHERE conversation_id = ? ORDER BY seq';

/**
 * Opening a cached thread of 5,000 messages: `messages.list` with limit 50 and without a limit,
 * answered from the warm cache, against the same SELECT run directly on the cache file.
 */
export async function threadBench(): Promise<void> {
  const temp = new TempDirs();
  let server: RunningServer | undefined;
  let agent: TestCore | undefined;
  let reader: sqlite3.Database | undefined;
  try {
    server = await startServer({ port: 0, dataDir: await temp.make('thread-server'), seed: 'if-empty' });
    const seed = await seedBulk(server.db, 'thread', 1, MESSAGES);
    const conversationId = seed.conversationId(1);
    log(`thread: seeded one conversation with ${MESSAGES} messages; signing in and syncing`);

    const dataDir = await temp.make('thread-core');
    agent = startCore(dataDir);
    const state = await agent.call('session.login', { serverUrl: server.url, ...SUPERVISOR });
    reader = await openReadonly(cacheFile(dataDir, state.user!.id));
    await until(
      async () => Number((await all<{ value: string }>(reader!, "SELECT value FROM sync_state WHERE key = 'cursor'", []))[0]?.value ?? 0) >= seed.headSeq,
      'the sync to reach the head',
      60_000,
      50,
    );

    // The first open of a thread fetches it whole from the server once; after that it is warm.
    let t = now();
    const firstOpen = await agent.call('messages.list', { conversationId });
    const firstOpenMs = now() - t;
    if (firstOpen.length !== MESSAGES) throw new Error(`the thread has ${firstOpen.length} messages, expected ${MESSAGES}`);
    const tokens = await login(server.url, SUPERVISOR.email, SUPERVISOR.password);
    const socket = await connectAgent(server.url, tokens.accessToken);
    const rawTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      t = now();
      const r = await request<{ messages: unknown[] }>(socket, 'messages:list', { conversationId });
      rawTimes.push(now() - t);
      if (!r.ok || r.data.messages.length !== MESSAGES) throw new Error('the bare messages:list request failed');
    }
    socket.close();

    // Warm both paths a little before measuring.
    for (let i = 0; i < 3; i++) {
      await agent.call('messages.list', { conversationId, limit: FIRST });
      await all(reader, LAST_N, [conversationId, FIRST]);
    }
    const core50: number[] = [];
    const base50: number[] = [];
    const parse50: number[] = [];
    for (let i = 0; i < RUNS_FIRST; i++) {
      t = now();
      const rows = await agent.call('messages.list', { conversationId, limit: FIRST });
      core50.push(now() - t);
      if (rows.length !== FIRST || rows[FIRST - 1]!.seq !== firstOpen[MESSAGES - 1]!.seq) throw new Error('messages.list did not answer the newest 50');
      t = now();
      const raw = await all<{ data: string }>(reader, LAST_N, [conversationId, FIRST]);
      base50.push(now() - t);
      raw.map((r) => JSON.parse(r.data) as unknown);
      parse50.push(now() - t);
    }
    const coreAll: number[] = [];
    const baseAll: number[] = [];
    const parseAll: number[] = [];
    for (let i = 0; i < RUNS_FULL; i++) {
      t = now();
      const rows = await agent.call('messages.list', { conversationId });
      coreAll.push(now() - t);
      if (rows.length !== MESSAGES) throw new Error(`messages.list answered ${rows.length} messages, expected ${MESSAGES}`);
      t = now();
      const raw = await all<{ data: string }>(reader, ALL, [conversationId]);
      baseAll.push(now() - t);
      raw.map((r) => JSON.parse(r.data) as unknown);
      parseAll.push(now() - t);
    }
    log(`thread: first open (online, fetches the thread once) ${Math.round(firstOpenMs)} ms; bare messages:list ${rawTimes.map(Math.round).join(', ')} ms`);

    const where = 'messages.list through the contract dispatch, client core in this process, warm cache (thread already complete)';
    emit({
      bench: BENCH,
      figure: 'ms_first_50_rows',
      value: median(core50),
      unit: 'ms',
      baseline: { name: `sqlite3 on the cache file: ${LAST_N}`, value: median(base50) },
      statistic: `median of ${RUNS_FIRST}`,
      runs: RUNS_FIRST,
      thread_messages: MESSAGES,
      measured: where,
      baseline_with_json_parse_ms: Math.round(median(parse50) * 1000) / 1000,
    });
    emit({
      bench: BENCH,
      figure: 'ms_all_5000_rows',
      value: median(coreAll),
      unit: 'ms',
      baseline: { name: `sqlite3 on the cache file: ${ALL}`, value: median(baseAll) },
      statistic: `median of ${RUNS_FULL}`,
      runs: RUNS_FULL,
      measured: where,
      baseline_with_json_parse_ms: Math.round(median(parseAll) * 1000) / 1000,
    });
    emit({
      bench: BENCH,
      figure: 'ms_first_open_online',
      value: firstOpenMs,
      unit: 'ms',
      baseline: { name: 'bare socket.io messages:list of the same thread (median of 3)', value: median(rawTimes) },
      note: 'the first messages.list of a thread not yet fetched whole: asks the server for all of it, stores it, then reads the cache',
    });
  } finally {
    if (reader) await new Promise<void>((resolve) => reader!.close(() => resolve()));
    await agent?.core.dispose().catch(() => undefined);
    await server?.close().catch(() => undefined);
    await temp.cleanup();
  }
}

function openReadonly(file: string): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const handle = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (err) => (err ? reject(err) : resolve(handle)));
  });
}

function all<T>(db: sqlite3.Database, sql: string, params: unknown[]): Promise<T[]> {
  return new Promise((resolve, reject) => db.all(sql, params, (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows))));
}
