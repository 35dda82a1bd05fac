import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import { AGENT_NAMESPACE, VISITOR_NAMESPACE } from '../../shared/protocol';
import { createThrowawayDatabase, postgresReachable } from '../support/postgres';
import { freePort, ServerProcess } from '../support/server-process';
import { emit, log, median, percentile, TempDirs } from './report';
import { redisReachable } from '../support/redis';

const BENCH = 'load';
const repo = fileURLToPath(new URL('../..', import.meta.url));
/** Each step: this many widget visitors together offering `rate` messages a second, for SECONDS. */
const STEPS = [
  { visitors: 200, rate: 100 },
  { visitors: 400, rate: 200 },
  { visitors: 500, rate: 250 },
  { visitors: 500, rate: 500 },
];
/** Customers already waiting in the deep-queue variant (nobody at work, so they stay). */
const DEEP_QUEUE = 2_000;
const DEEP_NAME = `PostgreSQL with ${DEEP_QUEUE} waiting`;
const SECONDS = 6;
/** After the last send: how long the late pushes and acknowledgements are waited for. */
const DRAIN_MS = 8_000;
/** An acknowledgement later than this counts as timed out (the widget retries then). */
const ACK_TIMEOUT_MS = 10_000;

type Target = {
  name: string;
  /** Where visitors connect (two nodes: alternately). */
  urls: string[];
  /** The supervisor's socket on the first node, which hears every customer message. */
  supervisor(): Promise<Socket>;
  stop(): Promise<void>;
};

type StepResult = {
  offered: number; sent: number; acked: number; ackTimeouts: number; delivered: number; duplicates: number;
  sustained: number; p50: number; p95: number; p99: number;
};

/** Polls `check` every 20 ms until it holds or `ms` pass; whether it held. */
async function holdsWithin(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (!check()) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

function onceConnected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

/** Connects `count` visitors, 50 at a time, each to the next of `urls`. */
async function connectVisitors(urls: readonly string[], count: number): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let start = 0; start < count; start += 50) {
    const batch = Array.from({ length: Math.min(50, count - start) }, (_, k) => {
      const socket = io(`${urls[(start + k) % urls.length]}${VISITOR_NAMESPACE}`, { transports: ['websocket'], reconnection: false, forceNew: true });
      sockets.push(socket);
      return onceConnected(socket);
    });
    await Promise.all(batch);
  }
  return sockets;
}

/**
 * One step: the visitors send `rate` messages a second between them (round robin, on a 10 ms
 * clock) for SECONDS; each message's latency is from the visitor's emit to the supervisor's push.
 */
async function runStep(target: Target, step: { visitors: number; rate: number }, tag: string): Promise<StepResult> {
  const supervisor = await target.supervisor();
  const visitors = await connectVisitors(target.urls, step.visitors);
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  let lastPush = 0;
  supervisor.on('message:new', (m: { body?: string }) => {
    const key = m.body?.startsWith(`${tag} `) ? m.body.slice(tag.length + 1) : null;
    const at = key ? sentAt.get(key) : undefined;
    if (at === undefined) return;
    if (seen.has(key!)) {
      duplicates++;
      return;
    }
    seen.add(key!);
    lastPush = performance.now();
    latencies.push(lastPush - at);
  });
  let acked = 0;
  let ackTimeouts = 0;
  /** Refusals by code: a bench whose messages were refused measured nothing, and says so. */
  const refused = new Map<string, number>();
  const offered = step.rate * SECONDS;
  const started = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(offered, Math.floor(((performance.now() - started) / 1000) * step.rate));
      for (; sent < due; sent++) {
        const key = `${sent}`;
        const visitor = visitors[sent % visitors.length]!;
        sentAt.set(key, performance.now());
        visitor.timeout(ACK_TIMEOUT_MS).emit('visitor:send', { clientId: crypto.randomUUID(), body: `${tag} ${key}` }, (err: unknown, answer: { ok?: boolean; error?: { code: string } }) => {
          if (err) ackTimeouts++;
          else if (answer?.ok) acked++;
          else refused.set(answer?.error?.code ?? 'unknown', (refused.get(answer?.error?.code ?? 'unknown') ?? 0) + 1);
        });
      }
      if (sent >= offered) {
        clearInterval(timer);
        resolve();
      }
    }, 10);
  });
  const answered = () => acked + ackTimeouts + [...refused.values()].reduce((a, b) => a + b, 0);
  // Late pushes and acknowledgements are waited for a while; what has not come by then is counted as not pushed or timed out.
  await holdsWithin(() => seen.size >= sent || answered() - acked >= sent - seen.size, DRAIN_MS);
  await holdsWithin(() => answered() >= sent, ACK_TIMEOUT_MS + 1_000);
  if (refused.size > 0) throw new Error(`the server refused messages: ${JSON.stringify(Object.fromEntries(refused))}`);
  for (const v of visitors) v.close();
  supervisor.close();
  const sorted = [...latencies].sort((a, b) => a - b);
  const span = Math.max(SECONDS, (lastPush - started) / 1000);
  return {
    offered, sent, acked, ackTimeouts, delivered: seen.size, duplicates,
    sustained: seen.size / span, p50: median(sorted), p95: percentile(sorted, 95), p99: percentile(sorted, 99),
  };
}

/** A child process that prints "ready <port>" once it listens. */
async function startRelay(env: NodeJS.ProcessEnv): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/load-relay.ts'], { cwd: repo, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      const match = /ready (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`the relay exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

async function relayTarget(name: string, databaseUrl?: string): Promise<Target> {
  const { url, child } = await startRelay(databaseUrl ? { DATABASE_URL: databaseUrl } : {});
  return {
    name,
    urls: [url],
    async supervisor() {
      const socket = io(`${url}${AGENT_NAMESPACE}`, { transports: ['websocket'], forceNew: true });
      await onceConnected(socket);
      return socket;
    },
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function supervisorOn(url: string): Promise<Socket> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'supervisor@demo.test', password: 'demo-supervisor' }),
  });
  if (!response.ok) throw new Error(`the supervisor could not sign in: ${response.status}`);
  const { accessToken } = (await response.json()) as { accessToken: string };
  const socket = io(`${url}${AGENT_NAMESPACE}`, { transports: ['websocket'], forceNew: true, auth: { token: accessToken } });
  await onceConnected(socket);
  return socket;
}

/**
 * Puts `count` customers in the demo account's queue, as a database that has had them waiting a
 * while looks: kept as left messages (nobody is at work), supervisors told of the long waits,
 * analysed (as PostgreSQL's autovacuum would have by then).
 */
async function fillQueue(databaseUrl: string, count: number): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ account_id: string; id: string }>("SELECT account_id, id FROM channels WHERE kind = 'widget' ORDER BY created_at LIMIT 1");
    const { account_id: accountId, id: channelId } = rows[0]!;
    await client.query(
      `INSERT INTO contacts (id, account_id, name) SELECT 'deep-' || g, $1, 'Waiting ' || g FROM generate_series(1, $2::int) g`,
      [accountId, count],
    );
    await client.query(
      `INSERT INTO conversations (id, account_id, channel_id, contact_id, seq, routing_state, waiting_since, escalated_wait, left_message, last_message_at)
       SELECT 'deep-cv-' || g, $1, $2, 'deep-' || g, 0, 'queued', w, w, true, w
       FROM generate_series(1, $3::int) g, LATERAL (SELECT now() - make_interval(secs => $3::int - g + 60) AS w) t`,
      [accountId, channelId, count],
    );
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

/** The real server (bundled, as its own process) on one or two nodes. */
async function serverTarget(name: string, nodes: NodeJS.ProcessEnv[]): Promise<Target> {
  const started: ServerProcess[] = [];
  try {
    for (const env of nodes) {
      // Every visitor comes from 127.0.0.1: the per-address limit on new chats would refuse most of them.
      const node = new ServerProcess(await freePort(), { SWITCHBOARD_NEW_VISITORS_PER_MINUTE: '1000000', ...env });
      started.push(node);
      await node.start();
    }
  } catch (err) {
    for (const node of started) await node.stop();
    throw err;
  }
  return {
    name,
    urls: started.map((n) => n.url),
    supervisor: () => supervisorOn(started[0]!.url),
    async stop() {
      for (const node of started) await node.stop();
    },
  };
}

/**
 * The message path under load (loopback, this machine): widget visitors send at fixed rates, and
 * the figure is the time from a visitor's emit to the push on a supervisor's socket, with the
 * throughput sustained, acknowledgements timed out and messages lost. Baselines, measured in the
 * same run by the same harness: a bare socket.io relay and a relay that INSERTs each message into
 * PostgreSQL. Variants: the server on PGlite, on PostgreSQL, and two nodes on PostgreSQL sharing
 * sockets through Redis (visitors alternate between the nodes; the supervisor is on the first).
 * Skips, saying so, what the machine cannot run (no PostgreSQL or Redis on 127.0.0.1).
 */
export async function loadBench(): Promise<void> {
  const temp = new TempDirs();
  const hasPostgres = await postgresReachable();
  const hasRedis = await redisReachable();
  const databases: { drop(): Promise<void> }[] = [];
  const database = async () => {
    const db = await createThrowawayDatabase('empty');
    databases.push(db);
    return db.url;
  };
  const variants: { name: string; start: () => Promise<Target> }[] = [
    { name: 'relay', start: () => relayTarget('relay') },
    ...(hasPostgres ? [{ name: 'relay + INSERT', start: async () => relayTarget('relay + INSERT', await database()) }] : []),
    { name: 'PGlite', start: async () => serverTarget('PGlite', [{ SWITCHBOARD_DATA_DIR: await temp.make('load') }]) },
    ...(hasPostgres ? [{ name: 'PostgreSQL', start: async () => serverTarget('PostgreSQL', [{ DATABASE_URL: await database() }]) }] : []),
    ...(hasPostgres
      ? [{
          name: DEEP_NAME,
          start: async () => {
            const url = await database();
            const target = await serverTarget(DEEP_NAME, [{ DATABASE_URL: url }]);
            await fillQueue(url, DEEP_QUEUE);
            return target;
          },
        }]
      : []),
    ...(hasPostgres && hasRedis
      ? [{
          name: 'two nodes + Redis',
          start: async () => {
            const url = await database();
            const env = { DATABASE_URL: url, REDIS_URL: 'redis://127.0.0.1:6379' };
            return serverTarget('two nodes + Redis', [env, env]);
          },
        }]
      : []),
  ];
  // LOAD_BENCH_SETUPS="relay,PostgreSQL" runs only those setups (the relay runs anyway: it is every figure's baseline).
  const picked = process.env.LOAD_BENCH_SETUPS?.split(',').map((s) => s.trim());
  if (picked) {
    for (let i = variants.length - 1; i > 0; i--) if (!picked.includes(variants[i]!.name)) variants.splice(i, 1);
    log(`setups: ${variants.map((v) => v.name).join(', ')} (LOAD_BENCH_SETUPS)`);
  }
  if (!hasPostgres) log('skipped: relay + INSERT, PostgreSQL and two nodes (nothing answers on 127.0.0.1:5432)');
  else if (!hasRedis) log('skipped: two nodes + Redis (nothing answers on 127.0.0.1:6379)');

  const results = new Map<string, StepResult[]>();
  try {
    for (const variant of variants) {
      const target = await variant.start();
      try {
        const steps: StepResult[] = [];
        for (const [i, step] of STEPS.entries()) {
          const result = await runStep(target, step, `load${i}`);
          log(`${variant.name}, ${step.visitors} visitors at ${step.rate} msg/s: sustained ${result.sustained.toFixed(0)} msg/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, ${result.ackTimeouts} ack time-outs, ${result.sent - result.delivered} not pushed`);
          steps.push(result);
        }
        results.set(variant.name, steps);
        emitVariant(variant.name, steps, results.get('relay')!);
      } finally {
        await target.stop();
      }
    }
    const plain = results.get('PostgreSQL');
    const deep = results.get(DEEP_NAME);
    if (plain && deep) emitQueueDepth(plain, deep);
  } finally {
    // A database left behind is a failure of the bench run (run.ts reports it), not something to hide.
    for (const db of databases) await db.drop();
    await temp.cleanup();
  }
}

/** A setup's figures, beside the bare relay's at the same step (the relay runs first). */
function emitVariant(name: string, steps: readonly StepResult[], relay: readonly StepResult[]): void {
  for (const [i, r] of steps.entries()) {
    const step = STEPS[i]!;
    const context = {
      setup: name, visitors: step.visitors, offeredPerSecond: step.rate, seconds: SECONDS,
      sent: r.sent, acked: r.acked, ackTimeouts: r.ackTimeouts, notPushed: r.sent - r.delivered, duplicates: r.duplicates,
      p50Ms: Math.round(r.p50 * 10) / 10, p95Ms: Math.round(r.p95 * 10) / 10,
    };
    const baseline = (value: number) => ({ name: 'bare socket.io relay, same step', value });
    emit({ bench: BENCH, figure: `${name}: ${step.visitors} visitors at ${step.rate} msg/s, push p99`, value: r.p99, unit: 'ms', baseline: baseline(relay[i]!.p99), ...context });
    emit({ bench: BENCH, figure: `${name}: ${step.visitors} visitors at ${step.rate} msg/s, sustained`, value: r.sustained, unit: 'msg/s', baseline: baseline(relay[i]!.sustained), ...context });
  }
}

/** The cost of a deep queue: each step's p99 with DEEP_QUEUE customers already waiting against the same step without them. */
function emitQueueDepth(plain: readonly StepResult[], deep: readonly StepResult[]): void {
  for (const [i, step] of STEPS.entries()) {
    const ratio = deep[i]!.p99 / plain[i]!.p99;
    emit({
      bench: BENCH, figure: `PostgreSQL: ${step.visitors} visitors at ${step.rate} msg/s, push p99 with ${DEEP_QUEUE} already waiting`, value: deep[i]!.p99, unit: 'ms',
      baseline: { name: 'PostgreSQL, same step, none waiting before', value: plain[i]!.p99 }, ratio: Math.round(ratio * 100) / 100, goal: '≤ 1.5×', met: ratio <= 1.5,
    });
  }
}
