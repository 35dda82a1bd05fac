import { describe, expect, it } from 'vitest';
import type { InboxConversation } from '../../shared/contract';
import type { TestCore } from '../support/core-harness';
import { databaseTargets } from '../support/databases';
import { desktopBedFor } from '../support/desktop-bed';
import type { TestVisitor } from '../support/visitor';
import { waitUntil } from '../support/wait';

const targets = await databaseTargets();

// The real client cores of an agent, a supervisor and an admin against the real server.
describe.each(targets)('supervision through the desktop core on $label', (target) => {
  const bed = desktopBedFor(target);
  const core = bed.signIn;

  /** A customer's conversation that the agent has claimed by replying. */
  async function claimed(agent: TestCore, name: string): Promise<{ visitor: TestVisitor; conversation: InboxConversation }> {
    const visitor = await bed.visitor({ name });
    await visitor.send(`${name}: 我想问一下发货时间`);
    const waiting = await waitUntil(
      () => agent.eventsOf('conversation.updated').find((c) => c.lastMessagePreview.startsWith(name)),
      `${name}'s conversation`,
    );
    await agent.call('outbox.send', { conversationId: waiting.id, body: `你好 ${name}，我来帮您查` });
    await visitor.waitFor((m) => m.body === `你好 ${name}，我来帮您查`);
    const conversation = await waitUntil(
      async () => (await agent.call('conversations.list', {})).find((c) => c.id === waiting.id && c.assigneeId !== null),
      'the conversation to be assigned',
    );
    return { visitor, conversation };
  }

  it('a whisper with a mention reaches the agent and never the customer; the supervisor sees what the agent types', async () => {
    const wang = await core('wang');
    const supervisor = await core('supervisor');
    const { visitor, conversation } = await claimed(wang, 'Whisper visitor');
    const wangId = (await wang.call('session.get', {})).user!.id;

    // The supervisor's cache holds the agent's conversation and its thread.
    await waitUntil(
      async () => (await supervisor.call('conversations.list', {})).find((c) => c.id === conversation.id && c.assigneeId === wangId),
      'the supervisor to see the assigned conversation',
    );
    const note = await supervisor.call('notes.add', {
      conversationId: conversation.id,
      body: '@王芳 先确认订单号再答复',
      mentions: [wangId],
    });
    expect(note).toMatchObject({ internal: true, delivery: 'sent', body: '@王芳 先确认订单号再答复' });

    const mention = await waitUntil(() => wang.eventsOf('note.mentioned').find((m) => m.conversationId === conversation.id), 'the mention');
    expect(mention).toMatchObject({ messageId: note.id, excerpt: '@王芳 先确认订单号再答复' });
    // The bell lists it once, as a mention (the whisper of the same note adds no second entry), until read.
    const entry = await waitUntil(
      async () => (await wang.call('notificationFeed.list', {})).entries.find((e) => e.event.kind === 'mention' && e.event.messageId === note.id),
      'the mention in the notification centre',
    );
    expect(entry).toMatchObject({ read: false, event: { byName: 'Lin Chen 陈琳', conversationId: conversation.id } });
    expect((await wang.call('notificationFeed.list', {})).entries.filter((e) => e.id === entry.id)).toHaveLength(1);
    expect(await wang.call('notificationFeed.markRead', { all: true })).toMatchObject({ unread: 0 });
    await waitUntil(
      async () => (await wang.call('messages.list', { conversationId: conversation.id })).some((m) => m.id === note.id && m.internal),
      'the whisper in the agent thread',
    );

    // Typing: the supervisor gets the live preview, never the customer.
    await wang.call('activity.set', { conversationId: conversation.id, state: 'typing', preview: '您的订单明天发' });
    const typing = await waitUntil(
      () => supervisor.eventsOf('activity.changed').find((a) => a.conversationId === conversation.id && a.state === 'typing'),
      'the typing preview',
    );
    expect(typing).toMatchObject({ userId: wangId, name: '王芳', preview: '您的订单明天发' });
    expect(await supervisor.call('activity.list', { conversationId: conversation.id })).toEqual([
      expect.objectContaining({ userId: wangId, state: 'typing', preview: '您的订单明天发' }),
    ]);

    await wang.call('outbox.send', { conversationId: conversation.id, body: '已为您查到，明天发货' });
    await visitor.waitFor((m) => m.body === '已为您查到，明天发货');
    expect(visitor.received.map((m) => m.body).join('\n')).not.toMatch(/先确认订单号|您的订单明天发/);
  });

  it('a takeover tells the agent why and keeps their unsent and queued text as drafts', async () => {
    const proxy = await bed.proxy();
    const wang = await core('wang', proxy.url);
    const supervisor = await core('supervisor');
    const online = await claimed(wang, 'Takeover visitor A');
    const offline = await claimed(wang, 'Takeover visitor B');

    // A: text typed but not sent. B: a reply queued while the agent's network is down.
    await wang.call('drafts.save', { conversationId: online.conversation.id, body: '稍等，我帮您申请退款' });
    await waitUntil(
      async () => (await supervisor.call('conversations.list', {})).filter((c) => c.assigneeId !== null && [online.conversation.id, offline.conversation.id].includes(c.id)).length === 2,
      'the supervisor to see both conversations assigned',
    );
    const taken = await supervisor.call('conversations.takeover', { conversationId: online.conversation.id, reason: '客户投诉，由主管处理' });
    expect(taken).toMatchObject({ id: online.conversation.id, assigneeName: 'Lin Chen 陈琳' });

    const told = await waitUntil(() => wang.eventsOf('conversation.taken').find((t) => t.conversationId === online.conversation.id), 'the agent to be told');
    expect(told.reason).toBe('客户投诉，由主管处理');
    await waitUntil(
      async () =>
        (await wang.call('notificationFeed.list', {})).entries.find(
          (e) => e.event.kind === 'taken' && e.event.conversationId === online.conversation.id && e.event.contactName === 'Takeover visitor A',
        ),
      'the takeover in the notification centre, naming the customer',
    );
    await waitUntil(
      async () => (await wang.call('conversations.list', {})).find((c) => c.id === online.conversation.id)?.access === 'lost',
      'the conversation to be kept only for the draft',
    );
    expect(await wang.call('drafts.get', { conversationId: online.conversation.id })).toMatchObject({ body: '稍等，我帮您申请退款' });

    proxy.cut();
    await wang.waitForStatus('offline');
    await wang.call('outbox.send', { conversationId: offline.conversation.id, body: '退款已提交' });
    await supervisor.call('conversations.takeover', { conversationId: offline.conversation.id });
    proxy.restore();
    await wang.waitForStatus('online', 30_000);
    const draft = await waitUntil(
      async () => (await wang.call('drafts.get', { conversationId: offline.conversation.id })) ?? undefined,
      'the queued reply to come back as a draft',
    );
    expect(draft).toMatchObject({ body: '退款已提交', reason: { code: 'reassigned', details: { assigneeName: expect.any(String) } } });
    expect(offline.visitor.received.map((m) => m.body)).not.toContain('退款已提交');
    await proxy.close();
  });

  it('text saved a moment after the conversation was taken brings it back, kept for that text with its thread', async () => {
    const wang = await core('wang');
    const supervisor = await core('supervisor');
    const { conversation } = await claimed(wang, 'Race visitor');
    await waitUntil(
      async () => (await supervisor.call('conversations.list', {})).find((c) => c.id === conversation.id && c.assigneeId !== null),
      'the supervisor to see it assigned',
    );
    await supervisor.call('conversations.takeover', { conversationId: conversation.id });
    await waitUntil(() => wang.eventsOf('conversation.removed').some((r) => r.conversationId === conversation.id), 'the removal');

    // The composer's debounced save lands after the removal.
    await wang.call('drafts.save', { conversationId: conversation.id, body: '我正在写的回复' });
    const back = (await wang.call('conversations.list', {})).find((c) => c.id === conversation.id);
    expect(back).toMatchObject({ access: 'lost' });
    expect(wang.eventsOf('conversation.updated').at(-1)).toMatchObject({ id: conversation.id, access: 'lost' });
    const thread = (await wang.call('messages.list', { conversationId: conversation.id })).map((m) => m.body);
    expect(thread).toEqual(expect.arrayContaining(['Race visitor: 我想问一下发货时间', '你好 Race visitor，我来帮您查']));
  });

  it('an admin’s sensitive word reaches every desktop and blocks a matching reply before it leaves, offline too', async () => {
    const proxy = await bed.proxy();
    const wang = await core('wang', proxy.url);
    const admin = await core('admin');
    const { visitor, conversation } = await claimed(wang, 'Sensitive visitor');

    const wordsBefore = wang.eventsOf('catalog.updated').length;
    // The demo's starting list reaches the cache on connect.
    const seeded = (await waitUntil(async () => { const list = await wang.call('sensitive.list', {}); return list.length > 0 && list; }, 'the starting list', 20_000)).length;
    const saved = await admin.call('sensitive.save', { pattern: '微信', kind: 'word', action: 'block' });
    await admin.call('sensitive.save', { pattern: '身份证号', kind: 'word', action: 'mask' });
    await waitUntil(() => wang.eventsOf('catalog.updated').length > wordsBefore, 'the new list to reach the agent');
    await waitUntil(async () => (await wang.call('sensitive.list', {})).length === seeded + 2, 'both words in the agent cache');

    // Offline, the cached list still stops the reply before it reaches the outbox.
    proxy.cut();
    await wang.waitForStatus('offline');
    const blocked = await wang.invoke('outbox.send', { conversationId: conversation.id, body: '方便的话 微 信 聊' });
    expect(blocked).toMatchObject({ ok: false, error: { code: 'sensitive_blocked', details: { words: '微信' } } });
    expect((await wang.call('messages.list', { conversationId: conversation.id })).map((m) => m.body)).not.toContain('方便的话 微 信 聊');
    proxy.restore();
    await wang.waitForStatus('online', 30_000);
    const masked = await wang.call('outbox.send', { conversationId: conversation.id, body: '请提供ＩＤ 身份证号' });
    expect(masked.body).toBe('请提供ＩＤ ****');
    await visitor.waitFor((m) => m.body === '请提供ＩＤ ****');

    // An agent may not change the list.
    const refused = await wang.invoke('sensitive.delete', { id: saved.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await admin.call('sensitive.delete', { id: saved.id })).toEqual({ deleted: true });
    await waitUntil(async () => (await wang.call('sensitive.list', {})).length === seeded + 1, 'the removal to reach the agent');
    await proxy.close();
  });

  it('card, ID and phone numbers are masked before a reply enters the outbox, offline too, as the admin’s setting says', async () => {
    const proxy = await bed.proxy();
    const wang = await core('wang', proxy.url);
    const admin = await core('admin');
    const { visitor, conversation } = await claimed(wang, 'Masking visitor');
    expect(await wang.call('sensitive.policy', {})).toEqual({ maskPersonalData: true });

    proxy.cut();
    await wang.waitForStatus('offline');
    const queued = await wang.call('outbox.send', { conversationId: conversation.id, body: '卡 4111 1111 1111 1111，手机 13800138000' });
    expect(queued.body).toBe('卡 **** **** **** ****，手机 ***********');
    const cached = (await wang.call('messages.list', { conversationId: conversation.id })).map((m) => m.body).join('\n');
    expect(cached).not.toContain('4111');
    proxy.restore();
    await wang.waitForStatus('online', 30_000);
    await visitor.waitFor((m) => m.body === '卡 **** **** **** ****，手机 ***********');

    // Only an admin turns it off; every desktop follows.
    expect(await wang.invoke('sensitive.savePolicy', { maskPersonalData: false })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await admin.call('sensitive.savePolicy', { maskPersonalData: false })).toEqual({ maskPersonalData: false });
    await waitUntil(async () => !(await wang.call('sensitive.policy', {})).maskPersonalData, 'the setting to reach the agent');
    const plain = await wang.call('outbox.send', { conversationId: conversation.id, body: '卡 4111 1111 1111 1111' });
    expect(plain.body).toBe('卡 4111 1111 1111 1111');
    await visitor.waitFor((m) => m.body === '卡 4111 1111 1111 1111');
    expect(await admin.call('sensitive.savePolicy', { maskPersonalData: true })).toEqual({ maskPersonalData: true });
    await proxy.close();
  });

  it('the audit log lists the takeover and exports it as CSV for admins only', async () => {
    const admin = await core('admin');
    const wang = await core('wang');
    const page = await admin.call('audit.list', { query: 'takeover' });
    expect(page.entries.length).toBeGreaterThan(0);
    expect(page.entries.every((e) => e.action === 'takeover' || JSON.stringify(e).includes('takeover'))).toBe(true);
    const exported = await admin.call('audit.export', { query: 'takeover' });
    expect(exported.filename).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(exported.csv.split('\n')[0]).toContain('action');
    expect(exported.csv).toContain('takeover');
    expect(await wang.invoke('audit.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
