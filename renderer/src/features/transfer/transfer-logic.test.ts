import { describe, expect, it } from 'vitest';
import { conversation, skillGroup, teamMember } from '../../testing/fixtures';
import { agentChoices, canTransfer, canTransferTo, groupChoices, parseTargetKey, targetKey, transferArgs } from './transfer-logic';

const me = 'u1';
const agents = [
  teamMember({ id: 'u1', name: 'Me' }),
  teamMember({ id: 'off', name: 'Offline Olga', presence: 'offline' }),
  teamMember({ id: 'busy', name: 'Busy Bo', presence: 'busy', load: 1 }),
  teamMember({ id: 'full', name: 'Full Fang', load: 5, maxChats: 5 }),
  teamMember({ id: 'free', name: 'Free Fei', load: 1, maxChats: 5 }),
  teamMember({ id: 'away', name: 'Away Ann', presence: 'away' }),
];
const groups = [skillGroup({ id: 'night', name: 'Night', open: false }), skillGroup({ id: 'after', name: 'After-sales' }), skillGroup({ id: 'pre', name: 'Pre-sales' })];

describe('choosing where to transfer', () => {
  it('lists colleagues without me, available and least loaded first, offline last and not selectable', () => {
    const choices = agentChoices(agents, me);
    expect(choices.map((c) => c.member.id)).toEqual(['free', 'full', 'busy', 'away', 'off']);
    expect(choices.find((c) => c.member.id === 'off')?.selectable).toBe(false);
    expect(choices.find((c) => c.member.id === 'away')?.selectable).toBe(true);
    expect(choices.find((c) => c.member.id === 'full')?.full).toBe(true);
  });

  it('lists open groups first', () => {
    expect(groupChoices(groups).map((g) => g.id)).toEqual(['after', 'pre', 'night']);
  });

  it('accepts a colleague who is not offline, or any known group', () => {
    const team = { agents, groups };
    expect(canTransferTo({ kind: 'agent', userId: 'free' }, team, me)).toBe(true);
    expect(canTransferTo({ kind: 'agent', userId: 'off' }, team, me)).toBe(false);
    expect(canTransferTo({ kind: 'agent', userId: 'u1' }, team, me)).toBe(false);
    expect(canTransferTo({ kind: 'agent', userId: 'ghost' }, team, me)).toBe(false);
    expect(canTransferTo({ kind: 'group', groupId: 'night' }, team, me)).toBe(true);
    expect(canTransferTo(null, team, me)).toBe(false);
  });

  it('round-trips a target through the form value', () => {
    expect(parseTargetKey(targetKey({ kind: 'agent', userId: 'u2' }))).toEqual({ kind: 'agent', userId: 'u2' });
    expect(parseTargetKey(targetKey({ kind: 'group', groupId: 'g:1' }))).toEqual({ kind: 'group', groupId: 'g:1' });
    expect(parseTargetKey('team:x')).toBeNull();
    expect(parseTargetKey('agent:')).toBeNull();
    expect(parseTargetKey('nothing')).toBeNull();
  });

  it('builds the contract arguments with the note trimmed', () => {
    expect(transferArgs('c1', { kind: 'group', groupId: 'after' }, '  refund asked \n')).toEqual({
      conversationId: 'c1',
      to: { kind: 'group', groupId: 'after' },
      note: 'refund asked',
    });
  });
});

describe('who may transfer', () => {
  const mine = conversation({ id: 'c1', assigneeId: me });

  it('the agent who has the conversation, while it is open and theirs', () => {
    expect(canTransfer(mine, me, 'agent')).toBe(true);
    expect(canTransfer({ ...mine, status: 'resolved' }, me, 'agent')).toBe(false);
    expect(canTransfer({ ...mine, access: 'lost' }, me, 'agent')).toBe(false);
  });

  it('not an agent for someone else\'s or an unassigned conversation; a supervisor for any open one', () => {
    const queued = conversation({ id: 'c2', routingState: 'queued' });
    const colleagues = conversation({ id: 'c3', assigneeId: 'u2' });
    expect(canTransfer(queued, me, 'agent')).toBe(false);
    expect(canTransfer(colleagues, me, 'agent')).toBe(false);
    expect(canTransfer(queued, me, 'supervisor')).toBe(true);
    expect(canTransfer(colleagues, me, 'admin')).toBe(true);
  });

  it('not a chat still offered to the agent: that is accepted or declined', () => {
    const offered = conversation({ id: 'c4', routingState: 'offered', offeredToId: me });
    expect(canTransfer(offered, me, 'supervisor')).toBe(false);
  });
});

describe('department staff and chats', () => {
  it('are never offered to take a chat', () => {
    const team = [teamMember({ id: 'wang', name: 'Wang' }), teamMember({ id: 'zhou', name: 'Zhou', role: 'staff' })];
    expect(agentChoices(team, null).map((c) => c.member.id)).toEqual(['wang']);
  });
});
