import { describe, expect, it } from 'vitest';
import { canSeeTicket, mayAssign, mayMoveDepartment, type TicketAccess, type TicketViewer } from './ticket-permissions';

const viewer = (over: Partial<TicketViewer>): TicketViewer => ({
  id: 'me', accountId: 'a1', role: 'agent', name: 'Me', departmentIds: [], leadOf: [], groupIds: [], ...over,
});
const ticket = (over: Partial<TicketAccess> = {}): TicketAccess => ({
  accountId: 'a1', departmentId: 'repairs', assigneeId: null, createdById: 'someone', readsConversation: false, deleted: false, ...over,
});

describe('who may see a ticket', () => {
  it('supervisors and admins see every ticket of their account, never another account’s or a deleted one', () => {
    for (const role of ['supervisor', 'admin'] as const) {
      expect(canSeeTicket(viewer({ role }), ticket())).toBe(true);
      expect(canSeeTicket(viewer({ role }), ticket({ accountId: 'a2' }))).toBe(false);
      expect(canSeeTicket(viewer({ role }), ticket({ deleted: true }))).toBe(false);
    }
  });

  it('agents see what they opened, hold, their departments’ tickets and those of conversations they read', () => {
    const agent = viewer({});
    expect(canSeeTicket(agent, ticket())).toBe(false);
    expect(canSeeTicket(agent, ticket({ createdById: 'me' }))).toBe(true);
    expect(canSeeTicket(agent, ticket({ assigneeId: 'me' }))).toBe(true);
    expect(canSeeTicket(agent, ticket({ readsConversation: true }))).toBe(true);
    expect(canSeeTicket(viewer({ departmentIds: ['repairs'] }), ticket())).toBe(true);
  });

  it('department staff see their departments’ tickets and their own, not what they opened elsewhere or a conversation’s', () => {
    const staff = viewer({ role: 'staff', departmentIds: ['billing'] });
    expect(canSeeTicket(staff, ticket())).toBe(false);
    expect(canSeeTicket(staff, ticket({ createdById: 'me', readsConversation: true }))).toBe(false);
    expect(canSeeTicket(staff, ticket({ departmentId: 'billing' }))).toBe(true);
    expect(canSeeTicket(staff, ticket({ assigneeId: 'me' }))).toBe(true);
  });
});

describe('who may assign and move a ticket', () => {
  it('staff take or give up a ticket; a lead assigns within the department; agents assign anyone', () => {
    const member = viewer({ role: 'staff', departmentIds: ['repairs'] });
    const lead = viewer({ role: 'staff', departmentIds: ['repairs'], leadOf: ['repairs'] });
    expect(mayAssign(member, ticket(), 'me', ['repairs'])).toBe(true);
    expect(mayAssign(member, ticket({ assigneeId: 'me' }), null, [])).toBe(true);
    expect(mayAssign(member, ticket(), 'other', ['repairs'])).toBe(false);
    expect(mayAssign(lead, ticket(), 'other', ['repairs'])).toBe(true);
    expect(mayAssign(lead, ticket(), 'outsider', ['billing'])).toBe(false);
    expect(mayAssign(viewer({}), ticket(), 'anyone', [])).toBe(true);
  });

  it('staff move a ticket between departments only when they lead both', () => {
    expect(mayMoveDepartment(viewer({ role: 'staff', leadOf: ['repairs'] }), 'repairs', 'billing')).toBe(false);
    expect(mayMoveDepartment(viewer({ role: 'staff', leadOf: ['repairs', 'billing'] }), 'repairs', 'billing')).toBe(true);
    expect(mayMoveDepartment(viewer({}), 'repairs', null)).toBe(true);
  });
});
