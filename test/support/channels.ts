import { createHmac, randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import type { RunningServer, ServerOptions } from '../../server/app';
import type { ChannelView } from '../../shared/channels';
import type { Conversation, Message } from '../../shared/domain';
import { PGLITE, startServerOn, type DatabaseTarget } from './databases';
import { startRecordingServer, type RecordingServer, type Responder } from './recording-server';
import { closeAllSockets, connectAgent, data, login, request } from './server-fixture';
import { waitUntil } from './wait';

/** Gives the demo widget channel an identity secret (for signed visitors); its id. */
export async function signWidgetVisitorsWith(t: ChannelTestServer, identitySecret: string): Promise<string> {
  const channels = (await http(`${t.server.url}/api/channels`, { headers: bearer(t.adminToken) })).json as { channels: ChannelView[] };
  const widgetId = channels.channels.find((c) => c.kind === 'widget')!.id;
  const patched = await http(`${t.server.url}/api/channels/${widgetId}`, {
    method: 'PATCH', headers: { ...bearer(t.adminToken), 'content-type': 'application/json' }, body: JSON.stringify({ secrets: { identitySecret } }),
  });
  if (patched.status !== 200) throw new Error(`could not set the widget's identity secret: ${patched.status} ${patched.text}`);
  return widgetId;
}

/** Fast retries for tests: three attempts, 50 ms apart and doubling. */
export const TEST_RETRY = { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 400 };

/**
 * Customers' files in channel tests that are not about them: one fetch, when the message arrives,
 * and no polling, so no fetch of a file a fake platform does not serve lands in a later test. Tests
 * of files pass their own (`attachments` in the server options).
 */
export const ONE_FETCH = { retry: { maxAttempts: 1, baseDelayMs: 60_000, maxDelayMs: 60_000 }, pollMs: 3_600_000 };

export type ChannelTestServer = {
  server: RunningServer;
  close(): Promise<void>;
  /** Every log line the server wrote (warnings and errors, JSON). */
  logs: string[];
  adminToken: string;
  agentToken: string;
  accountId: string;
  /** 王芳, an agent of the demo team, and an admin. */
  agent: Socket;
  admin: Socket;
  adminId: string;
  agentId: string;
};

/**
 * A real server with the demo team signed in over loopback: on `target`'s database (PGlite in a
 * temp folder without one). `close()` stops it and drops the database.
 */
export async function startChannelServer(options: Partial<ServerOptions> = {}, target?: DatabaseTarget): Promise<ChannelTestServer> {
  const logs: string[] = [];
  const { server, close } = await startServerOn(target ?? PGLITE, {
    routingSweepMs: 60_000, deliveryPollMs: 50, deliveryRetry: TEST_RETRY, attachments: ONE_FETCH,
    logStream: { write: (line: string) => void logs.push(line) },
    ...options,
  });
  const admin = await login(server.url, 'admin@demo.test', 'demo-admin');
  const agent = await login(server.url, 'wang.fang@demo.test', 'demo-agent');
  const agentSocket = await connectAgent(server.url, agent.accessToken);
  const adminSocket = await connectAgent(server.url, admin.accessToken);
  // Nobody is offered anything (王芳 is at work but busy): each test decides who answers.
  await request(agentSocket, 'presence:set', { presence: 'busy' });
  return {
    close,
    server, logs, adminToken: admin.accessToken, agentToken: agent.accessToken, accountId: admin.user.accountId,
    agent: agentSocket, admin: adminSocket, adminId: admin.user.id, agentId: agent.user.id,
  };
}

export type HttpAnswer = { status: number; text: string; json: unknown; ms: number };

/** One HTTP request to the server under test, timed. */
export async function http(url: string, init: RequestInit = {}): Promise<HttpAnswer> {
  const started = Date.now();
  const response = await fetch(url, init);
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? (JSON.parse(text) as unknown) : null;
  } catch {
    json = null;
  }
  return { status: response.status, text, json, ms: Date.now() - started };
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** POSTs `body` (a string as it is, anything else as JSON) with a JSON content type and `headers`. */
export function postBody(url: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return http(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

export type PlatformChannel = { t: ChannelTestServer; platform: RecordingServer; channel: ChannelView };

/**
 * A fake platform API answering with `answer`, the server on `target` (with `options`), and one
 * channel created by the admin from `channel(platformUrl)`. Stop them with `stopPlatformChannel`.
 */
export async function startPlatformChannel(
  target: DatabaseTarget,
  setup: { answer: Responder; options?: Partial<ServerOptions>; channel: (platformUrl: string) => Record<string, unknown> },
): Promise<PlatformChannel> {
  const platform = await startRecordingServer();
  platform.answer(setup.answer);
  const t = await startChannelServer(setup.options, target);
  const channel = await createChannel(t, setup.channel(platform.url));
  return { t, platform, channel };
}

/** Closes every test socket, then stops the server (dropping its database) and the fake platform. */
export async function stopPlatformChannel(t: ChannelTestServer | undefined, platform: RecordingServer | undefined): Promise<void> {
  closeAllSockets();
  await t?.close();
  await platform?.close();
}

/** The conversation a platform message (by the platform's own id) was stored in. */
export async function conversationOfExternal(t: ChannelTestServer, channelId: string, externalId: string): Promise<string | undefined> {
  const rows = await t.server.db.query<{ conversation_id: string }>('SELECT conversation_id FROM messages WHERE client_id = $1', [`ch:${channelId}:${externalId}`]);
  return rows[0]?.conversation_id;
}

/** How many messages the server has stored, over all conversations. */
export const messageCount = (t: ChannelTestServer): Promise<number> => countRows(t, 'SELECT count(*)::int AS n FROM messages');

/** Creates a channel through the admin API. */
export async function createChannel(t: ChannelTestServer, body: Record<string, unknown>): Promise<ChannelView> {
  const answer = await http(`${t.server.url}/api/channels`, {
    method: 'POST', headers: { ...bearer(t.adminToken), 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  if (answer.status !== 201) throw new Error(`creating a channel failed: ${answer.status} ${answer.text}`);
  return (answer.json as { channel: ChannelView }).channel;
}

/** Meta's X-Hub-Signature-256 for a raw body. */
export function hubSignature(body: string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

export { data };

/** The thread as an agent's desktop loads it. */
export async function threadOf(socket: Socket, conversationId: string): Promise<Message[]> {
  return data(await request<{ messages: Message[] }>(socket, 'messages:list', { conversationId })).messages;
}

/** An agent's reply through the socket protocol, as the desktop's outbox sends it. */
export async function reply(socket: Socket, conversationId: string, body: string): Promise<{ message: Message; conversation: Conversation }> {
  return data(await request<{ message: Message; conversation: Conversation }>(socket, 'message:send', { conversationId, clientId: randomUUID(), body }));
}

/** Waits until a message's delivery reaches `status` and returns the message as an agent reads it. */
export async function waitForDelivery(socket: Socket, conversationId: string, messageId: string, status: string, timeoutMs = 10_000): Promise<Message> {
  return waitUntil(async () => {
    const message = (await threadOf(socket, conversationId)).find((m) => m.id === messageId);
    return message?.delivery?.status === status ? message : undefined;
  }, `delivery ${status} of ${messageId}`, timeoutMs);
}

export async function countRows(t: ChannelTestServer, sql: string, params: unknown[] = []): Promise<number> {
  const rows = await t.server.db.query<{ n: number }>(sql, params);
  return Number(rows[0]?.n ?? 0);
}
