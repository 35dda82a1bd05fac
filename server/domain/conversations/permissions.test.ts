import { describe, expect, it } from 'vitest';
import { canRead, canWrite, claimsOnReply, type Viewer } from './permissions';

const agent: Viewer = { id: 'agent-1', accountId: 'acc', role: 'agent' };
const supervisor: Viewer = { id: 'sup', accountId: 'acc', role: 'supervisor' };
const admin: Viewer = { id: 'adm', accountId: 'acc', role: 'admin' };
const unassigned = { accountId: 'acc', assigneeId: null };
const mine = { accountId: 'acc', assigneeId: 'agent-1' };
const theirs = { accountId: 'acc', assigneeId: 'agent-2' };
const otherAccount = { accountId: 'other', assigneeId: null };

describe('conversation permissions', () => {
  it('lets an agent read and write unassigned conversations and their own', () => {
    for (const c of [unassigned, mine]) {
      expect(canRead(agent, c)).toBe(true);
      expect(canWrite(agent, c)).toBe(true);
    }
  });

  it("refuses an agent another agent's conversation", () => {
    expect(canRead(agent, theirs)).toBe(false);
    expect(canWrite(agent, theirs)).toBe(false);
  });

  it('lets supervisors and admins read and write everything in their account', () => {
    for (const user of [supervisor, admin]) {
      for (const c of [unassigned, mine, theirs]) {
        expect(canRead(user, c)).toBe(true);
        expect(canWrite(user, c)).toBe(true);
      }
    }
  });

  it('never crosses accounts, whatever the role', () => {
    for (const user of [agent, supervisor, admin]) {
      expect(canRead(user, otherAccount)).toBe(false);
      expect(canWrite(user, otherAccount)).toBe(false);
    }
  });

  it('makes an agent the assignee when replying to an unassigned conversation, not staff', () => {
    expect(claimsOnReply(agent, unassigned)).toBe(true);
    expect(claimsOnReply(agent, mine)).toBe(false);
    expect(claimsOnReply(supervisor, unassigned)).toBe(false);
  });
});
