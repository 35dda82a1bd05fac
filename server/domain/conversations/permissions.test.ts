import { describe, expect, it } from 'vitest';
import { canAct, canRead, claimsOnReply, type ConversationAccess, type Member } from './permissions';

const agent: Member = { id: 'agent-1', accountId: 'acc', role: 'agent', groupIds: ['pre-sales'] };
const supervisor: Member = { id: 'sup', accountId: 'acc', role: 'supervisor', groupIds: [] };
const admin: Member = { id: 'adm', accountId: 'acc', role: 'admin', groupIds: [] };

const conversation = (over: Partial<ConversationAccess>): ConversationAccess => ({
  accountId: 'acc', assigneeId: null, status: 'open', groupId: null, offeredToId: null, ...over,
});
const unassigned = conversation({});
const inMyGroup = conversation({ groupId: 'pre-sales' });
const otherGroup = conversation({ groupId: 'after-sales' });
const mine = conversation({ assigneeId: 'agent-1', groupId: 'after-sales' });
const theirs = conversation({ assigneeId: 'agent-2' });
const offeredToColleague = conversation({ groupId: 'pre-sales', offeredToId: 'agent-2' });
const offeredToMe = conversation({ groupId: 'after-sales', offeredToId: 'agent-1' });
const otherAccount = conversation({ accountId: 'other' });
const resolved = (over: Partial<ConversationAccess>) => conversation({ status: 'resolved', ...over });

describe('conversation permissions', () => {
  it('lets an agent read and act on their own, and on unassigned ones of their groups or the whole team', () => {
    for (const c of [unassigned, inMyGroup, mine, offeredToMe]) {
      expect(canRead(agent, c)).toBe(true);
      expect(canAct(agent, c)).toBe(true);
    }
  });

  it('lets an agent see the open queue but not act on another group’s chat or one offered to someone else', () => {
    for (const c of [otherGroup, offeredToColleague, conversation({ groupId: 'after-sales', offeredToId: 'agent-2' })]) {
      expect(canRead(agent, c)).toBe(true);
      expect(canAct(agent, c)).toBe(false);
    }
  });

  it("refuses an agent another agent's conversation", () => {
    expect(canRead(agent, theirs)).toBe(false);
    expect(canAct(agent, theirs)).toBe(false);
  });

  it('reads resolved conversations by the rule they had while open: theirs, or their group’s', () => {
    for (const c of [resolved({}), resolved({ groupId: 'pre-sales' }), resolved({ assigneeId: 'agent-1' }), resolved({ groupId: 'pre-sales', offeredToId: 'agent-2' })]) {
      expect(canRead(agent, c)).toBe(true);
      expect(canAct(agent, c)).toBe(true);
    }
    for (const c of [resolved({ groupId: 'after-sales' }), resolved({ assigneeId: 'agent-2' }), resolved({ groupId: 'after-sales', offeredToId: 'agent-1' })]) {
      expect(canRead(agent, c)).toBe(false);
      expect(canAct(agent, c)).toBe(false);
    }
  });

  it('lets supervisors and admins read and act on everything in their account', () => {
    for (const user of [supervisor, admin]) {
      for (const c of [unassigned, otherGroup, mine, theirs, offeredToColleague, resolved({ groupId: 'after-sales' })]) {
        expect(canRead(user, c)).toBe(true);
        expect(canAct(user, c)).toBe(true);
      }
    }
  });

  it('never crosses accounts, whatever the role', () => {
    for (const user of [agent, supervisor, admin]) {
      expect(canRead(user, otherAccount)).toBe(false);
      expect(canAct(user, otherAccount)).toBe(false);
    }
  });

  it('makes an agent the assignee when replying to an unassigned conversation, not staff', () => {
    expect(claimsOnReply(agent, unassigned)).toBe(true);
    expect(claimsOnReply(agent, mine)).toBe(false);
    expect(claimsOnReply(supervisor, unassigned)).toBe(false);
  });
});
