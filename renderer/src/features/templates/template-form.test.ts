import { describe, expect, it } from 'vitest';
import type { Template } from '../../../../shared/domain';
import { blankDraft, draftOf, draftProblems, groupTemplates, mayEdit, toInput } from './template-form';

const team: Template = { id: 't1', ownerId: null, lang: 'zh', shortcut: '/hi', title: '问候', body: '您好', category: '问候' };
const mine: Template = { ...team, id: 't2', ownerId: 'u1', shortcut: 'thanks', title: '感谢', category: '' };
const theirs: Template = { ...mine, id: 't3', ownerId: 'u2' };

describe('the quick-reply manager', () => {
  it('lets agents change only their own replies, and admins the team\'s too', () => {
    const agent = { id: 'u1', role: 'agent' as const };
    const admin = { id: 'u9', role: 'admin' as const };
    expect([team, mine, theirs].map((t) => mayEdit(t, agent))).toEqual([false, true, false]);
    expect([team, mine, theirs].map((t) => mayEdit(t, admin))).toEqual([true, false, false]);
    expect(mayEdit(team, null)).toBe(false);
  });

  it('starts admins on a team reply and agents on a personal one, in the UI language', () => {
    expect(blankDraft('admin', 'zh-CN')).toMatchObject({ scope: 'team', lang: 'zh' });
    expect(blankDraft('agent', 'en')).toMatchObject({ scope: 'personal', lang: 'en' });
  });

  it('says what is missing before saving, and sends the shortcut without its slash', () => {
    const blank = blankDraft('agent', 'en');
    expect(draftProblems(blank)).toEqual(['shortcut', 'title', 'body']);
    expect(draftProblems({ ...blank, shortcut: 'a b', title: 'x', body: 'y' })).toEqual(['shortcutSpaces']);
    const edited = draftOf(team);
    expect(edited).toMatchObject({ id: 't1', scope: 'team', shortcut: 'hi' });
    expect(toInput({ ...edited, shortcut: ' /hello ' })).toEqual({
      id: 't1', scope: 'team', lang: 'zh', shortcut: 'hello', title: '问候', body: '您好', category: '问候',
    });
  });

  it("lists the team's replies apart from the user's own", () => {
    expect(groupTemplates([mine, team])).toEqual({ team: [team], personal: [mine] });
  });
});
