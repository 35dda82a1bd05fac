import { describe, expect, it } from 'vitest';
import type { SensitiveWord } from '../../../../shared/domain';
import { blockedRanges, blockedWords, compileForHighlight, highlightParts } from './sensitive-highlight';

function word(id: string, pattern: string, action: SensitiveWord['action'] = 'block', kind: SensitiveWord['kind'] = 'word'): SensitiveWord {
  return { id, pattern, kind, action, updatedAt: '2025-01-01T10:00:00.000Z' };
}

/** What the agent sees: the excerpt with [marked] words. */
const shown = (text: string, ranges: [number, number][], context?: number) =>
  highlightParts(text, ranges, context)
    .map((p) => (p.kind === 'match' ? `[${p.text}]` : p.text))
    .join('');

describe('marking refused words in a reply', () => {
  it('reads the words the refusal named', () => {
    expect(blockedWords('微信, refund scam')).toEqual(['微信', 'refund scam']);
    expect(blockedWords('')).toEqual([]);
    expect(blockedWords(undefined)).toEqual([]);
  });

  it('marks the blocking words found with the team’s list, also when written with spaces or full-width letters', () => {
    const compiled = compileForHighlight([word('w1', '微信'), word('w2', 'wechat'), word('w3', '退款', 'alert')]);
    const text = '加我微 信 或 ＷｅＣｈａｔ，退款更快';
    expect(shown(text, blockedRanges(text, compiled, ['微信', 'wechat']))).toBe('加我[微 信] 或 [ＷｅＣｈａｔ]，退款更快');
  });

  it('marks a regular expression entry', () => {
    const compiled = compileForHighlight([word('w1', 'qq\\d{5,}', 'block', 'regex')]);
    const text = 'add me qq123456';
    expect(shown(text, blockedRanges(text, compiled, ['qq\\d{5,}']))).toBe('add me [qq123456]');
  });

  it('without the list, looks the named words up as they are', () => {
    const text = 'Pay by WeChat or wechat';
    expect(shown(text, blockedRanges(text, null, ['wechat']))).toBe('Pay by [WeChat] or [wechat]');
  });

  it('shows nothing when no word is left in the text', () => {
    expect(highlightParts('all fixed now', blockedRanges('all fixed now', null, ['wechat']))).toEqual([]);
  });

  it('shortens a long reply around the words', () => {
    const text = `${'a'.repeat(50)}BAD${'b'.repeat(50)}BAD${'c'.repeat(10)}`;
    expect(shown(text, blockedRanges(text, null, ['bad']), 5)).toBe('…aaaaa[BAD]bbbbb…bbbbb[BAD]ccccc…');
  });
});
