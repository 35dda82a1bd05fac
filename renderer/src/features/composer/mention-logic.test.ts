import { describe, expect, it } from 'vitest';
import { conversation, teamMember } from '../../testing/fixtures';
import {
  insertMention,
  mentionChoices,
  mentionedIds,
  mentionQueryAt,
  moveChoice,
  splitMentions,
  ticketMentionChoices,
  MAX_MENTION_CHOICES,
} from './mention-logic';

describe('noticing an @ being typed', () => {
  it('finds the name typed after @ up to the caret', () => {
    expect(mentionQueryAt('please ask @Em', 14)).toEqual({ start: 11, end: 14, query: 'Em' });
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, end: 1, query: '' });
  });

  it('works right after Chinese text, which has no spaces', () => {
    expect(mentionQueryAt('请@王', 3)).toEqual({ start: 1, end: 3, query: '王' });
  });

  it('ignores email addresses, finished mentions and an @ after the caret', () => {
    expect(mentionQueryAt('write to li@example', 19)).toBeNull();
    expect(mentionQueryAt('@Emma Clark thanks', 18)).toBeNull();
    expect(mentionQueryAt('hello @Li', 3)).toBeNull();
    expect(mentionQueryAt('no at sign', 10)).toBeNull();
  });
});

describe('the colleagues the @ list offers', () => {
  const team = [
    teamMember({ id: 'me', name: 'Chen Lin', role: 'supervisor' }),
    teamMember({ id: 'wang', name: '王芳' }),
    teamMember({ id: 'li', name: '李雷' }),
    teamMember({ id: 'emma', name: 'Emma Clark' }),
    teamMember({ id: 'clara', name: 'Clara Li', role: 'supervisor' }),
    teamMember({ id: 'admin', name: 'Admin Emily', role: 'admin' }),
  ];
  const unassigned = conversation({ id: 'c1', assigneeId: null });
  const names = (list: { name: string }[]) => list.map((m) => m.name);

  it('filters by what is typed: names starting with it, then a later word, then containing it', () => {
    expect(names(mentionChoices(team, 'cl', 'me', unassigned))).toEqual(['Clara Li', 'Emma Clark']);
    expect(names(mentionChoices(team, 'LI', 'me', unassigned))).toEqual(['Clara Li']);
    expect(names(mentionChoices(team, '王', 'me', unassigned))).toEqual(['王芳']);
  });

  it('never offers the user themselves or admins', () => {
    expect(names(mentionChoices(team, '', 'me', unassigned))).toEqual(['Clara Li', 'Emma Clark', '李雷', '王芳']);
  });

  it('leaves out agents who cannot see a conversation assigned to someone else', () => {
    const wangs = conversation({ id: 'c2', assigneeId: 'wang' });
    expect(names(mentionChoices(team, '', 'me', wangs))).toEqual(['Clara Li', '王芳']);
  });

  it('shows at most a handful at once', () => {
    const many = Array.from({ length: 20 }, (_, i) => teamMember({ id: `a${i}`, name: `Agent ${i}` }));
    expect(mentionChoices(many, 'agent', null, unassigned)).toHaveLength(MAX_MENTION_CHOICES);
  });
});

describe('putting a mention into the note', () => {
  it('replaces "@query" with "@Name " and puts the caret after it', () => {
    const text = 'please check @em now';
    const result = insertMention(text, { start: 13, end: 16, query: 'em' }, 'Emma Clark');
    expect(result.text).toBe('please check @Emma Clark now');
    expect(result.caret).toBe('please check @Emma Clark '.length);
  });

  it('adds a space at the end of the text', () => {
    expect(insertMention('cc @王', { start: 3, end: 5, query: '王' }, '王芳')).toEqual({ text: 'cc @王芳 ', caret: 7 });
  });

  it('mentions only the picked colleagues whose @Name is still in the text', () => {
    const picked = { emma: 'Emma Clark', wang: '王芳' };
    expect(mentionedIds('@Emma Clark and @王芳 please look', picked)).toEqual(['emma', 'wang']);
    expect(mentionedIds('@Emma please look', picked)).toEqual([]);
  });

  it('moves through the list with the arrow keys, wrapping at the ends', () => {
    expect(moveChoice(0, 1, 3)).toBe(1);
    expect(moveChoice(2, 1, 3)).toBe(0);
    expect(moveChoice(0, -1, 3)).toBe(2);
    expect(moveChoice(0, 1, 0)).toBe(-1);
  });
});

describe('mentions shown in a note', () => {
  it('marks @Name of known colleagues, the longest name first', () => {
    expect(splitMentions('@Emma Clark, see @王芳.', ['Emma', 'Emma Clark', '王芳'])).toEqual([
      { text: '@Emma Clark', mention: true },
      { text: ', see ', mention: false },
      { text: '@王芳', mention: true },
      { text: '.', mention: false },
    ]);
  });

  it('leaves text alone when it names nobody known (or names with regex characters)', () => {
    expect(splitMentions('mail a@b.c', ['b.c+'])).toEqual([{ text: 'mail a@b.c', mention: false }]);
    expect(splitMentions('plain', [])).toEqual([{ text: 'plain', mention: false }]);
  });
});

describe('who may be mentioned: department staff', () => {
  const team = [
    teamMember({ id: 'wang', name: 'Wang Fang' }),
    teamMember({ id: 'zhou', name: 'Zhou Repairs', role: 'staff' }),
  ];

  it('are never offered in a conversation note (they cannot read conversations)', () => {
    expect(mentionChoices(team, '', null, conversation({ id: 'c1', assigneeId: null })).map((m) => m.id)).toEqual(['wang']);
  });

  it('are offered in a ticket comment, as everyone but the writer is', () => {
    expect(ticketMentionChoices(team, 'zh', 'wang').map((m) => m.id)).toEqual(['zhou']);
    expect(ticketMentionChoices(team, '', 'wang').map((m) => m.id)).toEqual(['zhou']);
  });
});
