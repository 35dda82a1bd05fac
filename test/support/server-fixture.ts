import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { startServer, type RunningServer, type ServerOptions } from '../../server/app';
import { AGENT_NAMESPACE, VISITOR_NAMESPACE, type AuthTokens, type VisitorMessage } from '../../shared/protocol';
import type { Result } from '../../shared/errors';
import type { Role } from '../../shared/domain';
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../server/db/db';
import { issueAccessToken } from '../../server/domain/auth/access-token';
import { pushesFlushed } from './barriers';

export async function makeTempDir(prefix = 'switchboard-test-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/**
 * Starts the real server on PGlite in `dataDir` (an empty folder starts a new database, seeded
 * with the demo shop) on a random port and says so in the output. For tests of the PGlite folder
 * itself; other tests start on the run's database with `startServerOn` (databases.ts).
 */
export async function startPgliteServer(dataDir: string, options: Partial<ServerOptions> = {}): Promise<RunningServer> {
  const server = await startServer({ port: 0, dataDir, seed: 'if-empty', ...options });
  console.log(`database: PGlite at ${path.join(dataDir, 'pgdata')} (server ${server.url})`);
  return server;
}

export async function login(url: string, email: string, password: string): Promise<AuthTokens> {
  const response = await postJson(url, '/api/auth/login', { email, password });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as AuthTokens;
}

/** A request's data; throws with the error when the request failed. */
export function data<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`request failed: ${JSON.stringify(result.error)}`);
  return result.data;
}

/** The demo team's sign-ins, by the short names tests call them. */
export const DEMO_LOGINS = {
  wang: ['wang.fang@demo.test', 'demo-agent'],
  li: ['li.lei@demo.test', 'demo-agent'],
  supervisor: ['supervisor@demo.test', 'demo-supervisor'],
  admin: ['admin@demo.test', 'demo-admin'],
} as const;
export type DemoPerson = keyof typeof DEMO_LOGINS;

/** Signs the whole demo team in over HTTP: each person's id, name and access token, and the account. */
export async function signInDemoTeam(url: string) {
  const ids = {} as Record<DemoPerson, string>;
  const names = {} as Record<DemoPerson, string>;
  const tokens = {} as Record<DemoPerson, string>;
  let accountId = '';
  for (const [who, [email, password]] of Object.entries(DEMO_LOGINS) as [DemoPerson, readonly [string, string]][]) {
    const t = await login(url, email, password);
    ids[who] = t.user.id;
    names[who] = t.user.name;
    tokens[who] = t.accessToken;
    accountId = t.user.accountId;
  }
  return { ids, names, tokens, accountId };
}

/**
 * Signs the whole demo team in and connects each person's agent socket, in the order of
 * DEMO_LOGINS; `beforeConnect` may attach listeners for pushes sent right on connect.
 */
export async function connectDemoTeam(url: string, beforeConnect?: (who: DemoPerson, socket: Socket) => void) {
  const team = await signInDemoTeam(url);
  const sockets = {} as Record<DemoPerson, Socket>;
  for (const who of Object.keys(DEMO_LOGINS) as DemoPerson[]) {
    sockets[who] = await connectAgent(url, team.tokens[who], beforeConnect && ((s) => beforeConnect(who, s)));
  }
  return { ...team, sockets };
}

/**
 * A quiet team: 王芳 and 李雷 go away, so nobody is offered anything and each test decides who has
 * what. Every socket passed (the whole team's, when given) has received the pushes this caused.
 */
export async function quietTeam(server: RunningServer, sockets: Record<'wang' | 'li', Socket> & Record<string, Socket>): Promise<void> {
  for (const who of ['wang', 'li'] as const) data(await request(sockets[who], 'presence:set', { presence: 'away' }));
  await server.router.settled();
  await pushesFlushed(...Object.values(sockets));
}

export async function postJson(
  url: string,
  route: string,
  body: unknown,
  raw = false,
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(`${url}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: raw ? (body as string) : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

const openSockets = new Set<Socket>();

/** Connects to a namespace; resolves once connected, rejects with the connect_error. */
function open(url: string, namespace: string, auth: Record<string, unknown>, beforeConnect?: (socket: Socket) => void): Promise<Socket> {
  const socket = connect(`${url}${namespace}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  openSockets.add(socket);
  beforeConnect?.(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** Connects an agent; `beforeConnect` may attach listeners for pushes sent right on connect (agent:state). */
export function connectAgent(url: string, token: string | undefined, beforeConnect?: (socket: Socket) => void): Promise<Socket> {
  return open(url, AGENT_NAMESPACE, token === undefined ? {} : { token }, beforeConnect);
}

export type VisitorSessionPush = {
  visitorToken: string;
  contactId: string;
  name: string;
  groups: { id: string; name: string; open: boolean }[];
};

/** Connects a widget visitor and waits for its session push. */
export async function connectVisitor(
  url: string,
  auth: Record<string, unknown> = {},
  /** Called with the socket before it connects, to record pushes sent right after the session. */
  beforeConnect?: (socket: Socket) => void,
): Promise<{ socket: Socket; session: VisitorSessionPush }> {
  const socket = connect(`${url}${VISITOR_NAMESPACE}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  openSockets.add(socket);
  beforeConnect?.(socket);
  const session = await new Promise<VisitorSessionPush>((resolve, reject) => {
    socket.once('visitor:session', resolve);
    socket.once('connect_error', reject);
  });
  return { socket, session };
}

/**
 * A widget visitor's message, sent and acknowledged, with the id of the contact's open
 * conversation it landed in. `extra` goes into the request as it is (a chosen group).
 */
export async function visitorSays(
  server: RunningServer,
  visitor: { socket: Socket; contactId: string },
  body: string,
  extra: Record<string, unknown> = {},
): Promise<{ conversationId: string; message: VisitorMessage }> {
  const { message } = data(await request<{ message: VisitorMessage }>(visitor.socket, 'visitor:send', { clientId: randomUUID(), body, ...extra }));
  const rows = await server.db.query<{ id: string }>("SELECT id FROM conversations WHERE contact_id = $1 AND status = 'open'", [visitor.contactId]);
  return { conversationId: rows[0]!.id, message };
}

/** Only 王芳 takes chats: every other agent is set offline in the database, so new conversations are offered to her. */
export async function onlyWangTakesChats(server: RunningServer): Promise<void> {
  await server.db.query("UPDATE users SET presence = 'offline' WHERE email <> 'wang.fang@demo.test' AND role = 'agent'");
}

export function closeAllSockets(): void {
  for (const socket of openSockets) socket.close();
  openSockets.clear();
}

/** Emits a request and resolves with its ack. */
export function request<T = unknown>(socket: Socket, name: string, payload: unknown): Promise<Result<T>> {
  return socket.timeout(10_000).emitWithAck(name, payload) as Promise<Result<T>>;
}

/** Records every push of `event` on a socket. */
export function record<T = unknown>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}

export { waitUntil as waitFor } from './wait';

/**
 * A signed access token for a user created directly in the database (no password round trip), in
 * a sign-in session of its own that nobody ends.
 */
export function tokenFor(secret: string, user: { id: string; accountId: string; role: Role }): Promise<string> {
  return issueAccessToken({ userId: user.id, accountId: user.accountId, role: user.role, sessionId: randomUUID() }, secret, () => Date.now());
}

/** Inserts a user of `role` into an account (for teams built by tests), with skill groups. */
export async function insertUser(
  db: Queryable,
  accountId: string,
  user: { name: string; role?: Role; maxChats?: number; groupIds?: string[] },
): Promise<{ id: string; accountId: string; role: Role; name: string }> {
  const id = randomUUID();
  const role = user.role ?? 'agent';
  await db.query(
    `INSERT INTO users (id, account_id, email, name, role, password_hash, max_chats) VALUES ($1, $2, $3, $4, $5, 'x', $6)`,
    [id, accountId, `${id}@test.invalid`, user.name, role, user.maxChats ?? 5],
  );
  for (const groupId of user.groupIds ?? []) {
    await db.query('INSERT INTO user_skill_groups (user_id, skill_group_id) VALUES ($1, $2)', [id, groupId]);
  }
  return { id, accountId, role, name: user.name };
}

export { POSTGRES_ADMIN_URL, createThrowawayDatabase, postgresReachable } from './postgres';
