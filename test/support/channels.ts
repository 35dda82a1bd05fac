import { createHmac, randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Socket } from 'socket.io-client';
import { startServer, type RunningServer, type ServerOptions } from '../../server/app';
import type { ChannelView } from '../../shared/channels';
import type { Conversation, Message } from '../../shared/domain';
import type { Result } from '../../shared/errors';
import type { DatabaseTarget } from './databases';
import { connectAgent, login, request } from './server-fixture';
import { waitUntil } from './wait';

/** Fast retries for tests: three attempts, 50 ms apart and doubling. */
export const TEST_RETRY = { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 400 };

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
  const opened = target ? await target.open() : { options: { dataDir: await mkdtemp(path.join(os.tmpdir(), 'sb-channels-')) }, describe: 'PGlite', drop: async () => {} };
  const server = await startServer({
    port: 0, seed: 'if-empty', routingSweepMs: 60_000, deliveryPollMs: 50, deliveryRetry: TEST_RETRY,
    logStream: { write: (line: string) => void logs.push(line) },
    ...opened.options,
    ...options,
  });
  console.log(`database: ${opened.describe} (server ${server.url})`);
  const admin = await login(server.url, 'admin@demo.test', 'demo-admin');
  const agent = await login(server.url, 'wang.fang@demo.test', 'demo-agent');
  const agentSocket = await connectAgent(server.url, agent.accessToken);
  const adminSocket = await connectAgent(server.url, admin.accessToken);
  // Nobody is offered anything: each test decides who answers.
  await request(agentSocket, 'presence:set', { presence: 'away' });
  return {
    close: async () => {
      await server.close();
      await opened.drop();
    },
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

export function data<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`request failed: ${JSON.stringify(result.error)}`);
  return result.data;
}

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
