import { randomUUID } from 'node:crypto';
import sqlite3 from 'sqlite3';
import type { Socket } from 'socket.io-client';
import { startServer, type RunningServer } from '../../server/app';
import type { Result } from '../../shared/errors';
import type { ThreadMessage } from '../../shared/contract';
import { cacheFile } from '../../main/core/workspace';
import { startCore, type TestCore } from '../support/core-harness';
import { connectAgent, login } from '../support/server-fixture';
import { TcpProxy } from '../support/tcp-proxy';
import { connectVisitor } from '../support/visitor';
import { installProbes } from './probes';
import { emit, log, now, sleep, TempDirs, until } from './report';

const BENCH = 'outbox.flush';
const CONVERSATIONS = 100;
const PER_CONVERSATION = 10;
const TOTAL = CONVERSATIONS * PER_CONVERSATION;
const AGENT = { email: 'wang.fang@demo.test', password: 'demo-agent' };
/** Both runs use bodies of the same length; the prefixes tell them apart in the database. */
const CORE_PREFIX = 'bench-outbox';
const RAW_PREFIX = 'bench-rawemt';
const FILLER = '好的，我们马上为您处理这个问题，请稍等片刻。We are on it, one moment please.';
const ACK_TIMEOUT_MS = 120_000;

const bodyOf = (prefix: string, c: number, r: number) => `${prefix} c${c} r${r} ${FILLER}`;

type Integrity = { stored: number; losses: number; duplicates: number; outOfOrderConversations: number; strangers: number };

/**
 * 1,000 replies written offline across 100 conversations, then the network comes back: how long
 * until the server has acked all of them, and whether any was lost, doubled or reordered. The
 * baseline fires the same 1,000 payloads over a bare socket.io /agent socket and awaits the acks.
 */
export async function outboxBench(): Promise<void> {
  const temp = new TempDirs();
  let server: RunningServer | undefined;
  let proxy: TcpProxy | undefined;
  let agent: TestCore | undefined;
  let raw: Socket | undefined;
  let probes: ReturnType<typeof installProbes> | undefined;
  try {
    server = await startServer({ port: 0, dataDir: await temp.make('outbox-server'), seed: 'if-empty' });
    log(`outbox: server ${server.url} (PGlite), creating ${CONVERSATIONS + 1} conversations through the widget`);

    // One real visitor message per conversation, plus one conversation for warming the server up.
    for (let i = 0; i <= CONVERSATIONS; i++) {
      const visitor = await connectVisitor(server.url, { name: `Bench visitor ${i}` });
      const sent = await visitor.send(`bench visitor ${i}: hello, where is my order?`);
      visitor.close();
      if (!sent.ok) throw new Error(`visitor ${i} could not send: ${sent.error.message}`);
    }
    const rows = await server.db.query<{ id: string; name: string }>(
      `SELECT c.id, ct.name FROM conversations c JOIN contacts ct ON ct.id = c.contact_id WHERE ct.name LIKE 'Bench visitor %'`,
    );
    const byName = new Map(rows.map((r) => [r.name, r.id]));
    const conversationIds = Array.from({ length: CONVERSATIONS }, (_, i) => byName.get(`Bench visitor ${i}`)!);
    const warmupConversation = byName.get(`Bench visitor ${CONVERSATIONS}`)!;
    if (conversationIds.some((id) => !id) || !warmupConversation) throw new Error('the bench conversations were not all created');

    // The raw socket of the baseline; it also warms the server's send path for both runs.
    const tokens = await login(server.url, AGENT.email, AGENT.password);
    raw = await connectAgent(server.url, tokens.accessToken);
    for (let i = 0; i < 20; i++) {
      const r = await rawSend(raw, { conversationId: warmupConversation, clientId: randomUUID(), body: `bench warm-up ${i}` });
      if (!r.ok) throw new Error(`warm-up send refused: ${r.error.message}`);
    }

    // ---- the client core, offline ---------------------------------------------------------------
    proxy = await TcpProxy.start(server.port);
    const ackedAt = new Map<string, number>();
    let onlineAt = 0;
    const coreDir = await temp.make('outbox-core');
    agent = startCore(coreDir, {}, (event, payload) => {
      if (event === 'message.updated') {
        const m = payload as ThreadMessage;
        if (m.delivery === 'sent' && m.clientId && !ackedAt.has(m.clientId)) ackedAt.set(m.clientId, now());
      } else if (event === 'connection.changed' && (payload as { status: string }).status === 'online') {
        onlineAt = now();
      }
    });
    const session = await agent.call('session.login', { serverUrl: proxy.url, ...AGENT });
    await agent.waitForStatus('online');
    const wanted = new Set(conversationIds);
    await until(
      async () => (await agent!.call('conversations.list', {})).filter((c) => wanted.has(c.id)).length === CONVERSATIONS,
      'the 100 conversations in the cache',
      30_000,
      100,
    );

    proxy.cut();
    const mark = agent.eventsOf('connection.changed').length;
    await agent.waitForStatusSince(mark, 'offline');
    log(`outbox: offline; writing ${TOTAL} replies (${PER_CONVERSATION} in each of ${CONVERSATIONS} conversations)`);
    const written: string[] = [];
    const writeStart = now();
    for (let r = 0; r < PER_CONVERSATION; r++) {
      for (let c = 0; c < CONVERSATIONS; c++) {
        const m = await agent.call('outbox.send', { conversationId: conversationIds[c]!, body: bodyOf(CORE_PREFIX, c, r) });
        if (m.delivery !== 'queued') throw new Error(`an offline reply was ${m.delivery}, expected queued`);
        written.push(m.clientId!);
      }
    }
    const writeMs = now() - writeStart;
    log(`outbox: ${TOTAL} replies queued in ${Math.round(writeMs)} ms; ${ackedAt.size} acked so far (expected 0)`);
    // Let the reconnect backoff run a little, as it would while someone types offline.
    await sleep(500);

    onlineAt = 0;
    probes = installProbes();
    const restoredAt = now();
    proxy.restore();
    await until(() => onlineAt > 0, 'the core to reconnect', 60_000, 10);
    await until(() => written.every((id) => ackedAt.has(id)), `${TOTAL} acks`, ACK_TIMEOUT_MS, 10);
    const lastAck = Math.max(...written.map((id) => ackedAt.get(id)!));
    const coreMs = lastAck - onlineAt;
    const coreFromRestoreMs = lastAck - restoredAt;
    const flushStats = structuredClone(probes.stats);
    probes.restore();
    probes = undefined;
    const sends = flushStats.requests['message:send'] ?? { count: 0, ms: 0, failures: 0, lastFailure: '' };
    log(
      `outbox: during the flush the core ran ${flushStats.writes} cache write transactions, busy ${Math.round(flushStats.writeMs)} ms ` +
        `(COMMIT ${Math.round(flushStats.commitMs)} ms); ${sends.count} message:send requests, ${Math.round(sends.ms / Math.max(1, sends.count))} ms each from emit to answer`,
    );
    const outboxLeft = await until(
      async () => {
        const n = await countOutbox(cacheFile(coreDir, session.user!.id));
        return n === 0 ? 0 : false;
      },
      'the outbox table to empty',
      10_000,
      50,
    ).catch(async () => countOutbox(cacheFile(coreDir, session.user!.id)));
    log(`outbox: reconnected ${Math.round(onlineAt - restoredAt)} ms after restore; all acked ${Math.round(coreMs)} ms after reconnect`);
    const coreCheck = await integrity(server, CORE_PREFIX, written);

    // ---- baseline: the same payloads over a bare socket.io emit -----------------------------------
    const rawIds: string[] = [];
    const payloads: { conversationId: string; clientId: string; body: string }[] = [];
    for (let r = 0; r < PER_CONVERSATION; r++) {
      for (let c = 0; c < CONVERSATIONS; c++) {
        const clientId = randomUUID();
        rawIds.push(clientId);
        payloads.push({ conversationId: conversationIds[c]!, clientId, body: bodyOf(RAW_PREFIX, c, r) });
      }
    }
    log(`outbox: baseline, firing ${TOTAL} message:send emits on a bare /agent socket`);
    const rawStart = now();
    const results = await Promise.all(payloads.map((p) => rawSend(raw!, p)));
    const rawMs = now() - rawStart;
    const rawRefused = results.filter((r) => !r.ok).length;
    const rawCheck = await integrity(server, RAW_PREFIX, rawIds);
    log(`outbox: baseline acked in ${Math.round(rawMs)} ms (${rawRefused} refused)`);

    const common = { replies: TOTAL, conversations: CONVERSATIONS, server: 'PGlite, same process', client: 'main/core in this process' };
    const baselineName = 'bare socket.io-client emit message:send with ack, all fired then awaited';
    emit({
      bench: BENCH,
      figure: 'ms_online_to_all_acked',
      value: coreMs,
      unit: 'ms',
      baseline: { name: baselineName, value: rawMs },
      ...common,
      note: 'from the connection.changed online event to the last reply reported sent',
      where_time_goes: {
        cache_write_transactions: flushStats.writes,
        cache_write_busy_ms: Math.round(flushStats.writeMs),
        cache_commit_ms: Math.round(flushStats.commitMs),
        message_send_requests: sends.count,
        message_send_avg_ms: Math.round(sends.ms / Math.max(1, sends.count)),
        sync_requests: flushStats.requests['sync:changes']?.count ?? 0,
      },
    });
    emit({
      bench: BENCH,
      figure: 'ms_restore_to_all_acked',
      value: coreFromRestoreMs,
      unit: 'ms',
      baseline: { name: baselineName, value: rawMs },
      reconnect_wait_ms: Math.round(onlineAt - restoredAt),
      note: 'from the network coming back; includes the reconnect backoff wait',
    });
    emit({
      bench: BENCH,
      figure: 'losses',
      value: coreCheck.losses,
      unit: 'count',
      baseline: { name: baselineName, value: rawCheck.losses },
      expected: 0,
      ok: coreCheck.losses === 0,
      stored: coreCheck.stored,
      baseline_refused: rawRefused,
    });
    emit({
      bench: BENCH,
      figure: 'duplicates',
      value: coreCheck.duplicates,
      unit: 'count',
      baseline: { name: baselineName, value: rawCheck.duplicates },
      expected: 0,
      ok: coreCheck.duplicates === 0 && coreCheck.strangers === 0,
      unexpected_rows: coreCheck.strangers,
    });
    emit({
      bench: BENCH,
      figure: 'conversations_out_of_order',
      value: coreCheck.outOfOrderConversations,
      unit: 'count',
      baseline: { name: baselineName, value: rawCheck.outOfOrderConversations },
      expected: 0,
      ok: coreCheck.outOfOrderConversations === 0,
      outbox_rows_left: outboxLeft,
    });
    emit({
      bench: BENCH,
      figure: 'ms_write_offline',
      value: writeMs,
      unit: 'ms',
      baseline: { name: 'bare emit of the same payloads, fire to last ack', value: rawMs },
      note: `${TOTAL} outbox.send calls while offline, one after another (durable sqlite write each)`,
    });
  } finally {
    probes?.restore();
    raw?.close();
    await agent?.core.dispose().catch(() => undefined);
    await proxy?.close().catch(() => undefined);
    await server?.close().catch(() => undefined);
    await temp.cleanup();
  }
}

function rawSend(socket: Socket, payload: { conversationId: string; clientId: string; body: string }): Promise<Result<unknown>> {
  return socket.timeout(ACK_TIMEOUT_MS).emitWithAck('message:send', payload) as Promise<Result<unknown>>;
}

/**
 * Counts from the server's database: every client id stored exactly once with its own body, no
 * other row with a bench body, and each conversation's replies stored in the order written.
 */
async function integrity(server: RunningServer, prefix: string, clientIds: readonly string[]): Promise<Integrity> {
  const rows = await server.db.query<{ client_id: string | null; conversation_id: string; body: string; seq: number }>(
    `SELECT client_id, conversation_id, body, seq FROM messages
     WHERE sender_type = 'agent' AND (client_id = ANY($1::text[]) OR body LIKE $2) ORDER BY seq`,
    [[...clientIds], `${prefix} %`],
  );
  const wantedIds = new Set(clientIds);
  const perClient = new Map<string, number>();
  const perBody = new Map<string, number>();
  let strangers = 0;
  for (const row of rows) {
    perBody.set(row.body, (perBody.get(row.body) ?? 0) + 1);
    if (row.client_id && wantedIds.has(row.client_id)) perClient.set(row.client_id, (perClient.get(row.client_id) ?? 0) + 1);
    else strangers++;
  }
  const losses = clientIds.filter((id) => !perClient.has(id)).length;
  let duplicates = 0;
  for (const n of perClient.values()) duplicates += n - 1;
  for (const n of perBody.values()) duplicates += Math.max(0, n - 1);
  // Stored order per conversation: r0, r1, … r9.
  const rounds = new Map<string, number[]>();
  for (const row of rows) {
    const m = /^\S+ c\d+ r(\d+) /.exec(row.body);
    if (!m) continue;
    const list = rounds.get(row.conversation_id) ?? [];
    list.push(Number(m[1]));
    rounds.set(row.conversation_id, list);
  }
  let outOfOrderConversations = 0;
  for (const list of rounds.values()) if (list.some((r, i) => i > 0 && r <= list[i - 1]!)) outOfOrderConversations++;
  return { stored: perClient.size, losses, duplicates, outOfOrderConversations, strangers };
}

async function countOutbox(file: string): Promise<number> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const handle = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (err) => (err ? reject(err) : resolve(handle)));
  });
  try {
    return await new Promise<number>((resolve, reject) =>
      db.get('SELECT count(*) AS n FROM outbox', (err: Error | null, row: { n: number }) => (err ? reject(err) : resolve(row.n))),
    );
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}
