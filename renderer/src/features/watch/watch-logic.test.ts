import { describe, expect, it } from 'vitest';
import { conversation, message, teamMember } from '../../testing/fixtures';
import { canTakeOverTo, hasJoined, takeoverArgs, takeoverChoices, watchMode } from './watch-logic';

const me = 'sup';
const wangs = conversation({ id: 'c1', assigneeId: 'wang', assigneeName: '王芳' });

describe('what a supervisor sees under a conversation', () => {
  it('a colleague’s open conversation is watched read-only until the supervisor joins it', () => {
    expect(watchMode(wangs, me, 'supervisor', false)).toBe('watch');
    expect(watchMode(wangs, me, 'admin', false)).toBe('watch');
    expect(watchMode(wangs, me, 'supervisor', true)).toBe('joined');
  });

  it('agents always get the normal composer', () => {
    expect(watchMode(wangs, 'li', 'agent', false)).toBe('none');
  });

  it('their own, unassigned, resolved or lost conversations get the normal composer', () => {
    expect(watchMode(conversation({ id: 'c2', assigneeId: me }), me, 'supervisor', false)).toBe('none');
    expect(watchMode(conversation({ id: 'c3', assigneeId: null }), me, 'supervisor', false)).toBe('none');
    expect(watchMode({ ...wangs, status: 'resolved' }, me, 'supervisor', false)).toBe('none');
    expect(watchMode({ ...wangs, access: 'lost' }, me, 'supervisor', false)).toBe('none');
  });

  it('nothing is watched before anyone is signed in', () => {
    expect(watchMode(wangs, null, 'supervisor', false)).toBe('none');
    expect(watchMode(wangs, me, null, false)).toBe('none');
  });
});

describe('knowing the supervisor joined', () => {
  it('after joining from this workstation', () => {
    expect(hasJoined('c1', { c1: true }, [], '陈琳')).toBe(true);
    expect(hasJoined('c1', { c9: true }, [], '陈琳')).toBe(false);
  });

  it('from the agents-only line the server writes when they joined (another session, a restart)', () => {
    const line = message({ id: 'm1', senderType: 'system', internal: true, body: '陈琳 joined' });
    expect(hasJoined('c1', {}, [line], '陈琳')).toBe(true);
    expect(hasJoined('c1', {}, [line], '王芳')).toBe(false);
    // The same words from the customer prove nothing.
    expect(hasJoined('c1', {}, [{ ...line, senderType: 'contact', internal: false }], '陈琳')).toBe(false);
  });
});

describe('who a conversation can be given to', () => {
  const team = [
    teamMember({ id: 'sup', name: '陈琳', role: 'supervisor' }),
    teamMember({ id: 'wang', name: '王芳' }),
    teamMember({ id: 'li', name: '李雷', load: 3 }),
    teamMember({ id: 'emma', name: 'Emma Clark', load: 1 }),
    teamMember({ id: 'zhao', name: '赵敏', role: 'supervisor', presence: 'offline' }),
    teamMember({ id: 'admin', name: 'Admin', role: 'admin' }),
  ];

  it('lists colleagues without the user, the agent who has it and admins; the least loaded first, offline last', () => {
    const choices = takeoverChoices(team, me, 'wang');
    expect(choices.map((c) => [c.member.name, c.selectable])).toEqual([
      ['Emma Clark', true],
      ['李雷', true],
      ['赵敏', false],
    ]);
  });

  it('the user can always take it; a colleague only when listed and not offline', () => {
    const choices = takeoverChoices(team, me, 'wang');
    expect(canTakeOverTo({ kind: 'me' }, choices)).toBe(true);
    expect(canTakeOverTo({ kind: 'agent', userId: 'li' }, choices)).toBe(true);
    expect(canTakeOverTo({ kind: 'agent', userId: 'zhao' }, choices)).toBe(false);
    expect(canTakeOverTo({ kind: 'agent', userId: 'wang' }, choices)).toBe(false);
    expect(canTakeOverTo(null, choices)).toBe(false);
  });

  it('asks the server with the target and a trimmed reason, leaving out what is not given', () => {
    expect(takeoverArgs('c1', { kind: 'me' }, '  ')).toEqual({ conversationId: 'c1' });
    expect(takeoverArgs('c1', { kind: 'agent', userId: 'li' }, ' VIP customer, needs after-sales ')).toEqual({
      conversationId: 'c1',
      toUserId: 'li',
      reason: 'VIP customer, needs after-sales',
    });
  });
});
