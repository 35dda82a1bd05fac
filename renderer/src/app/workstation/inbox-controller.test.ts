import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyQuery, noFacets, type InboxQuery } from '../../features/inbox/inbox-query';
import { conversation } from '../../testing/fixtures';
import { untilStore } from '../../testing/until-store';
import { startedWithOneConversation } from '../../testing/workstation-answers';
import { WorkstationHarness } from '../../testing/workstation-harness';

let h: WorkstationHarness;

beforeEach(async () => {
  h = await startedWithOneConversation();
});

afterEach(() => h.stop());

const inboxIds = () => h.stores.inbox.getState().conversations.map((c) => c.id);

describe('pushed conversations', () => {
  it('a conversation.updated for a new id appears in the inbox, newest first, without a reload', () => {
    const listCalls = h.fake.callsOf('conversations.list').length;
    h.fake.emit('conversation.updated', conversation({ id: 'c2', seq: 2, lastMessageAt: '2025-01-02T00:00:00.000Z' }));
    expect(inboxIds()).toEqual(['c2', 'c1']);
    expect(h.fake.callsOf('conversations.list')).toHaveLength(listCalls);
  });

  it('drops an event whose payload does not match the contract, and says so', () => {
    h.fake.emit('conversation.updated', { id: 'broken' } as never);
    expect(h.stores.inbox.getState().byId.broken).toBeUndefined();
    expect(h.reports.lines.join('\n')).toMatch(/conversation.updated/);
  });

  it('conversation.removed drops the item and clears the selection', async () => {
    await h.open('c1');
    h.fake.emit('conversation.removed', { conversationId: 'c1' });
    expect(h.stores.inbox.getState()).toMatchObject({ conversations: [], selectedId: null });
  });

  it('a conversation taken by another agent stays, marked lost, at the bottom', async () => {
    await h.open('c1');
    h.fake.emit('conversation.updated', conversation({ id: 'c2', seq: 2, lastMessageAt: '2024-12-01T00:00:00.000Z' }));
    h.fake.emit('conversation.updated', conversation({ id: 'c1', seq: 3, access: 'lost' }));
    expect(h.stores.inbox.getState().conversations.map((c) => [c.id, c.access])).toEqual([
      ['c2', 'full'],
      ['c1', 'lost'],
    ]);
  });
});

describe('Mine follows who has each chat', () => {
  const tab = (t: InboxQuery['tab'], status: InboxQuery['status'] = null) => {
    const { conversations, me } = h.stores.inbox.getState();
    return applyQuery(conversations, { tab: t, sort: 'waiting', ...noFacets, status }, me).map((c) => c.id);
  };

  it('a chat taken over leaves Mine at once, also when kept for unsent text, and shows its new owner', async () => {
    h.fake.emit('conversation.updated', conversation({ id: 'c2', seq: 2, assigneeId: 'u1', assigneeName: 'Li Na' }));
    h.fake.emit('conversation.updated', conversation({ id: 'c3', seq: 3, assigneeId: 'u1', assigneeName: 'Li Na' }));
    expect(tab('mine')).toEqual(expect.arrayContaining(['c2', 'c3']));

    h.fake.emit('conversation.updated', conversation({ id: 'c2', seq: 4, access: 'lost', assigneeId: 'sup', assigneeName: '陈琳' }));
    h.fake.emit('conversation.removed', { conversationId: 'c3' });
    expect(tab('mine')).not.toContain('c2');
    expect(tab('mine')).not.toContain('c3');
    expect(tab('all')).toContain('c2');
    expect(h.stores.inbox.getState().byId.c2).toMatchObject({ assigneeName: '陈琳', access: 'lost' });
  });

  it('a chat transferred away leaves Mine and waits for its colleague under Unassigned', () => {
    h.fake.emit('conversation.updated', conversation({ id: 'c2', seq: 2, assigneeId: 'u1', assigneeName: 'Li Na' }));
    h.fake.emit('conversation.updated', conversation({ id: 'c2', seq: 3, assigneeId: null, assigneeName: null, routingState: 'offered', offeredToId: 'u2' }));
    expect(tab('mine')).not.toContain('c2');
    expect(tab('unassigned')).toContain('c2');
  });

  it('a resolved chat leaves Mine and shows under Mine with the resolved filter, and under All', async () => {
    h.fake.emit('conversation.updated', conversation({ id: 'c2', seq: 2, assigneeId: 'u1', assigneeName: 'Li Na' }));
    h.fake.answer('conversations.resolve', () => conversation({ id: 'c2', seq: 3, assigneeId: 'u1', assigneeName: 'Li Na', status: 'resolved' }));
    await h.controller.resolve('c2');
    expect(tab('mine')).not.toContain('c2');
    expect(tab('mine', 'resolved')).toEqual(['c2']);
    expect(tab('all')).toContain('c2');
  });
});

describe('selecting a conversation', () => {
  it('loads its messages, and again when the selection changes', async () => {
    await h.open('c1');
    expect(h.stores.inbox.getState().selectedId).toBe('c1');
    expect(h.stores.thread.getState().byConversation.c1?.messages.map((m) => m.id)).toEqual(['c1-m1']);
    h.controller.selectConversation('c2');
    expect(h.fake.callsOf('messages.list')).toEqual([{ conversationId: 'c1' }, { conversationId: 'c2' }]);
    await untilStore(h.stores.thread, (s) => s.byConversation.c2?.status === 'ready', "c2's messages");
  });

  it('shows a load failure on the thread', async () => {
    h.fake.failWith('messages.list', 'forbidden');
    h.controller.selectConversation('c1');
    const thread = await untilStore(h.stores.thread, (s) => s.byConversation.c1?.status === 'failed', 'the failed thread');
    expect(thread.byConversation.c1).toMatchObject({ status: 'failed', error: { code: 'forbidden' } });
  });
});

describe('resolving', () => {
  it('resolve stores the resolved conversation; a refusal throws for the header to show', async () => {
    await h.open('c1');
    h.fake.answer('conversations.resolve', ({ conversationId }) => conversation({ id: conversationId, seq: 5, status: 'resolved' }));
    await h.controller.resolve('c1');
    expect(h.stores.inbox.getState().byId.c1?.status).toBe('resolved');
    h.fake.failWith('conversations.resolve', 'forbidden');
    await expect(h.controller.resolve('c1')).rejects.toMatchObject({ code: 'forbidden' });
  });
});
