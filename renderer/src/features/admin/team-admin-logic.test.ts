import { describe, expect, it } from 'vitest';
import type { ManagedUser } from '../../../../shared/team-admin';
import { changesOf, createArgs, editOf, emptyNewUser, firstProblemField, isLastActiveAdmin, maxChatsProblem, sortUsers, validateNewUser } from './team-admin-logic';

function user(id: string, overrides: Partial<ManagedUser> = {}): ManagedUser {
  return {
    id, name: `User ${id}`, email: `${id}@demo.test`, role: 'agent', maxChats: 5, groupIds: ['g1'], presence: 'online', active: true,
    ...overrides,
  };
}

describe('changing a row of the team table', () => {
  it('sends only what changed, and nothing when nothing did', () => {
    const wang = user('wang', { groupIds: ['g2', 'g1'] });
    expect(changesOf(wang, editOf(wang))).toBeNull();
    // The same groups in another order are no change.
    expect(changesOf(wang, { ...editOf(wang), groupIds: ['g1', 'g2'] })).toBeNull();
    expect(changesOf(wang, { ...editOf(wang), role: 'supervisor' })).toEqual({ id: 'wang', role: 'supervisor' });
    expect(changesOf(wang, { ...editOf(wang), maxChats: ' 8 ', groupIds: ['g3', 'g1'] })).toEqual({ id: 'wang', maxChats: 8, groupIds: ['g1', 'g3'] });
  });

  it('explains a capacity outside 1 to 50 or not a whole number', () => {
    for (const text of ['0', '51', '2.5', '', 'five', '-1']) {
      expect(maxChatsProblem(text), text).toEqual({ key: 'team.admin.problem.maxChats', min: 1, max: 50 });
    }
    expect(maxChatsProblem('50')).toBeNull();
    expect(maxChatsProblem(' 1 ')).toBeNull();
  });

  it('knows the only active admin, who keeps the role', () => {
    const admin = user('a', { role: 'admin' });
    const away = user('b', { role: 'admin', active: false });
    expect(isLastActiveAdmin(admin, [admin, away, user('c')])).toBe(true);
    expect(isLastActiveAdmin(admin, [admin, user('d', { role: 'admin' })])).toBe(false);
    expect(isLastActiveAdmin(user('c'), [admin, user('c')])).toBe(false);
  });

  it('lists active people first, then by name', () => {
    const sorted = sortUsers([user('1', { name: 'Zoe' }), user('2', { name: 'Amy', active: false }), user('3', { name: 'Bob' })]);
    expect(sorted.map((u) => u.name)).toEqual(['Bob', 'Zoe', 'Amy']);
  });
});

describe('checking a new person before they are added', () => {
  const team = [user('wang', { email: 'wang.fang@demo.test' })];
  const valid = { ...emptyNewUser, email: 'Zhao.Min@Demo.Test ', name: ' 赵敏 ', password: 'first-pass', maxChats: '4', groupIds: ['g2', 'g1'] };

  it('accepts a complete form and sends it trimmed, the email in lower case', () => {
    expect(validateNewUser(valid, team)).toEqual({});
    expect(createArgs(valid)).toEqual({ email: 'zhao.min@demo.test', name: '赵敏', role: 'agent', password: 'first-pass', maxChats: 4, groupIds: ['g1', 'g2'] });
  });

  it('says what is wrong with each field, in the form’s order', () => {
    const problems = validateNewUser({ ...emptyNewUser, maxChats: '0' }, team);
    expect(problems).toEqual({
      email: { key: 'team.admin.problem.emailRequired' },
      name: { key: 'team.admin.problem.nameRequired' },
      password: { key: 'team.admin.problem.passwordShort', min: 8 },
      maxChats: { key: 'team.admin.problem.maxChats', min: 1, max: 50 },
    });
    expect(firstProblemField(problems)).toBe('email');
    expect(firstProblemField(validateNewUser({ ...valid, password: 'short' }, team))).toBe('password');
  });

  it('refuses an address that is not one, or one a colleague already signs in with', () => {
    expect(validateNewUser({ ...valid, email: 'zhao.min' }, team).email).toEqual({ key: 'team.admin.problem.emailInvalid' });
    expect(validateNewUser({ ...valid, email: 'WANG.FANG@demo.test' }, team).email).toEqual({ key: 'team.admin.problem.emailTaken' });
  });

  it('refuses a name longer than 80 characters', () => {
    expect(validateNewUser({ ...valid, name: 'x'.repeat(81) }, team).name).toEqual({ key: 'team.admin.problem.nameTooLong', max: 80 });
  });
});
