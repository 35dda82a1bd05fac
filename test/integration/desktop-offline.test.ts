import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import { raiseSyncFloor } from '../../server/db/sequence';
import { serverViewFor } from '../support/agent-truth';
import { startCore, type TestCore } from '../support/core-harness';
import { databaseTargets, startServerOn } from '../support/databases';
import { pushesFlushed } from '../support/barriers';
import { TcpProxy } from '../support/tcp-proxy';
import { connectVisitor, type TestVisitor } from '../support/visitor';
import { waitUntil } from '../support/wait';

const targets = await databaseTargets();

/** An agent whose network runs through a relay the test can cut. */
async function agentBehindProxy(server: RunningServer, email: string, dataDir?: string) {
  const proxy = await TcpProxy.start(server.port);
  const agent = startCore(dataDir);
  await agent.call('session.login', { serverUrl: proxy.url, email, password: 'demo-agent' });
  await agent.waitForStatus('online');
  return { agent, proxy };
}

async function directAgent(server: RunningServer, email: string): Promise<TestCore> {
  const agent = startCore();
  await agent.call('session.login', { serverUrl: server.url, email, password: 'demo-agent' });
  await agent.waitForStatus('online');
  return agent;
}

async function conversationOf(agent: TestCore, text: string) {
  return waitUntil(
    async () => (await agent.call('conversations.list', {})).find((c) => c.lastMessagePreview.includes(text)),
    `a conversation showing "${text}"`,
  );
}

async function expectCacheEqualsServer(agent: TestCore, serverUrl: string, email: string) {
  const truth = await serverViewFor(serverUrl, email);
  const cached = (await agent.call('conversations.list', {})).filter((c) => c.access === 'full');
  expect(new Set(cached.map((c) => c.id))).toEqual(new Set(truth.conversations.map((c) => c.id)));
  for (const conversation of truth.conversations) {
    const mine = cached.find((c) => c.id === conversation.id);
    expect(mine).toMatchObject({ seq: conversation.seq, assigneeId: conversation.assigneeId, lastMessagePreview: conversation.lastMessagePreview });
    const thread = await agent.call('messages.list', { conversationId: conversation.id });
    expect(thread.map((m) => m.id)).toEqual(truth.threads.get(conversation.id)!.map((m) => m.id));
  }
  return truth;
}

describe.each(targets)('working offline, on $label', (target) => {
  let server: RunningServer;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ server, close } = await startServerOn(target));
  });
  afterAll(async () => {
    await close?.();
  });

  it('after a disconnect the cache equals the server: 50 messages in 10 conversations, two taken by a colleague', async () => {
    const { agent, proxy } = await agentBehindProxy(server, 'wang.fang@demo.test');
    const colleague = await directAgent(server, 'li.lei@demo.test');
    const visitors: TestVisitor[] = [];
    for (let i = 0; i < 10; i++) {
      const v = await connectVisitor(server.url, { name: `Sync visitor ${i}` });
      await v.send(`sync-test ${i} hello`);
      visitors.push(v);
    }
    await waitUntil(async () => (await agent.call('conversations.list', {})).filter((c) => c.lastMessagePreview.startsWith('sync-test')).length === 10, 'ten conversations');

    proxy.cut();
    await agent.waitForStatus('offline');
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 10; i++) await visitors[i]!.send(`sync-test ${i} message ${round}`);
    }
    // 40 messages above plus the 10 first ones: 50 in all. A colleague takes two of the conversations,
    // among those not under offer to 王芳 (one offered to someone else is not theirs to take).
    const [li] = await server.db.query<{ id: string }>("SELECT id FROM users WHERE email = 'li.lei@demo.test'");
    const takeable = await waitUntil(async () => {
      const free = (await colleague.call('conversations.list', {})).filter(
        (c) => /^sync-test \d message 3/.test(c.lastMessagePreview) && c.assigneeId === null && (c.offeredToId === null || c.offeredToId === li!.id),
      );
      return free.length >= 2 && free.slice(0, 2);
    }, 'two conversations the colleague may take');
    for (const [i, conv] of takeable.entries()) {
      await colleague.call('outbox.send', { conversationId: conv.id, body: `李雷 takes ${i}` });
    }
    await waitUntil(
      () =>
        new Set(colleague.eventsOf('message.updated').filter((m) => m.delivery === 'sent' && m.body.startsWith('李雷 takes')).map((m) => m.clientId))
          .size === 2,
      'colleague replies stored',
    );

    proxy.restore();
    await agent.waitForStatus('online', 30_000);
    await waitUntil(
      async () => (await agent.call('conversations.list', {})).filter((c) => c.lastMessagePreview.startsWith('sync-test')).length === 8,
      'the agent to see eight conversations',
    );
    const truth = await expectCacheEqualsServer(agent, server.url, 'wang.fang@demo.test');
    for (const conversation of truth.conversations.filter((c) => c.lastMessagePreview.startsWith('sync-test'))) {
      const bodies = (await agent.call('messages.list', { conversationId: conversation.id })).map((m) => m.body);
      const i = /sync-test (\d)/.exec(bodies[0]!)![1];
      expect(bodies).toEqual([`sync-test ${i} hello`, ...[0, 1, 2, 3].map((r) => `sync-test ${i} message ${r}`)]);
    }
    // The two taken conversations left the inbox without a reload.
    expect(agent.eventsOf('conversation.removed')).toHaveLength(2);

    for (const v of visitors) v.close();
    await proxy.close();
    await agent.core.dispose();
    await colleague.core.dispose();
  });

  it('replies written offline are queued, then delivered once each, in order, after reconnect', async () => {
    const { agent, proxy } = await agentBehindProxy(server, 'emma@demo.test');
    const visitor = await connectVisitor(server.url);
    await visitor.send('outbox-test: are you there?');
    const conv = await conversationOf(agent, 'outbox-test');

    proxy.cut();
    await agent.waitForStatus('offline');
    const written = ['First answer', 'Second answer', 'Third answer'];
    for (const body of written) {
      const queued = await agent.call('outbox.send', { conversationId: conv.id, body });
      expect(queued.delivery).toBe('queued');
    }
    const thread = await agent.call('messages.list', { conversationId: conv.id });
    expect(thread.slice(-3).map((m) => [m.body, m.delivery])).toEqual(written.map((b) => [b, 'queued']));

    proxy.restore();
    await visitor.waitFor((m) => m.body === 'Third answer', 20_000);
    await waitUntil(async () => (await agent.call('messages.list', { conversationId: conv.id })).every((m) => m.delivery === 'sent'), 'all sent');
    expect(visitor.received.filter((m) => m.from === 'agent').map((m) => m.body)).toEqual(written);
    const truth = await serverViewFor(server.url, 'emma@demo.test');
    expect(truth.threads.get(conv.id)!.map((m) => m.body)).toEqual(['outbox-test: are you there?', ...written]);

    visitor.close();
    await proxy.close();
    await agent.core.dispose();
  });

  it('a reply queued for a conversation a colleague took meanwhile comes back as a draft with the reason', async () => {
    const { agent, proxy } = await agentBehindProxy(server, 'wang.fang@demo.test');
    const colleague = await directAgent(server, 'emma@demo.test');
    const visitor = await connectVisitor(server.url);
    await visitor.send('handover-test: my parcel is late');
    const conv = await conversationOf(agent, 'handover-test');

    proxy.cut();
    await agent.waitForStatus('offline');
    await agent.call('drafts.save', { conversationId: conv.id, body: 'and one more thing' });
    await agent.call('outbox.send', { conversationId: conv.id, body: 'Let me check the parcel for you.' });
    await agent.call('drafts.save', { conversationId: conv.id, body: 'still typing here' });
    const theirs = await conversationOf(colleague, 'handover-test');
    await colleague.call('outbox.send', { conversationId: theirs.id, body: 'Emma here, I have it.' });
    await visitor.waitFor((m) => m.body === 'Emma here, I have it.');

    proxy.restore();
    await agent.waitForStatus('online', 30_000);
    const draft = await waitUntil(
      () => agent.eventsOf('draft.updated').find((d) => d.conversationId === conv.id && d.draft?.reason)?.draft,
      'the reply to come back as a draft',
    );
    if (!draft) throw new Error('no draft');
    expect(draft.body).toBe('Let me check the parcel for you.\n\nstill typing here');
    expect(draft.reason).toMatchObject({ code: 'reassigned', details: { assigneeName: 'Emma Clark' } });
    expect(await agent.call('drafts.get', { conversationId: conv.id })).toMatchObject({ body: draft.body });
    // Never delivered to the customer, still listed for the agent as no longer theirs.
    await pushesFlushed(visitor.socket);
    expect(visitor.received.map((m) => m.body)).not.toContain('Let me check the parcel for you.');
    const kept = (await agent.call('conversations.list', {})).find((c) => c.id === conv.id);
    expect(kept).toMatchObject({ access: 'lost' });
    await expect(agent.call('outbox.send', { conversationId: conv.id, body: 'again' })).rejects.toMatchObject({ code: 'reassigned' });

    visitor.close();
    await proxy.close();
    await agent.core.dispose();
    await colleague.core.dispose();
  });

  it('a reply queued for a conversation resolved meanwhile comes back as a draft', async () => {
    const { agent, proxy } = await agentBehindProxy(server, 'li.lei@demo.test');
    const supervisor = startCore();
    await supervisor.call('session.login', { serverUrl: server.url, email: 'supervisor@demo.test', password: 'demo-supervisor' });
    await supervisor.waitForStatus('online');
    const visitor = await connectVisitor(server.url);
    await visitor.send('resolve-test: thanks, all good');
    const conv = await conversationOf(agent, 'resolve-test');

    proxy.cut();
    await agent.waitForStatus('offline');
    await agent.call('outbox.send', { conversationId: conv.id, body: 'Glad to hear it!' });
    const seen = await conversationOf(supervisor, 'resolve-test');
    expect((await supervisor.call('conversations.resolve', { conversationId: seen.id })).status).toBe('resolved');

    proxy.restore();
    const draft = await waitUntil(() => agent.eventsOf('draft.updated').find((d) => d.conversationId === conv.id)?.draft, 'draft');
    expect(draft).toMatchObject({ body: 'Glad to hear it!', reason: { code: 'resolved' } });
    expect((await agent.call('conversations.list', {})).find((c) => c.id === conv.id)).toMatchObject({ status: 'resolved', access: 'full' });

    visitor.close();
    await proxy.close();
    await agent.core.dispose();
    await supervisor.core.dispose();
  });

  it('starts from its cache with the server unreachable, says it is offline, and keeps drafts across restarts', async () => {
    const { agent, proxy } = await agentBehindProxy(server, 'wang.fang@demo.test');
    const visitor = await connectVisitor(server.url);
    await visitor.send('cache-test: hello from the cache');
    const conv = await conversationOf(agent, 'cache-test');
    await agent.call('messages.list', { conversationId: conv.id });
    await agent.call('drafts.save', { conversationId: conv.id, body: '草稿：明天给您回电' });
    await agent.core.dispose();

    proxy.cut();
    const closedAt = Date.now();
    // The restart happens strictly later than the last connection, so the two cannot be confused.
    await waitUntil(() => Date.now() > closedAt, 'the clock to pass the moment the app closed');
    const restarted = startCore(agent.dataDir);
    expect(await restarted.call('session.get', {})).toMatchObject({ signedIn: true, user: { name: '王芳' } });
    await restarted.waitForStatus('offline');
    // "Offline since" is when the agent was last connected, not when the app started again.
    expect(Date.parse(restarted.eventsOf('connection.changed').at(-1)!.since)).toBeLessThanOrEqual(closedAt);
    const inbox = await restarted.call('conversations.list', {});
    expect(inbox.map((c) => c.id)).toContain(conv.id);
    expect((await restarted.call('messages.list', { conversationId: conv.id })).map((m) => m.body)).toEqual(['cache-test: hello from the cache']);
    expect(await restarted.call('drafts.get', { conversationId: conv.id })).toMatchObject({ body: '草稿：明天给您回电' });
    const queued = await restarted.call('outbox.send', { conversationId: conv.id, body: 'Written while offline after a restart' });
    expect(queued.delivery).toBe('queued');

    proxy.restore();
    await restarted.waitForStatus('online', 30_000);
    await visitor.waitFor((m) => m.body === 'Written while offline after a restart', 20_000);

    visitor.close();
    await proxy.close();
    await restarted.core.dispose();
  });

  it('after an absence longer than the server keeps changes, refetches everything and keeps drafts and the outbox', async () => {
    const { agent, proxy } = await agentBehindProxy(server, 'emma@demo.test');
    const visitor = await connectVisitor(server.url);
    await visitor.send('floor-test: long absence');
    const conv = await conversationOf(agent, 'floor-test');

    proxy.cut();
    await agent.waitForStatus('offline');
    await agent.call('outbox.send', { conversationId: conv.id, body: 'queued through a reset' });
    await agent.call('drafts.save', { conversationId: conv.id, body: 'draft kept through a reset' });
    await visitor.send('floor-test: written during the absence');
    const [account] = await server.db.query<{ id: string; seq: number }>('SELECT a.id, h.handed AS seq FROM accounts a, change_seq_head(a.id) h');
    await raiseSyncFloor(server.db, account!.id, Number(account!.seq));

    proxy.restore();
    await visitor.waitFor((m) => m.body === 'queued through a reset', 20_000);
    await waitUntil(() => agent.eventsOf('inbox.reloaded').length >= 2, 'the inbox to be reloaded after the reset');
    expect(await agent.call('drafts.get', { conversationId: conv.id })).toMatchObject({ body: 'draft kept through a reset' });
    await waitUntil(async () => {
      const bodies = (await agent.call('messages.list', { conversationId: conv.id })).map((m) => m.body);
      return bodies.includes('floor-test: written during the absence') && bodies.includes('queued through a reset');
    }, 'the thread to be whole again');
    // The thread's message and the list row's update arrive separately: the row follows shortly after.
    await waitUntil(async () => (await agent.call('conversations.list', {})).some((c) => c.id === conv.id && c.lastMessagePreview === 'queued through a reset'), 'the list row to show the reply');
    await expectCacheEqualsServer(agent, server.url, 'emma@demo.test');

    visitor.close();
    await proxy.close();
    await agent.core.dispose();
  });
});
