import { describe, expect, it } from 'vitest';
import type { SensitiveAction } from '../../shared/domain';
import {
  compileSensitiveWords,
  MAX_SENSITIVE_REGEX_LENGTH,
  matchedPatterns,
  matchSensitive,
  sensitivePatternProblem,
  type SensitiveEntry,
} from '../../shared/sensitive-words';
import { matchingForm } from '../../shared/text/matching-form';

let nextId = 0;
const word = (pattern: string, action: SensitiveAction = 'alert'): SensitiveEntry => ({ id: `w${++nextId}`, pattern, kind: 'word', action });
const regex = (pattern: string, action: SensitiveAction = 'alert'): SensitiveEntry => ({ id: `r${++nextId}`, pattern, kind: 'regex', action });
const check = (entries: SensitiveEntry[], text: string) => matchSensitive(compileSensitiveWords(entries), text);
/** The original substrings matched, by the offsets reported. */
const spans = (entries: SensitiveEntry[], text: string) => check(entries, text).matches.map((m) => text.slice(m.start, m.end));

describe('sensitive word normalisation', () => {
  it('folds full-width letters, digits and spaces to half-width, and upper case to lower', () => {
    expect(matchingForm('ＷｅＣｈａｔ　１２３').text).toBe('wechat 123');
    expect(matchingForm('QQ号').text).toBe('qq号');
  });

  it('drops spaces, ideographic spaces, zero-width characters, punctuation and symbols between Chinese characters', () => {
    for (const text of ['微信', '微 信', '微　信', '微\u200b信', '微\u200d信', '微\ufeff信', '微.信', '微，信', '微·信', '微★信', '微 \u200b. 信']) {
      expect(matchingForm(text).text, JSON.stringify(text)).toBe('微信');
    }
  });

  it('keeps one space between words of scripts written with spaces, so separate words do not run together', () => {
    expect(matchingForm('Hello,   World!').text).toBe('hello world');
    expect(matchingForm('we chat').text).toBe('we chat');
    // Invisible characters never separate anything.
    expect(matchingForm('we\u200bchat').text).toBe('wechat');
    expect(matchingForm('加我 wechat 吧').text).toBe('加我wechat吧');
  });

  it('composes a letter and its combining accent like the precomposed letter', () => {
    expect(matchingForm('Cafe\u0301').text).toBe(matchingForm('CAFÉ').text);
  });

  it('maps every normalised unit back to the original characters it came from', () => {
    const n = matchingForm('Ａ 微　信');
    expect(n.text).toBe('a微信');
    expect(n.starts).toEqual([0, 2, 4]);
    expect(n.ends).toEqual([1, 3, 5]);
  });
});

describe('matching sensitive words', () => {
  it('finds a word however it is spaced, widened or cased, reporting offsets in the original text', () => {
    const entries = [word('微信')];
    expect(check(entries, '加我微 信吧').matches).toEqual([{ id: entries[0]!.id, pattern: '微信', action: 'alert', text: '微 信', start: 2, end: 5 }]);
    expect(spans(entries, '加我微　信吧')).toEqual(['微　信']);
    expect(spans(entries, '微.信')).toEqual(['微.信']);
    expect(spans(entries, '微\u200b信号')).toEqual(['微\u200b信']);
    expect(spans([word('WeChat')], '加我ＷＥＣＨＡＴ好吗')).toEqual(['ＷＥＣＨＡＴ']);
    expect(spans([word('qq')], 'Qq号')).toEqual(['Qq']);
  });

  it('normalises the entries the same way as the text', () => {
    expect(spans([word('微 信')], '微信')).toEqual(['微信']);
    expect(spans([word('ＱＱ号')], 'qq号')).toEqual(['qq号']);
  });

  it('does not join separate Latin words into a listed word', () => {
    expect(check([word('wechat')], 'can we chat later?').matches).toEqual([]);
    expect(spans([word('hello world')], 'HELLO,  World!')).toEqual(['HELLO,  World']);
  });

  it('finds every occurrence of every entry, overlapping ones too, in order', () => {
    const entries = [word('微信'), word('信号'), word('微信号')];
    const result = check(entries, '微信号 和 微信');
    expect(result.matches.map((m) => [m.pattern, m.start, m.end])).toEqual([
      ['微信', 0, 2],
      ['微信号', 0, 3],
      ['信号', 1, 3],
      ['微信', 6, 8],
    ]);
    expect(matchedPatterns(result.matches)).toEqual(['微信', '微信号', '信号']);
  });

  it('names the strongest action: none < alert < mask < block', () => {
    const entries = [word('甲', 'alert'), word('乙', 'mask'), word('丙', 'block')];
    expect(check(entries, '没有').action).toBe('none');
    expect(check(entries, '甲').action).toBe('alert');
    expect(check(entries, '甲乙').action).toBe('mask');
    expect(check(entries, '丙甲乙').action).toBe('block');
    expect(matchedPatterns(check(entries, '丙甲乙').matches, ['block'])).toEqual(['丙']);
  });

  it('masks only mask entries, one star per original unit, separators inside a match included', () => {
    const entries = [word('微信', 'mask'), word('电话', 'alert')];
    const result = check(entries, '电话或微 信都行');
    expect(result.action).toBe('mask');
    expect(result.masked).toBe('电话或***都行');
    expect(result.masked).toHaveLength('电话或微 信都行'.length);
    // Overlapping masked matches are starred once, as their union.
    expect(check([word('ab', 'mask'), word('bc', 'mask')], 'xabcx').masked).toBe('x***x');
    // Nothing to mask: the text is returned as it was.
    expect(check([word('微信', 'alert')], '微 信').masked).toBe('微 信');
  });

  it('keeps masked offsets valid for characters outside the basic plane', () => {
    const text = '😀微😀信';
    const result = check([word('微信', 'mask')], text);
    expect(result.matches[0]).toMatchObject({ start: 2, end: 6, text: '微😀信' });
    expect(result.masked).toBe('😀****');
  });

  it('matches regular expressions case-insensitively on the normalised text', () => {
    const entries = [regex('1[3-9]\\d{9}', 'block'), regex('v[xX]\\d+', 'mask')];
    expect(spans(entries, '电话 １３８ ００１３ ８０００')).toEqual([]);
    expect(spans(entries, '电话１３８００１３８０００')).toEqual(['１３８００１３８０００']);
    const result = check(entries, '加 VX12345 吧');
    expect(result.matches.map((m) => m.text)).toEqual(['VX12345']);
    expect(result.masked).toBe('加 ******* 吧');
    // The separators dropped between Chinese characters are dropped for patterns too.
    expect(spans([regex('加.?微')], '加 微')).toEqual(['加 微']);
  });

  it('matches nothing with an empty list or empty text', () => {
    expect(check([], '微信')).toEqual({ matches: [], action: 'none', masked: '微信' });
    expect(check([word('微信')], '')).toEqual({ matches: [], action: 'none', masked: '' });
  });
});

describe('checking a sensitive pattern before it is saved', () => {
  it('accepts ordinary words and cheap regular expressions', () => {
    for (const p of ['微信', 'WeChat', 'a.b']) expect(sensitivePatternProblem('word', p), p).toBeNull();
    for (const p of ['加.*微信', '1[3-9]\\d{9}', '(?:微|威)信', '[微威]+信', '\\bsex\\b', '\\p{Script=Han}{2}号']) {
      expect(sensitivePatternProblem('regex', p), p).toBeNull();
    }
  });

  it('refuses a word with nothing left to match', () => {
    expect(sensitivePatternProblem('word', ' ，。! ')).toMatch(/no letters/);
  });

  it('refuses a regular expression that does not compile, is too long or matches empty text', () => {
    expect(sensitivePatternProblem('regex', '[微信')).toMatch(/not a valid regular expression/);
    expect(sensitivePatternProblem('regex', 'a'.repeat(MAX_SENSITIVE_REGEX_LENGTH + 1))).toMatch(new RegExp(`at most ${MAX_SENSITIVE_REGEX_LENGTH}`));
    expect(sensitivePatternProblem('regex', 'a'.repeat(MAX_SENSITIVE_REGEX_LENGTH))).toBeNull();
    expect(sensitivePatternProblem('regex', 'x*')).toMatch(/empty text/);
  });

  it('refuses patterns that backtrack catastrophically', () => {
    const slow = ['(a+)+b', '(a|ab)+c', '(\\w+\\s?){2,}x', '(a+){2}b', 'a.*b.*c', '\\d+\\s*\\d+', 'a.{0,500}b.{0,500}c', 'a{1,50}a{1,50}a{1,50}x', `${'a?'.repeat(20)}x`, '(?<n>a)\\k<n>', '(a)\\1'];
    for (const p of slow) {
      expect(sensitivePatternProblem('regex', p), p).not.toBeNull();
    }
    // A bounded repetition of a plain group is fine, and so is one unbounded repetition with a little more.
    expect(sensitivePatternProblem('regex', '(ab){2}c')).toBeNull();
    expect(sensitivePatternProblem('regex', '[a-z]+\\d?\\s?x')).toBeNull();
  });

  it('leaves an entry that cannot be used out of the compiled list, saying why', () => {
    const bad = regex('(a+)+b');
    const compiled = compileSensitiveWords([bad, word('微信')]);
    expect(compiled.refused).toEqual([{ id: bad.id, reason: expect.stringMatching(/repeat/) }]);
    expect(matchSensitive(compiled, 'aaab 微信').matches.map((m) => m.pattern)).toEqual(['微信']);
  });

  // How long they take on the longest message is measured by `npm run bench -- sensitive-words`.
  it('allows patterns with bounded backtracking and runs them on the longest message', () => {
    const compiled = compileSensitiveWords([regex('a.*b'), regex('(?:a|b)c+d'), regex('a{1,128}a{1,127}x'), word('微信')]);
    expect(compiled.refused).toEqual([]);
    expect(matchSensitive(compiled, `${'a'.repeat(4094)}微信`).matches.map((m) => m.pattern)).toEqual(['微信']);
  });
});
