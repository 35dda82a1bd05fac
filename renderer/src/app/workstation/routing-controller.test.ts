import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conversation, skillGroup, teamMember } from '../../testing/fixtures';
import { startedWithOneConversation } from '../../testing/workstation-answers';
import { agentUser, WorkstationHarness } from '../../testing/workstation-harness';

let h: WorkstationHarness;

beforeEach(async () => {
  h = await startedWithOneConversation();
});

afterEach(() => h.stop());

describe('chats offered to the agent', () => {
  const offered = conversation({
    id: 'c7',
    seq: 5,
    routingState: 'offered',
    offeredToId: agentUser.id,
    offerExpiresAt: '2025-01-01T10:00:30.000Z',
    waitingSince: '2025-01-01T09:59:00.000Z',
  });

  it('an offer to me goes to the top of the inbox', () => {
    h.fake.emit('conversation.updated', offered);
    expect(h.stores.inbox.getState().conversations.map((c) => c.id)).toEqual(['c7', 'c1']);
  });

  it('accept calls the bridge, updates the inbox and opens the chat', async () => {
    h.fake.emit('conversation.updated', offered);
    h.fake.answer('conversations.accept', ({ conversationId }) =>
      conversation({ id: conversationId, seq: 6, routingState: 'assigned', assigneeId: agentUser.id, assigneeName: agentUser.name }),
    );
    await h.controller.accept('c7');
    expect(h.fake.callsOf('conversations.accept')).toEqual([{ conversationId: 'c7' }]);
    expect(h.stores.inbox.getState().byId.c7).toMatchObject({ routingState: 'assigned', assigneeId: agentUser.id });
    expect(h.stores.inbox.getState().selectedId).toBe('c7');
    expect(h.fake.callsOf('messages.list')).toContainEqual({ conversationId: 'c7' });
  });

  it('decline calls the bridge and updates the inbox', async () => {
    h.fake.emit('conversation.updated', offered);
    h.fake.answer('conversations.decline', ({ conversationId }) =>
      conversation({ id: conversationId, seq: 6, routingState: 'offered', offeredToId: 'u2' }),
    );
    await h.controller.decline('c7');
    expect(h.fake.callsOf('conversations.decline')).toEqual([{ conversationId: 'c7' }]);
    expect(h.stores.inbox.getState().byId.c7).toMatchObject({ offeredToId: 'u2' });
    expect(h.stores.inbox.getState().conversations.map((c) => c.id)).toEqual(['c1', 'c7']);
    expect(h.stores.inbox.getState().selectedId).toBeNull();
  });

  it('a failed accept throws the coded error and leaves the offer as it was', async () => {
    h.fake.emit('conversation.updated', offered);
    h.fake.failWith('conversations.accept', 'conflict');
    await expect(h.controller.accept('c7')).rejects.toMatchObject({ code: 'conflict' });
    expect(h.stores.inbox.getState().byId.c7).toEqual(offered);
    expect(h.stores.inbox.getState().selectedId).toBeNull();
  });
});

describe('transfer', () => {
  it('sends the chosen colleague and the trimmed note, and updates the inbox', async () => {
    h.fake.answer('conversations.transfer', ({ conversationId, to }) =>
      conversation({
        id: conversationId,
        seq: 8,
        routingState: 'offered',
        offeredToId: to.kind === 'agent' ? to.userId : null,
      }),
    );
    await h.controller.transfer('c1', { kind: 'agent', userId: 'u2' }, '  wants a refund  ');
    expect(h.fake.callsOf('conversations.transfer')).toEqual([
      { conversationId: 'c1', to: { kind: 'agent', userId: 'u2' }, note: 'wants a refund' },
    ]);
    expect(h.stores.inbox.getState().byId.c1).toMatchObject({ seq: 8, offeredToId: 'u2' });
  });

  it('sends a group as the target', async () => {
    h.fake.answer('conversations.transfer', ({ conversationId }) =>
      conversation({ id: conversationId, seq: 9, routingState: 'queued', groupId: 'after', groupName: 'After-sales' }),
    );
    await h.controller.transfer('c1', { kind: 'group', groupId: 'after' }, '');
    expect(h.fake.callsOf('conversations.transfer')).toEqual([
      { conversationId: 'c1', to: { kind: 'group', groupId: 'after' }, note: '' },
    ]);
    expect(h.stores.inbox.getState().byId.c1?.groupName).toBe('After-sales');
  });

  it('a refused transfer throws the coded error for the dialog', async () => {
    h.fake.failWith('conversations.transfer', 'offline');
    await expect(h.controller.transfer('c1', { kind: 'group', groupId: 'g' }, 'x')).rejects.toMatchObject({ code: 'offline' });
  });

  it('loads colleagues and groups into the team store, or the reason it could not', async () => {
    h.fake.answer('team.list', () => ({ agents: [teamMember({ id: 'u2' })], groups: [skillGroup({ id: 'g1' })] }));
    await h.controller.loadTeam();
    expect(h.stores.team.getState()).toMatchObject({ status: 'ready', agents: [{ id: 'u2' }], groups: [{ id: 'g1' }] });
    h.fake.failWith('team.list', 'offline');
    await h.controller.loadTeam();
    expect(h.stores.team.getState()).toMatchObject({ status: 'failed', error: { code: 'offline' } });
  });
});
