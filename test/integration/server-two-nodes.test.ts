/**
 * Two server nodes (`server/cli.ts` as two child processes, so a kill is a real kill) on ONE
 * PostgreSQL database, sharing sockets through Redis (and, in the last suite, through PostgreSQL
 * alone). Runs in the integration:postgres project only (test/vitest.config.ts keeps it out of the
 * PGlite one: PGlite's folder belongs to one process), and skips with the reason printed when
 * PostgreSQL or Redis does not answer on 127.0.0.1.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity, Conversation, Message } from '../../shared/domain';
import { DEFAULT_NEW_VISITOR_LIMIT } from '../../server/realtime/visitor-namespace';
import { AGENT_NAMESPACE, VISITOR_NAMESPACE, type VisitorMessage } from '../../shared/protocol';
import { createThrowawayDatabase, postgresReachable } from '../support/postgres';
import { closeAllSockets, connectVisitor, data, login, record, request, waitFor } from '../support/server-fixture';
import { freePort, ServerProcess } from '../support/server-process';
import { TcpProxy } from '../support/tcp-proxy';
import { redisReachable } from '../support/redis';

const REDIS_URL = 'redis://127.0.0.1:6379';

const hasPostgres = await postgresReachable();
const hasRedis = await redisReachable();
const missing = [!hasPostgres && 'PostgreSQL on 127.0.0.1:5432', !hasRedis && 'Redis on 127.0.0.1:6379'].filter(Boolean).join(' and ');
if (missing) console.log(`skipped: two-node tests need ${missing}, which did not answer`);

/**
 * A node as the tests start it: short lease and drain so a kill and a SIGTERM show within seconds;
 * loopback trusted as a proxy, so each test can come from an address of its own (X-Forwarded-For).
 */
async function startNode(databaseUrl: string, cluster: Record<string, string>): Promise<ServerProcess> {
  const node = new ServerProcess(await freePort(), {
    DATABASE_URL: databaseUrl, SWITCHBOARD_NODE_LEASE_MS: '1500', SWITCHBOARD_DRAIN_MS: '4000', SWITCHBOARD_TRUST_PROXY: 'loopback', ...cluster,
  });
  await node.start();
  return node;
}

/** A workstation socket that reconnects by itself (through a proxy standing in for the load balancer). */
function workstation(url: string, token: string): Socket {
  const socket = io(`${url}${AGENT_NAMESPACE}`, {
    transports: ['websocket'], forceNew: true, auth: { token }, reconnectionDelay: 100, reconnectionDelayMax: 300,
  });
  // socket.io does not retry after a server's goodbye by itself; the desktop core
  // (main/core/connection.ts) and the widget (server/widget/src/reconnect.ts) do, and so does this.
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') socket.connect();
  });
  return socket;
}

/** A sign-in from `address` (as a trusted proxy names it): the HTTP status. */
async function signInFrom(url: string, address: string, email: string, password: string): Promise<number> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address }, body: JSON.stringify({ email, password }),
  });
  await response.body?.cancel();
  return response.status;
}

/** A new widget visitor from `address`: 'admitted', or the error code it was refused with. */
function newVisitorFrom(url: string, address: string): Promise<string> {
  const socket = io(`${url}${VISITOR_NAMESPACE}`, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { 'x-forwarded-for': address } });
  return new Promise<string>((resolve) => {
    socket.once('visitor:session', () => resolve('admitted'));
    socket.once('connect_error', (err: Error & { data?: { code?: string } }) => resolve(err.data?.code ?? err.message));
  }).finally(() => socket.close());
}

function connected(socket: Socket): Promise<void> {
  return socket.connected ? Promise.resolve() : new Promise((resolve) => socket.once('connect', () => resolve()));
}

type SyncPage = { messages: Message[]; conversations: Conversation[]; cursor: number; hasMore: boolean; reset: boolean };

/** Every change after `cursor`, page by page, as the desktop's sync asks for it. */
async function syncFrom(socket: Socket, cursor: number): Promise<{ messages: Message[]; cursor: number }> {
  const messages: Message[] = [];
  for (;;) {
    const page = data(await request<SyncPage>(socket, 'sync:changes', { after: cursor, limit: 50 }));
    expect(page.reset).toBe(false);
    messages.push(...page.messages);
    cursor = page.cursor;
    if (!page.hasMore) return { messages, cursor };
  }
}

describe.skipIf(Boolean(missing))('two server nodes on one PostgreSQL and Redis', () => {
  let database: { url: string; drop: () => Promise<void> };
  let sql: pg.Client;
  let nodeA: ServerProcess;
  let nodeB: ServerProcess;
  let proxy: TcpProxy;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  // The Redis stream these nodes share: concurrent runs on this machine must not hear each other.
  const cluster = { REDIS_URL, SWITCHBOARD_REDIS_STREAM: `sb-test-${randomUUID()}` };
  let supervisorA: Socket;
  let wangA: Socket;
  const supervisorMessages: Message[] = [];
  const supervisorUpserts: Conversation[] = [];

  const row = async (conversationId: string) =>
    (await sql.query<{ routing_state: string; offered_to: string | null }>('SELECT routing_state, offered_to FROM conversations WHERE id = $1', [conversationId])).rows[0]!;

  beforeAll(async () => {
    database = await createThrowawayDatabase();
    console.log(`database: PostgreSQL ${database.url}, sockets through Redis stream ${cluster.SWITCHBOARD_REDIS_STREAM}`);
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    // Quick offers, and no second offer to the same agent within the test.
    await sql.query('UPDATE accounts SET accept_timeout_seconds = 2, reoffer_cooldown_seconds = 600');
    // Only 王芳 takes chats.
    await sql.query("UPDATE users SET presence = 'away' WHERE role = 'agent' AND email <> 'wang.fang@demo.test'");
    nodeA = await startNode(database.url, cluster);
    for (const [who, email, password] of [
      ['supervisor', 'supervisor@demo.test', 'demo-supervisor'], ['wang', 'wang.fang@demo.test', 'demo-agent'],
    ] as const) {
      const t = await login(nodeA.url, email, password);
      tokens[who] = t.accessToken;
      ids[who] = t.user.id;
    }
    supervisorA = workstation(nodeA.url, tokens.supervisor!);
    supervisorA.on('message:new', (m: Message) => supervisorMessages.push(m));
    supervisorA.on('conversation:upsert', (c: Conversation) => supervisorUpserts.push(c));
    wangA = workstation(nodeA.url, tokens.wang!);
    await Promise.all([connected(supervisorA), connected(wangA)]);
    expect(data(await request(wangA, 'presence:set', { presence: 'online' }))).toMatchObject({ state: { presence: 'online' } });
    // Node B starts while 王芳 is connected to node A only: it must not take her for gone.
    nodeB = await startNode(database.url, cluster);
    proxy = await TcpProxy.start(nodeB.port);
  }, 120_000);

  afterAll(async () => {
    closeAllSockets();
    for (const s of [supervisorA, wangA]) s?.close();
    await proxy?.close();
    await nodeA?.stop();
    await nodeB?.stop();
    await sql?.end();
    await database?.drop();
  });

  it('a supervisor on node A sees live what a widget visitor sends on node B', async () => {
    const { socket } = await connectVisitor(nodeB.url, { name: 'Visitor on B' });
    const body = `hello from node B ${randomUUID()}`;
    data(await request<{ message: VisitorMessage }>(socket, 'visitor:send', { clientId: randomUUID(), body }));
    await waitFor(() => supervisorMessages.some((m) => m.body === body), "the supervisor on node A to receive node B's message");
  });

  it('routes a chat arriving on node B to an agent connected to node A, who is not marked disconnected', async () => {
    const offers = record<Conversation>(wangA, 'conversation:upsert');
    const { socket, session } = await connectVisitor(nodeB.url, { name: 'Routed visitor' });
    data(await request(socket, 'visitor:send', { clientId: randomUUID(), body: 'is anyone there?' }));
    const conversationId = (await sql.query<{ id: string }>("SELECT id FROM conversations WHERE contact_id = $1 AND status = 'open'", [session.contactId])).rows[0]!.id;
    await waitFor(async () => (await row(conversationId)).offered_to === ids.wang, 'the offer to 王芳 on node A');
    await waitFor(() => offers.some((c) => c.id === conversationId && c.offeredToId === ids.wang), '王芳 to hear of the offer on node A');
    const wang = (await sql.query<{ disconnected_at: Date | null; presence: string }>('SELECT disconnected_at, presence FROM users WHERE id = $1', [ids.wang])).rows[0]!;
    expect(wang).toEqual({ disconnected_at: null, presence: 'online' });

    // The offer runs out unanswered: it goes back to the queue once, though both nodes sweep.
    await waitFor(async () => (await row(conversationId)).routing_state === 'queued', 'the offer to expire', 15_000);
    // Both nodes run routing after each of these messages (and their sweeps go on): a second expiry would show.
    const a = await connectVisitor(nodeA.url, { name: 'Later on A' });
    const b = await connectVisitor(nodeB.url, { name: 'Later on B' });
    const later = [`later A ${randomUUID()}`, `later B ${randomUUID()}`];
    data(await request(a.socket, 'visitor:send', { clientId: randomUUID(), body: later[0] }));
    data(await request(b.socket, 'visitor:send', { clientId: randomUUID(), body: later[1] }));
    await waitFor(() => later.every((body) => supervisorMessages.some((m) => m.body === body)), 'the later messages to reach the supervisor');
    const mine = supervisorUpserts.filter((c) => c.id === conversationId);
    const offered = mine.findIndex((c) => c.routingState === 'offered' && c.offeredToId === ids.wang);
    expect(offered).toBeGreaterThanOrEqual(0);
    const withdrawals = mine.slice(offered).filter((c) => c.routingState === 'queued' && c.offeredToId === null);
    expect(withdrawals).toHaveLength(1);
    expect(await row(conversationId)).toEqual({ routing_state: 'queued', offered_to: null });
  });

  it('wrong passwords spread over node A and node B add up: after the budget the account is locked out from that address on both', async () => {
    const address = '198.51.100.21';
    // Twenty guesses at once, half through each node: the pair's five free failures are all there is.
    const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => signInFrom((i % 2 ? nodeB : nodeA).url, address, 'li.lei@demo.test', `guess ${i}`)));
    // Never more guesses than the budget get as far as the password, whichever node they reach; the
    // rest are told to wait (a guess the server gave up on under load is taken back, not counted).
    const tally = JSON.stringify(statuses);
    expect(statuses.every((s) => s === 401 || s === 429), tally).toBe(true);
    expect(statuses.filter((s) => s === 401).length, tally).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 401).length, tally).toBeGreaterThan(0);
    // Even the right password waits, on either node; another address is not held up.
    expect(await signInFrom(nodeA.url, address, 'li.lei@demo.test', 'demo-agent')).toBe(429);
    expect(await signInFrom(nodeB.url, address, 'li.lei@demo.test', 'demo-agent')).toBe(429);
    expect(await signInFrom(nodeB.url, '198.51.100.22', 'li.lei@demo.test', 'demo-agent')).toBe(200);
  });

  it('new widget visitors from one address over both nodes share one budget', async () => {
    // The budget is counted per minute: a minute that ends during the run starts a new one, so the run
    // is made again, from another address (the first run's requests count in the new minute too).
    for (let attempt = 0; attempt < 2; attempt++) {
      const address = `198.51.100.${31 + attempt * 10}`;
      const minute = Math.floor(Date.now() / 60_000);
      const outcomes: string[] = [];
      while (!outcomes.includes('rate_limited') && outcomes.length <= 2 * DEFAULT_NEW_VISITOR_LIMIT.max) {
        outcomes.push(await newVisitorFrom((outcomes.length % 2 ? nodeB : nodeA).url, address));
      }
      const after = [await newVisitorFrom(nodeA.url, address), await newVisitorFrom(nodeB.url, address)];
      if (Math.floor(Date.now() / 60_000) !== minute) continue;
      expect(outcomes.filter((o) => o === 'admitted')).toHaveLength(DEFAULT_NEW_VISITOR_LIMIT.max);
      expect(after).toEqual(['rate_limited', 'rate_limited']);
      // Another address has its own budget.
      expect(await newVisitorFrom(nodeB.url, `198.51.100.${32 + attempt * 10}`)).toBe('admitted');
      return;
    }
    throw new Error('every run crossed a minute boundary');
  });

  it('a customer typing on node B is seen by the agent on node A; viewing and typing cross between nodes both ways', async () => {
    const typing = record<{ conversationId: string; typing: boolean }>(supervisorA, 'contact:typing');
    const heardOnA = record<Activity>(supervisorA, 'activity:update');
    const { socket, session } = await connectVisitor(nodeB.url, { name: 'Typing on B' });
    data(await request(socket, 'visitor:send', { clientId: randomUUID(), body: 'one moment, typing more' }));
    const conversationId = (await sql.query<{ id: string }>("SELECT id FROM conversations WHERE contact_id = $1 AND status = 'open'", [session.contactId])).rows[0]!.id;
    data(await request(socket, 'visitor:typing', { typing: true }));
    await waitFor(() => typing.some((t) => t.conversationId === conversationId && t.typing), 'the supervisor on node A to see the customer typing');

    // The admin works on node B, the supervisor on node A.
    const admin = await login(nodeB.url, 'admin@demo.test', 'demo-admin');
    const adminB = workstation(nodeB.url, admin.accessToken);
    await connected(adminB);
    data(await request(supervisorA, 'activity:set', { conversationId, state: 'viewing' }));
    const seenFromB = data(await request<{ activity: Activity[] }>(adminB, 'activity:list', { conversationId })).activity;
    expect(seenFromB.map((a) => [a.userId, a.state])).toEqual([[ids.supervisor, 'viewing']]);
    data(await request(adminB, 'activity:set', { conversationId, state: 'typing', preview: 'Let me check' }));
    await waitFor(() => heardOnA.some((a) => a.userId === admin.user.id && a.state === 'typing' && a.preview === 'Let me check'), "the admin's typing to reach node A");
    const seenFromA = data(await request<{ activity: Activity[] }>(supervisorA, 'activity:list', { conversationId })).activity;
    expect(seenFromA.map((a) => [a.userId, a.state])).toEqual([[ids.supervisor, 'viewing'], [admin.user.id, 'typing']]);
    // The admin's last workstation (on node B) goes: node A hears that they left.
    adminB.close();
    await waitFor(() => heardOnA.some((a) => a.userId === admin.user.id && a.state === 'idle'), 'the supervisor to see the admin leave');
    data(await request(supervisorA, 'activity:set', { conversationId, state: 'idle' }));
  });

  it('killing node B loses no stored message; its workstation reconnects to node A and syncs without gap or duplicate', async () => {
    // The supervisor's second workstation reaches node B through the "load balancer".
    const viaProxy = workstation(proxy.url, tokens.supervisor!);
    const pushed: Message[] = [];
    viaProxy.on('message:new', (m: Message) => pushed.push(m));
    await connected(viaProxy);
    const start = await syncFrom(viaProxy, 0);
    // The cursor moves over sequence numbers heard without a hole, as the desktop's seq tracker does.
    const heard = new Set<number>();
    let cursor = start.cursor;
    const hear = (seq: number) => {
      heard.add(seq);
      while (heard.has(cursor + 1)) cursor++;
    };
    viaProxy.on('message:new', (m: Message) => hear(m.seq));
    viaProxy.on('conversation:upsert', (c: Conversation) => hear(c.seq));
    viaProxy.on('conversation:removed', (r: { seq: number }) => hear(r.seq));
    viaProxy.on('sync:tick', (t: { seq: number }) => hear(t.seq));

    const onA = await connectVisitor(nodeA.url, { name: 'Steady on A' });
    const onB = await connectVisitor(nodeB.url, { name: 'Cut off on B' });
    const sent = { a: [] as string[], b: [] as string[] };
    const acked = new Set<string>();
    const send = async (visitor: Socket, list: string[], clientId: string) => {
      list.push(clientId);
      const result = await request(visitor, 'visitor:send', { clientId, body: `burst ${clientId}` }).catch(() => null);
      if (result && 'ok' in result && result.ok) acked.add(clientId);
    };
    // Both visitors keep writing; node B is killed in the middle of it.
    const steady = (async () => {
      for (let i = 0; i < 20; i++) await send(onA.socket, sent.a, randomUUID());
    })();
    for (let i = 0; i < 5; i++) await send(onB.socket, sent.b, randomUUID());
    const killed = nodeB.kill();
    for (let i = 0; i < 3; i++) void send(onB.socket, sent.b, randomUUID());
    await killed;
    proxy.retarget(nodeA.port);
    await steady;

    // The widget sends what was not acknowledged again, with the same client ids, to node A.
    const again = await connectVisitor(nodeA.url, { visitorToken: onB.session.visitorToken });
    for (const clientId of sent.b.filter((id) => !acked.has(id))) {
      data(await request(again.socket, 'visitor:send', { clientId, body: `burst ${clientId}` }));
      acked.add(clientId);
    }
    const all = [...sent.a, ...sent.b];
    const stored = await sql.query<{ client_id: string; n: string }>(
      'SELECT client_id, count(*) AS n FROM messages WHERE client_id = ANY($1::text[]) GROUP BY client_id', [all],
    );
    expect(stored.rows).toHaveLength(all.length);
    expect(stored.rows.every((r) => Number(r.n) === 1)).toBe(true);

    // The workstation is back (on node A) and catches up from its cursor.
    await waitFor(() => viaProxy.connected, 'the workstation to reconnect through the proxy to node A', 15_000);
    const caughtUp = await syncFrom(viaProxy, cursor);
    const pageIds = caughtUp.messages.map((m) => m.id);
    expect(new Set(pageIds).size).toBe(pageIds.length);
    const known = new Set([...start.messages, ...pushed, ...caughtUp.messages].map((m) => m.id));
    const everything = await sql.query<{ id: string }>('SELECT id FROM messages WHERE client_id = ANY($1::text[])', [all]);
    expect(everything.rows.filter((r) => !known.has(r.id))).toEqual([]);

    // Node B's lease runs out: node A removes it, and agents who reconnected keep their presence.
    await waitFor(async () => Number((await sql.query<{ n: string }>('SELECT count(*) AS n FROM server_nodes')).rows[0]!.n) === 1, "node B's lease to expire", 15_000);
    const supervisor = (await sql.query<{ disconnected_at: Date | null }>('SELECT disconnected_at FROM users WHERE id = $1', [ids.supervisor])).rows[0]!;
    expect(supervisor.disconnected_at).toBeNull();
    viaProxy.close();
  });

  it('SIGTERM drains a node: not ready (503), its clients told to reconnect, and they reach the other node', async () => {
    nodeB = await startNode(database.url, cluster);
    proxy.retarget(nodeB.port);
    expect((await fetch(`${nodeB.url}/healthz/ready`)).status).toBe(200);
    expect((await fetch(`${nodeB.url}/healthz/live`)).status).toBe(200);
    const viaProxy = workstation(proxy.url, tokens.supervisor!);
    const reasons: string[] = [];
    viaProxy.on('disconnect', (reason) => reasons.push(reason));
    await connected(viaProxy);

    const stopping = nodeB.stop();
    await waitFor(async () => {
      const ready = await fetch(`${nodeB.url}/healthz/ready`).catch(() => null);
      return ready?.status === 503 && ((await ready.json()) as { reason: string }).reason === 'draining';
    }, 'node B to answer 503 on /healthz/ready while draining');
    // The load balancer stops sending clients to node B.
    proxy.retarget(nodeA.port);
    await waitFor(() => reasons.includes('io server disconnect'), 'the workstation to be told to reconnect');
    await stopping;
    expect(nodeB.output).toContain('SIGTERM: draining');
    await waitFor(() => viaProxy.connected, 'the workstation to reconnect to node A');
    // Served by node A now.
    expect(data(await request<SyncPage>(viaProxy, 'sync:changes', { after: 0, limit: 1 })).reset).toBe(false);
    viaProxy.close();
  });
});

describe.skipIf(!hasPostgres)('two server nodes sharing sockets through PostgreSQL alone', () => {
  let database: { url: string; drop: () => Promise<void> };
  let nodes: ServerProcess[] = [];

  beforeAll(async () => {
    database = await createThrowawayDatabase();
    console.log(`database: PostgreSQL ${database.url}, sockets through PostgreSQL NOTIFY`);
    nodes = [await startNode(database.url, { SWITCHBOARD_CLUSTER: 'postgres' }), await startNode(database.url, { SWITCHBOARD_CLUSTER: 'postgres' })];
  }, 120_000);

  afterAll(async () => {
    closeAllSockets();
    for (const node of nodes) await node.stop();
    await database?.drop();
  });

  it('a supervisor on node A sees live what a widget visitor sends on node B', async () => {
    const [a, b] = nodes as [ServerProcess, ServerProcess];
    const t = await login(a.url, 'supervisor@demo.test', 'demo-supervisor');
    const supervisor = workstation(a.url, t.accessToken);
    const seen = record<Message>(supervisor, 'message:new');
    await connected(supervisor);
    const { socket } = await connectVisitor(b.url, { name: 'Visitor on B' });
    const body = `through PostgreSQL ${randomUUID()}`;
    data(await request(socket, 'visitor:send', { clientId: randomUUID(), body }));
    await waitFor(() => seen.some((m) => m.body === body), "the supervisor on node A to receive node B's message");
    supervisor.close();
  });
});
