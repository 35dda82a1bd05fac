import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer, type ServerOptions } from '../../server/app';
import { startCore } from '../support/core-harness';
import { databaseTargets } from '../support/databases';
import { connectVisitor } from '../support/visitor';
import { waitUntil } from '../support/wait';

const targets = await databaseTargets();

// The real server and the real client core, talking over loopback, on every reachable database.
describe.each(targets)('the desktop core against the real server on $label', (target) => {
  let server: RunningServer;
  let port = 0;
  let dbOptions: Pick<ServerOptions, 'dataDir' | 'databaseUrl'>;
  let drop = async () => {};

  beforeAll(async () => {
    const db = await target.open();
    dbOptions = db.options;
    drop = db.drop;
    server = await startServer({ port: 0, seed: 'if-empty', ...dbOptions });
    port = server.port;
    console.log(`database: ${db.describe}`);
  });
  afterAll(async () => {
    await server?.close();
    await drop();
  });

  it('refuses a wrong password with a code the UI can explain, and stays signed out', async () => {
    const agent = startCore();
    const result = await agent.invoke('session.login', {
      serverUrl: server.url,
      email: 'wang.fang@demo.test',
      password: 'not-the-password',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
    expect(await agent.call('session.get', {})).toMatchObject({ signedIn: false });
    await agent.core.dispose();
  });

  it('refuses arguments that do not match the contract before reaching the server', async () => {
    const agent = startCore();
    const result = await agent.invoke('outbox.send', { conversationId: 'x', body: '   ' });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    await agent.core.dispose();
  });

  it("shows a visitor's message in the inbox live, delivers the reply, and recovers after a server restart", async () => {
    const agent = startCore();
    const session = await agent.call('session.login', {
      serverUrl: server.url,
      email: 'wang.fang@demo.test',
      password: 'demo-agent',
    });
    expect(session).toMatchObject({ signedIn: true, user: { name: '王芳', role: 'agent' } });
    await waitUntil(() => agent.eventsOf('connection.changed').some((s) => s.status === 'online'), 'online');

    const visitor = await connectVisitor(server.url, { name: 'Visitor 7' });
    const sent = await visitor.send('你好，我的订单还没到');
    expect(sent.ok).toBe(true);

    const conversation = await waitUntil(
      () => agent.eventsOf('conversation.updated').find((c) => c.lastMessagePreview.includes('订单还没到')),
      'the conversation to reach the agent',
    );
    expect(conversation).toMatchObject({ status: 'open', assigneeId: null, channelKind: 'widget' });
    expect((await agent.call('conversations.list', {})).map((c) => c.id)).toContain(conversation.id);

    const thread = await agent.call('messages.list', { conversationId: conversation.id });
    expect(thread.map((m) => [m.senderType, m.body])).toEqual([['contact', '你好，我的订单还没到']]);

    const reply = await agent.call('outbox.send', {
      conversationId: conversation.id,
      body: '您好，我来帮您查一下物流。',
    });
    expect(reply).toMatchObject({ delivery: 'sent', senderType: 'agent', body: '您好，我来帮您查一下物流。' });
    expect(reply.seq).toBeGreaterThan(thread[0]!.seq);
    const seen = await visitor.waitFor((m) => m.from === 'agent');
    expect(seen.body).toBe('您好，我来帮您查一下物流。');
    expect(seen.senderName).toBe('王芳');

    // The reply claimed the conversation for the agent who wrote it.
    const claimed = (await agent.call('conversations.list', {})).find((c) => c.id === conversation.id);
    expect(claimed).toMatchObject({ assigneeName: '王芳' });

    // Restart the server on the same data folder and port: the core reconnects by itself.
    await server.close();
    await waitUntil(() => agent.eventsOf('connection.changed').at(-1)?.status === 'offline', 'offline');
    const offline = agent.eventsOf('connection.changed').at(-1)!;
    expect(offline.error?.code).toBeTruthy();
    expect(offline.nextRetryAt).not.toBeNull();
    await expect(agent.call('outbox.send', { conversationId: conversation.id, body: 'still there?' })).rejects.toMatchObject({
      code: 'offline',
    });

    server = await startServer({ port, seed: 'if-empty', ...dbOptions });
    await waitUntil(() => agent.eventsOf('connection.changed').at(-1)?.status === 'online', 'back online', 40_000);
    const history = await agent.call('messages.list', { conversationId: conversation.id });
    expect(history.map((m) => m.body)).toEqual(['你好，我的订单还没到', '您好，我来帮您查一下物流。']);

    visitor.close();
    await agent.call('session.logout', {});
    expect(agent.eventsOf('connection.changed').at(-1)?.status).toBe('signed_out');
    await agent.core.dispose();
  });

  it("keeps another agent out of a conversation that is not theirs", async () => {
    const visitor = await connectVisitor(server.url);
    await visitor.send('I need help with a refund');
    const first = startCore();
    await first.call('session.login', { serverUrl: server.url, email: 'emma@demo.test', password: 'demo-agent' });
    await waitUntil(() => first.eventsOf('connection.changed').some((s) => s.status === 'online'), 'online');
    const conv = await waitUntil(
      async () => (await first.call('conversations.list', {})).find((c) => c.lastMessagePreview.includes('refund')),
      'the refund conversation',
    );
    await first.call('outbox.send', { conversationId: conv.id, body: 'Happy to help with that.' });

    const second = startCore();
    await second.call('session.login', { serverUrl: server.url, email: 'li.lei@demo.test', password: 'demo-agent' });
    await waitUntil(() => second.eventsOf('connection.changed').some((s) => s.status === 'online'), 'online');
    expect((await second.call('conversations.list', {})).map((c) => c.id)).not.toContain(conv.id);
    await expect(second.call('messages.list', { conversationId: conv.id })).rejects.toMatchObject({ code: 'forbidden' });
    const refused = await second.call('outbox.send', { conversationId: conv.id, body: 'Let me take this.' });
    expect(refused).toMatchObject({ delivery: 'failed', error: { code: 'forbidden' } });

    visitor.close();
    await first.core.dispose();
    await second.core.dispose();
  });
});
