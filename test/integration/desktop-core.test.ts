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
    await agent.waitForStatus('online');

    const visitor = await connectVisitor(server.url, { name: 'Visitor 7' });
    expect((await visitor.send('你好，我的订单还没到')).ok).toBe(true);

    const conversation = await waitUntil(
      () => agent.eventsOf('conversation.updated').find((c) => c.lastMessagePreview.includes('订单还没到')),
      'the conversation to reach the agent',
    );
    expect(conversation).toMatchObject({ status: 'open', assigneeId: null, channelKind: 'widget', access: 'full' });
    expect((await agent.call('conversations.list', {})).map((c) => c.id)).toContain(conversation.id);

    const thread = await agent.call('messages.list', { conversationId: conversation.id });
    expect(thread.map((m) => [m.senderType, m.body])).toEqual([['contact', '你好，我的订单还没到']]);

    // The customer, the knowledge base and the quick replies are in the cache for offline use.
    const contact = await waitUntil(() => agent.call('contacts.get', { contactId: conversation.contactId }), 'the contact');
    expect(contact).toMatchObject({ id: conversation.contactId, name: 'Visitor 7' });
    await waitUntil(() => agent.eventsOf('catalog.updated').length > 0, 'the catalog');
    const articles = await agent.call('kb.list', {});
    expect(articles.map((a) => a.lang)).toEqual(expect.arrayContaining(['zh', 'en']));
    const templates = await agent.call('templates.list', {});
    expect(templates.length).toBeGreaterThan(0);
    expect(templates.every((t) => t.ownerId === null || t.ownerId === session.user?.id)).toBe(true);

    const queued = await agent.call('outbox.send', { conversationId: conversation.id, body: '您好，我来帮您查一下物流。' });
    expect(queued.delivery).toMatch(/queued|sending/);
    const stored = await waitUntil(
      () => agent.eventsOf('message.updated').find((m) => m.clientId === queued.clientId && m.delivery === 'sent'),
      'the reply to be stored',
    );
    expect(stored.seq).toBeGreaterThan(thread[0]!.seq);
    const seen = await visitor.waitFor((m) => m.from === 'agent');
    expect(seen).toMatchObject({ body: '您好，我来帮您查一下物流。', senderName: '王芳' });

    // The reply claimed the conversation for the agent who wrote it.
    await waitUntil(
      async () => (await agent.call('conversations.list', {})).find((c) => c.id === conversation.id)?.assigneeName === '王芳',
      'the conversation to be assigned to the replying agent',
    );

    // Restart the server on the same data and port: the core says it is offline, then reconnects.
    await server.close();
    await agent.waitForStatus('offline');
    const offline = agent.eventsOf('connection.changed').at(-1)!;
    expect(offline.error?.code).toBeTruthy();
    expect(offline.nextRetryAt).not.toBeNull();
    server = await startServer({ port, seed: 'if-empty', ...dbOptions });
    await agent.waitForStatus('online');
    const history = await agent.call('messages.list', { conversationId: conversation.id });
    expect(history.map((m) => m.body)).toEqual(['你好，我的订单还没到', '您好，我来帮您查一下物流。']);

    visitor.close();
    await agent.call('session.logout', {});
    expect(agent.status()).toBe('signed_out');
    await agent.core.dispose();
  });

  it('keeps another agent out of a conversation that is not theirs', async () => {
    const visitor = await connectVisitor(server.url);
    await visitor.send('I need help with a refund');
    const first = startCore();
    await first.call('session.login', { serverUrl: server.url, email: 'emma@demo.test', password: 'demo-agent' });
    await first.waitForStatus('online');
    const conv = await waitUntil(
      async () => (await first.call('conversations.list', {})).find((c) => c.lastMessagePreview.includes('refund')),
      'the refund conversation',
    );
    const reply = await first.call('outbox.send', { conversationId: conv.id, body: 'Happy to help with that.' });
    await waitUntil(() => first.eventsOf('message.updated').some((m) => m.clientId === reply.clientId && m.delivery === 'sent'), 'sent');

    const second = startCore();
    await second.call('session.login', { serverUrl: server.url, email: 'li.lei@demo.test', password: 'demo-agent' });
    await second.waitForStatus('online');
    // A later conversation reaching li.lei proves the sync ran past the refund one.
    const later = await connectVisitor(server.url);
    await later.send('A question about sizes');
    await waitUntil(
      async () => (await second.call('conversations.list', {})).some((c) => c.lastMessagePreview.includes('sizes')),
      'the later conversation',
    );
    expect((await second.call('conversations.list', {})).map((c) => c.id)).not.toContain(conv.id);
    await expect(second.call('messages.list', { conversationId: conv.id })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(second.call('outbox.send', { conversationId: conv.id, body: 'Let me take this.' })).rejects.toMatchObject({
      code: 'not_found',
    });

    visitor.close();
    later.close();
    await first.core.dispose();
    await second.core.dispose();
  });
});
