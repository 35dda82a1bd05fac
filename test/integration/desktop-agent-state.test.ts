import { describe, expect, it } from 'vitest';
import type { InboxConversation } from '../../shared/contract';
import { widgetSystemLineText } from '../../shared/i18n/system-line-text';
import { widgetTranslator } from '../../shared/i18n/widget';
import type { TestCore } from '../support/core-harness';
import { databaseTargets } from '../support/databases';
import { desktopBedFor } from '../support/desktop-bed';
import type { TestVisitor } from '../support/visitor';
import { waitUntil } from '../support/wait';

const targets = await databaseTargets();

// Who has a chat, and what the customer is called, on every desktop at once: the real client cores against the real server.
describe.each(targets)('agent state and customer names through the desktop core on $label', (target) => {
  const bed = desktopBedFor(target);
  const core = bed.signIn;

  const userId = async (desk: TestCore) => (await desk.call('session.get', {})).user!.id;
  const listed = async (desk: TestCore, id: string) => (await desk.call('conversations.list', {})).find((c) => c.id === id);

  /** A customer's conversation that the agent has claimed by replying. */
  async function claimed(agent: TestCore, name: string, visitorName?: string): Promise<{ visitor: TestVisitor; conversation: InboxConversation }> {
    const visitor = await bed.visitor(visitorName ? { name: visitorName } : {});
    await visitor.send(`${name}: 我想问一下发货时间`);
    const waiting = await waitUntil(
      () => agent.eventsOf('conversation.updated').find((c) => c.lastMessagePreview.startsWith(name)),
      `${name}'s conversation`,
    );
    await agent.call('outbox.send', { conversationId: waiting.id, body: `你好，我来帮您查 (${name})` });
    const conversation = await waitUntil(
      async () => (await agent.call('conversations.list', {})).find((c) => c.id === waiting.id && c.assigneeId !== null),
      'the conversation to be assigned',
    );
    return { visitor, conversation };
  }

  it('a takeover takes the chat from the agent at once and shows the new owner, also on the copy kept for their unsent text', async () => {
    const wang = await core('wang');
    const supervisor = await core('supervisor');
    const kept = await claimed(wang, 'State visitor A');
    const gone = await claimed(wang, 'State visitor B');
    await wang.call('drafts.save', { conversationId: kept.conversation.id, body: '稍等，我帮您查一下' });
    for (const { conversation } of [kept, gone]) {
      await waitUntil(async () => (await listed(supervisor, conversation.id))?.assigneeId === conversation.assigneeId, 'the supervisor to see it assigned');
    }

    const taken = await supervisor.call('conversations.takeover', { conversationId: kept.conversation.id });
    await supervisor.call('conversations.takeover', { conversationId: gone.conversation.id });
    const supervisorId = await userId(supervisor);
    expect(taken).toMatchObject({ assigneeId: supervisorId, assigneeName: 'Lin Chen 陈琳' });

    // Without unsent text it is gone from the agent's desktop; with it, kept and showing who has it now.
    await waitUntil(() => wang.eventsOf('conversation.removed').some((r) => r.conversationId === gone.conversation.id), 'the removal');
    expect(await listed(wang, gone.conversation.id)).toBeUndefined();
    const lost = await waitUntil(async () => {
      const c = await listed(wang, kept.conversation.id);
      return c?.access === 'lost' && c.assigneeId === supervisorId ? c : undefined;
    }, 'the kept copy to show its new owner');
    expect(lost).toMatchObject({ assigneeName: 'Lin Chen 陈琳', routingState: 'assigned', status: 'open' });
    expect(wang.eventsOf('conversation.updated').filter((c) => c.id === kept.conversation.id).at(-1)).toMatchObject({
      access: 'lost',
      assigneeId: supervisorId,
    });

    // The thread's line is a code with the supervisor's name, for every desktop to show in its language.
    const line = (await supervisor.call('messages.list', { conversationId: kept.conversation.id })).find((m) => m.senderType === 'system');
    expect(line).toMatchObject({ internal: true, body: 'taken over by Lin Chen 陈琳', system: { code: 'takeover', params: { by: 'Lin Chen 陈琳' } } });
  });

  it('a transfer shows on both desktops at once: offered to the colleague, then theirs and gone from the first agent', async () => {
    const wang = await core('wang');
    const li = await core('li');
    const liId = await userId(li);
    // 李雷 takes no new chats for now, so the customer's chat is offered to 王芳, not to him.
    await li.call('presence.set', { presence: 'busy' });
    const { conversation } = await claimed(wang, 'Transfer visitor');

    await wang.call('conversations.transfer', { conversationId: conversation.id, to: { kind: 'agent', userId: liId }, note: '客户要开发票' });
    const offered = await waitUntil(async () => {
      const c = await listed(li, conversation.id);
      return c?.offeredToId === liId ? c : undefined;
    }, 'the offer on the colleague’s desktop');
    expect(offered).toMatchObject({ assigneeId: null, routingState: 'offered' });
    expect(await listed(wang, conversation.id)).toMatchObject({ assigneeId: null, offeredToId: liId });

    await li.call('conversations.accept', { conversationId: conversation.id });
    await waitUntil(async () => (await listed(wang, conversation.id)) === undefined, 'the chat to leave the first agent');
    expect(await listed(li, conversation.id)).toMatchObject({ assigneeId: liId, assigneeName: '李雷', routingState: 'assigned' });
    const note = (await li.call('messages.list', { conversationId: conversation.id })).find((m) => m.system?.code === 'transfer');
    expect(note).toMatchObject({ internal: true, senderType: 'agent', system: { params: { to: '李雷', note: '客户要开发票' } } });
  });

  it('a resolved chat stays with its agent, resolved, on their desktop and the supervisor’s', async () => {
    const wang = await core('wang');
    const supervisor = await core('supervisor');
    const { conversation } = await claimed(wang, 'Resolve visitor');
    await wang.call('conversations.resolve', { conversationId: conversation.id });
    expect(await listed(wang, conversation.id)).toMatchObject({ status: 'resolved', assigneeId: conversation.assigneeId });
    await waitUntil(async () => (await listed(supervisor, conversation.id))?.status === 'resolved', 'the supervisor to see it resolved');
  });

  it('an agent renames a customer known by a made-up name: audited, and every desktop shows the new name at once', async () => {
    const wang = await core('wang');
    const supervisor = await core('supervisor');
    const admin = await core('admin');
    const { conversation } = await claimed(wang, 'Rename visitor');
    expect(conversation.contactName).toMatch(/^Visitor \d{4}$/);
    expect(conversation.contactNameGenerated).toBe(true);
    const placeholder = conversation.contactName;
    await waitUntil(async () => (await listed(supervisor, conversation.id))?.assigneeId === conversation.assigneeId, 'the supervisor to see it');

    const renamed = await wang.call('contacts.rename', { contactId: conversation.contactId, name: '  陈小姐  ' });
    expect(renamed).toMatchObject({ id: conversation.contactId, name: '陈小姐' });
    expect(renamed.nameGenerated).toBeUndefined();
    expect(await listed(wang, conversation.id)).toMatchObject({ contactName: '陈小姐' });

    const pushed = await waitUntil(
      () => supervisor.eventsOf('contact.updated').find((c) => c.id === conversation.contactId && c.name === '陈小姐'),
      'the new name on the supervisor’s desktop',
    );
    expect(pushed.nameGenerated).toBeUndefined();
    const onSupervisor = await waitUntil(async () => {
      const c = await listed(supervisor, conversation.id);
      return c?.contactName === '陈小姐' ? c : undefined;
    }, 'the supervisor’s inbox row to follow');
    expect(onSupervisor.contactNameGenerated).toBeUndefined();
    expect(supervisor.eventsOf('conversation.updated').filter((c) => c.id === conversation.id).at(-1)).toMatchObject({ contactName: '陈小姐' });

    const { entries } = await admin.call('audit.list', { query: 'contact.rename' });
    expect(entries.find((e) => e.targetId === conversation.contactId)).toMatchObject({
      action: 'contact.rename',
      targetType: 'contact',
      details: { before: placeholder, after: '陈小姐' },
    });
  });

  it('a rename is refused with a stable code: an empty or too long name, or a customer the agent cannot see', async () => {
    const wang = await core('wang');
    const li = await core('li');
    await li.call('presence.set', { presence: 'busy' });
    const { conversation } = await claimed(wang, 'Refused rename visitor');
    expect(await wang.invoke('contacts.rename', { contactId: conversation.contactId, name: '   ' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await wang.invoke('contacts.rename', { contactId: conversation.contactId, name: '名'.repeat(81) })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    // 李雷 has no conversation of this customer: for him the customer does not exist.
    expect(await li.invoke('contacts.rename', { contactId: conversation.contactId, name: '陈小姐' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await listed(wang, conversation.id)).toMatchObject({ contactName: conversation.contactName });
  });

  it('a customer who gave their name keeps it, not marked as made up', async () => {
    const wang = await core('wang');
    const { conversation } = await claimed(wang, 'Named visitor', '赵女士');
    expect(conversation.contactName).toBe('赵女士');
    expect(conversation.contactNameGenerated).toBeUndefined();
  });

  it('the closed-hours notice a customer gets is stored as a code, so the widget and every desktop show it in their language', async () => {
    const db = bed.server.db;
    const [group] = await db.query<{ id: string; name: string; business_hours: unknown }>("SELECT id, name, business_hours FROM skill_groups WHERE name LIKE '售后%'");
    await db.query('UPDATE skill_groups SET business_hours = $2 WHERE id = $1', [group!.id, JSON.stringify({ timezone: 'Asia/Shanghai', days: {} })]);
    try {
      const visitor = await bed.visitor({ name: 'Night visitor' });
      await visitor.send('我要退款，订单 SO-10003');
      const notice = await visitor.waitFor((m) => m.from === 'system');
      expect(notice.body).toContain('不在工作时间');
      expect(notice.system).toEqual({ code: 'closed', params: { group: group!.name } });
      expect(widgetSystemLineText(widgetTranslator('en'), notice)).toBe(
        `The ${group!.name} team is away right now. Your message is kept and we will answer as soon as we are back.`,
      );
    } finally {
      await db.query('UPDATE skill_groups SET business_hours = $2 WHERE id = $1', [group!.id, JSON.stringify(group!.business_hours)]);
    }
  });
});
