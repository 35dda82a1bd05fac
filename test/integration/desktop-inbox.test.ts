import { afterAll, describe, expect, it } from 'vitest';
import type { InboxConversation } from '../../shared/contract';
import type { ConversationNotification } from '../../shared/notifications';
import { startCore, type TestCore } from '../support/core-harness';
import { serverForFile } from '../support/server-for-file';
import { connectVisitor, type TestVisitor } from '../support/visitor';
import { waitUntil } from '../support/wait';

// Unread counts, message search, notifications and the badge through the real client core and server.
describe('the inbox through the desktop core', () => {
  const fixture = serverForFile({ routingSweepMs: 60_000 });
  const cores: TestCore[] = [];
  const visitors: TestVisitor[] = [];

  afterAll(async () => {
    for (const v of visitors) v.close();
    for (const c of cores) await c.core.dispose();
  });

  async function agent(dataDir?: string): Promise<TestCore> {
    const core = startCore(dataDir);
    cores.push(core);
    await core.call('session.login', { serverUrl: fixture.server.url, email: 'wang.fang@demo.test', password: 'demo-agent' });
    await core.waitForStatus('online');
    return core;
  }

  async function visitor(name: string): Promise<TestVisitor> {
    const v = await connectVisitor(fixture.server.url, { name });
    visitors.push(v);
    return v;
  }

  /** The conversation as the core last announced it. */
  const latest = (core: TestCore, id: string): InboxConversation | undefined =>
    core.eventsOf('conversation.updated').filter((c) => c.id === id).at(-1);
  const listed = async (core: TestCore, id: string) => (await core.call('conversations.list', {})).find((c) => c.id === id);
  const notices = (core: TestCore, id: string): ConversationNotification[] =>
    core.eventsOf('notification.show').filter((n): n is ConversationNotification => (n.kind === 'conversation' || n.kind === 'message') && n.conversationId === id);

  it('counts the customer\'s unread messages until the agent reads or answers them', async () => {
    const wang = await agent();
    const customer = await visitor('Unread Ursula');
    await customer.send('Hello, my order never arrived');
    const conversation = await waitUntil(
      () => wang.eventsOf('conversation.updated').find((c) => c.contactName === 'Unread Ursula'),
      'the conversation',
    );
    // A new conversation waiting for a person: announced once as such (not again when it is offered).
    await waitUntil(() => notices(wang, conversation.id).length > 0, 'the new-conversation notification');
    await fixture.server.router.settled();
    await wang.caughtUp();
    expect(notices(wang, conversation.id)).toEqual([
      { kind: 'conversation', conversationId: conversation.id, title: 'Unread Ursula', body: 'Hello, my order never arrived', silent: false },
    ]);
    await customer.send('It was order SO-778899, a blue umbrella');
    await waitUntil(() => latest(wang, conversation.id)?.unread === 2, 'two unread');
    expect((await listed(wang, conversation.id))?.unread).toBe(2);

    const read = await wang.call('conversations.markRead', { conversationId: conversation.id });
    expect(read.unread).toBe(0);
    expect((await listed(wang, conversation.id))?.unread).toBe(0);

    await customer.send('Are you there?');
    await waitUntil(async () => (await listed(wang, conversation.id))?.unread === 1, 'one unread after reading');
    // An answer reads what it answers; the reply also makes the conversation the agent's.
    await wang.call('outbox.send', { conversationId: conversation.id, body: 'Yes, I am checking SO-778899 now.' });
    await waitUntil(async () => {
      const c = await listed(wang, conversation.id);
      return c?.unread === 0 && c.assigneeId !== null;
    }, 'the answered conversation to be read and claimed');

    // In the agent's own conversation, a customer message counts on the badge and raises a notification.
    await customer.send('Thank you! One more thing about the umbrella');
    await waitUntil(() => wang.eventsOf('badge.changed').at(-1)?.count === 1, 'the badge to show one');
    await waitUntil(
      () => notices(wang, conversation.id).find((n) => n.body === 'Thank you! One more thing about the umbrella'),
      'the message notification',
    );
    expect(notices(wang, conversation.id).at(-1)?.kind).toBe('message');
    expect((await wang.call('notifications.get', {})).badge).toBe(1);

    // Open in a focused window: it stays read and raises nothing.
    await wang.call('attention.set', { conversationId: conversation.id, focused: true });
    await waitUntil(() => wang.eventsOf('badge.changed').at(-1)?.count === 0, 'the badge to clear');
    const before = notices(wang, conversation.id).length;
    await customer.send('Never mind, found it');
    await waitUntil(() => latest(wang, conversation.id)?.lastMessagePreview === 'Never mind, found it', 'the last message');
    await wang.caughtUp();
    expect((await listed(wang, conversation.id))?.unread).toBe(0);
    expect(notices(wang, conversation.id)).toHaveLength(before);
    expect(wang.eventsOf('badge.changed').at(-1)?.count).toBe(0);

    // The window loses the focus: the next message notifies again.
    await wang.call('attention.set', { conversationId: conversation.id, focused: false });
    await customer.send('Actually, one last question');
    await waitUntil(() => notices(wang, conversation.id).length === before + 1, 'a notification while in the background');
    await wang.call('attention.set', { conversationId: null, focused: true });
  });

  it('keeps the agent\'s notification choices across a restart, and follows them', async () => {
    const wang = await agent();
    expect((await wang.call('notifications.get', {})).preferences).toEqual({ newConversations: true, newMessages: true, sound: true, ticketSla: true, mentions: true });
    await wang.call('notifications.set', { newConversations: false, sound: false });
    const dataDir = wang.dataDir;
    await wang.core.dispose();

    // The app starts again as the same agent, from the same folder.
    const again = startCore(dataDir);
    cores.push(again);
    await again.waitForStatus('online');
    expect((await again.call('notifications.get', {})).preferences).toEqual({ newConversations: false, newMessages: true, sound: false, ticketSla: true, mentions: true });
    const customer = await visitor('Quiet Quinn');
    await customer.send('Hello? Anyone?');
    const conversation = await waitUntil(
      () => again.eventsOf('conversation.updated').find((c) => c.contactName === 'Quiet Quinn'),
      'the conversation',
    );
    await fixture.server.router.settled();
    await again.caughtUp();
    expect(notices(again, conversation.id)).toEqual([]);
    expect(conversation.unread).toBe(1);
  });

  it('finds conversations by words from their messages, with the words marked, also offline', async () => {
    const wang = await agent();
    const customer = await visitor('Search Sam');
    await customer.send('I need a receipt for the teapot order');
    await customer.send('Also the lid arrived chipped');
    const conversation = await waitUntil(
      () => wang.eventsOf('conversation.updated').find((c) => c.contactName === 'Search Sam' && c.lastMessagePreview.includes('chipped')),
      'the conversation',
    );
    const { hits, truncated } = await wang.call('conversations.search', { query: 'TEAPOT receipt' });
    expect(truncated).toBe(false);
    expect(hits.map((h) => h.conversationId)).toEqual([conversation.id]);
    expect(hits[0]!.snippet.filter((p) => p.match).map((p) => p.text)).toEqual(['receipt', 'teapot']);
    expect((await wang.call('conversations.search', { query: 'teapot lid' })).hits).toEqual([]);

    await fixture.server.close();
    await wang.waitForStatus('offline');
    expect((await wang.call('conversations.search', { query: 'chipped' })).hits.map((h) => h.conversationId)).toEqual([conversation.id]);
  });
});
