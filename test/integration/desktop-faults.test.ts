import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type TestCore } from '../support/core-harness';
import { pushesFlushed } from '../support/barriers';
import { CoreProcess } from '../support/core-process';
import { runDatabase } from '../support/databases';
import { connectAgent, login, request } from '../support/server-fixture';
import { freePort, ServerProcess } from '../support/server-process';
import { TcpProxy } from '../support/tcp-proxy';
import { connectVisitor, type TestVisitor } from '../support/visitor';
import { waitUntil } from '../support/wait';

// Faults while replies are being delivered. The server runs as its own process (on a seeded copy of
// the run's database) so it can be killed or frozen; in every case each reply must reach the
// customer exactly once, in the order written.

let server: ServerProcess;
const cleanups: (() => Promise<void> | void)[] = [];
const cleanupsAtEnd: (() => Promise<void>)[] = [];

beforeAll(async () => {
  const database = await runDatabase().open();
  cleanupsAtEnd.push(database.drop);
  const { dataDir, databaseUrl } = database.options;
  server = new ServerProcess(await freePort(), databaseUrl ? { DATABASE_URL: databaseUrl } : { SWITCHBOARD_DATA_DIR: dataDir });
  await server.start();
  console.log(`database: ${database.describe}, in a server process on port ${server.port}`);
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
afterAll(async () => {
  await server?.stop();
  for (const c of cleanupsAtEnd.splice(0)) await c();
});

/** What the customer's conversation holds from the agent, read through the widget's own history. */
async function customerSees(visitor: TestVisitor): Promise<string[]> {
  const again = await connectVisitor(server.url, { visitorToken: visitor.token });
  try {
    const history = await again.socket.timeout(10_000).emitWithAck('visitor:history', {});
    return (history.data.messages as { from: string; body: string }[]).filter((m) => m.from === 'agent').map((m) => m.body);
  } finally {
    again.close();
  }
}

async function openConversations(agent: TestCore | CoreProcess, count: number, tag: string) {
  const visitors: TestVisitor[] = [];
  for (let i = 0; i < count; i++) {
    const v = await connectVisitor(server.url, { name: `${tag} ${i}` });
    await v.send(`${tag} ${i}`);
    visitors.push(v);
    cleanups.push(() => v.close());
  }
  const ids = await waitUntil(async () => {
    const list = await agent.call('conversations.list', {});
    const found = visitors.map((_, i) => list.find((c) => c.lastMessagePreview === `${tag} ${i}`)?.id);
    return found.every(Boolean) ? (found as string[]) : undefined;
  }, `${count} ${tag} conversations`);
  return { visitors, ids };
}

const replies = (tag: string, i: number, n: number) => Array.from({ length: n }, (_, k) => `${tag} ${i} reply ${k + 1}`);

describe('delivering queued replies through faults', () => {
  it('the connection drops in the middle of a flush', async () => {
    const proxy = await TcpProxy.start(server.port);
    const agent = startCore();
    cleanups.push(() => proxy.close(), () => agent.core.dispose());
    await agent.call('session.login', { serverUrl: proxy.url, email: 'wang.fang@demo.test', password: 'demo-agent' });
    await agent.waitForStatus('online');
    const { visitors, ids } = await openConversations(agent, 4, 'drop');

    proxy.cut();
    await agent.waitForStatus('offline');
    for (let k = 0; k < 40; k++) for (let i = 0; i < 4; i++) await agent.call('outbox.send', { conversationId: ids[i]!, body: replies('drop', i, 40)[k]! });
    proxy.restore();
    await waitUntil(() => agent.eventsOf('message.updated').filter((m) => m.delivery === 'sent').length >= 20, 'some replies stored', 30_000);
    proxy.cut();
    await agent.waitForStatus('offline');
    proxy.restore();

    for (let i = 0; i < 4; i++) await waitUntil(async () => (await customerSees(visitors[i]!)).length === 40, `all replies in ${i}`, 60_000);
    for (let i = 0; i < 4; i++) expect(await customerSees(visitors[i]!)).toEqual(replies('drop', i, 40));
    await waitUntil(async () => (await agent.call('messages.list', { conversationId: ids[0]! })).every((m) => m.delivery === 'sent'), 'outbox empty');
  });

  it('the server is killed and restarted in the middle of a flush', async () => {
    const proxy = await TcpProxy.start(server.port);
    const agent = startCore();
    cleanups.push(() => proxy.close(), () => agent.core.dispose());
    await agent.call('session.login', { serverUrl: proxy.url, email: 'emma@demo.test', password: 'demo-agent' });
    await agent.waitForStatus('online');
    const { visitors, ids } = await openConversations(agent, 3, 'crash');

    proxy.cut();
    await agent.waitForStatus('offline');
    for (let k = 0; k < 60; k++) for (let i = 0; i < 3; i++) await agent.call('outbox.send', { conversationId: ids[i]!, body: replies('crash', i, 60)[k]! });
    proxy.restore();
    await waitUntil(() => agent.eventsOf('message.updated').filter((m) => m.delivery === 'sent').length >= 10, 'some replies stored', 30_000);
    const mark = agent.eventsOf('connection.changed').length;
    await server.kill();
    await agent.waitForStatusSince(mark, 'offline');
    await server.start();

    for (let i = 0; i < 3; i++) await waitUntil(async () => (await customerSees(visitors[i]!)).length === 60, `all replies in ${i}`, 90_000);
    for (let i = 0; i < 3; i++) expect(await customerSees(visitors[i]!)).toEqual(replies('crash', i, 60));
  });

  it('the app is killed after emitting but before the ack, and started again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sb-killed-app-'));
    const first = new CoreProcess(dataDir);
    cleanups.push(() => first.kill());
    await first.call('session.login', { serverUrl: server.url, email: 'li.lei@demo.test', password: 'demo-agent' });
    await waitUntil(() => first.events.some((e) => e.event === 'connection.changed' && (e.payload as { status: string }).status === 'online'), 'online');
    const { visitors, ids } = await openConversations(first, 1, 'killed');

    // The server stalls: the replies are written, emitted, and wait for an ack that cannot come yet.
    server.freeze();
    const written = replies('killed', 0, 3);
    for (const body of written) await first.call('outbox.send', { conversationId: ids[0]!, body });
    await first.call('drafts.save', { conversationId: ids[0]!, body: 'typed just before the crash' });
    await waitUntil(
      () => first.events.some((e) => e.event === 'message.updated' && (e.payload as { delivery: string }).delivery === 'sending'),
      'a reply on its way',
    );
    await first.kill();
    server.thaw();

    const second = startCore(dataDir);
    cleanups.push(() => second.core.dispose());
    expect(await second.call('session.get', {})).toMatchObject({ signedIn: true });
    expect(await second.call('drafts.get', { conversationId: ids[0]! })).toMatchObject({ body: 'typed just before the crash' });
    await second.waitForStatus('online', 30_000);
    await waitUntil(async () => (await customerSees(visitors[0]!)).length === 3, 'the replies to arrive', 30_000);
    await waitUntil(async () => (await second.call('messages.list', { conversationId: ids[0]! })).every((m) => m.delivery === 'sent'), 'outbox empty');
    expect(await customerSees(visitors[0]!)).toEqual(written);
    expect((await second.call('messages.list', { conversationId: ids[0]! })).map((m) => m.body)).toEqual(['killed 0', ...written]);
  });

  it('the same emit arrives twice at once', async () => {
    const tokens = await login(server.url, 'wang.fang@demo.test', 'demo-agent');
    const socket = await connectAgent(server.url, tokens.accessToken);
    cleanups.push(() => void socket.close());
    const visitor = await connectVisitor(server.url);
    cleanups.push(() => visitor.close());
    await visitor.send('twice 0');
    const list = await request<{ conversations: { id: string; lastMessagePreview: string }[] }>(socket, 'conversations:list', {});
    const id = list.ok ? list.data.conversations.find((c) => c.lastMessagePreview === 'twice 0')!.id : '';
    const payload = { conversationId: id, clientId: randomUUID(), body: 'Only once, please' };
    const [a, b] = await Promise.all([request(socket, 'message:send', payload), request(socket, 'message:send', payload)]);
    expect(a).toMatchObject({ ok: true });
    expect(b).toEqual(a);
    await pushesFlushed(visitor.socket);
    expect(visitor.received.filter((m) => m.body === 'Only once, please')).toHaveLength(1);
    expect(await customerSees(visitor)).toEqual(['Only once, please']);
  });
});
