import { describe, expect, it } from 'vitest';
import type { SensitiveWord } from '../../../../shared/domain';
import { MAX_SENSITIVE_REGEX_LENGTH } from '../../../../shared/sensitive-words';
import { emptySensitiveDraft, saveArgs, sortSensitiveWords, validateSensitive, type SensitiveDraft } from './sensitive-logic';

function word(id: string, overrides: Partial<SensitiveWord> = {}): SensitiveWord {
  return { id, pattern: `word ${id}`, kind: 'word', action: 'alert', updatedAt: '2025-01-01T10:00:00.000Z', ...overrides };
}

const draft = (overrides: Partial<SensitiveDraft>): SensitiveDraft => ({ ...emptySensitiveDraft, ...overrides });

describe('checking a sensitive word before it is sent', () => {
  it('asks for a pattern when it is empty or only spaces', () => {
    expect(validateSensitive(draft({ pattern: '   ' }), [])).toEqual({ key: 'sensitive.patternRequired' });
  });

  it('refuses a pattern longer than the server keeps', () => {
    expect(validateSensitive(draft({ pattern: 'x'.repeat(201) }), [])).toEqual({
      key: 'sensitive.patternTooLong',
      count: 201,
      max: 200,
    });
  });

  it('explains a regular expression that does not compile', () => {
    const problem = validateSensitive(draft({ pattern: 'refund(', kind: 'regex' }), []);
    expect(problem?.key).toBe('sensitive.invalidRegex');
    expect(problem && 'detail' in problem ? problem.detail : '').toMatch(/refund\(|parenthes|group/i);
  });

  it('accepts the same text as a plain word, where brackets mean nothing special', () => {
    expect(validateSensitive(draft({ pattern: 'refund(' }), [])).toBeNull();
  });

  it('refuses a regular expression longer than the server keeps', () => {
    const max = MAX_SENSITIVE_REGEX_LENGTH;
    expect(validateSensitive(draft({ pattern: 'a'.repeat(max + 1), kind: 'regex' }), [])).toEqual({
      key: 'sensitive.patternTooLong',
      count: max + 1,
      max,
    });
  });

  it('refuses a word with nothing to match once spaces and punctuation are evened out', () => {
    expect(validateSensitive(draft({ pattern: '!!! ...' }), [])).toEqual({ key: 'sensitive.noLetters' });
    expect(validateSensitive(draft({ pattern: '退款' }), [])).toBeNull();
  });

  it('checks a regular expression as the server compiles it, with the unicode flag', () => {
    // Valid without flags, but not under `u`: the server would refuse it.
    expect(validateSensitive(draft({ pattern: '\\-', kind: 'regex' }), [])?.key).toBe('sensitive.invalidRegex');
    expect(validateSensitive(draft({ pattern: '\\p{Script=Han}{4}', kind: 'regex' }), [])).toBeNull();
  });

  it('refuses a regular expression that could take too long on a long message', () => {
    expect(validateSensitive(draft({ pattern: '(a+)+b', kind: 'regex' }), [])).toEqual({ key: 'sensitive.tooCostly' });
    expect(validateSensitive(draft({ pattern: 'x.*y.*z', kind: 'regex' }), [])).toEqual({ key: 'sensitive.tooCostly' });
    expect(validateSensitive(draft({ pattern: 'refund.*scam', kind: 'regex' }), [])).toBeNull();
  });

  it('refuses a regular expression that would flag every message', () => {
    expect(validateSensitive(draft({ pattern: 'scam|', kind: 'regex' }), [])).toEqual({ key: 'sensitive.matchesEverything' });
    expect(validateSensitive(draft({ pattern: '\\d*', kind: 'regex' }), [])).toEqual({ key: 'sensitive.matchesEverything' });
    expect(validateSensitive(draft({ pattern: '\\d{11}', kind: 'regex' }), [])).toBeNull();
  });

  it('refuses a word that is already listed, but lets an entry be saved unchanged', () => {
    const listed = [word('w1', { pattern: 'Refund Scam' })];
    expect(validateSensitive(draft({ pattern: 'refund scam' }), listed)).toEqual({ key: 'sensitive.duplicate' });
    // Full-width letters and extra spaces are the same word to the matcher.
    expect(validateSensitive(draft({ pattern: 'ＲＥＦＵＮＤ   scam' }), listed)).toEqual({ key: 'sensitive.duplicate' });
    expect(validateSensitive(draft({ id: 'w1', pattern: 'refund scam', action: 'block' }), listed)).toBeNull();
    expect(validateSensitive(draft({ pattern: 'Refund Scam', kind: 'regex' }), listed)).toBeNull();
  });
});

describe('sending and listing sensitive words', () => {
  it('sends a new entry without an id and a changed one with its id, the pattern trimmed', () => {
    expect(saveArgs(draft({ pattern: ' scam ', action: 'block' }))).toEqual({ pattern: 'scam', kind: 'word', action: 'block' });
    expect(saveArgs(draft({ id: 'w1', pattern: 'scam' }))).toEqual({ id: 'w1', pattern: 'scam', kind: 'word', action: 'alert' });
  });

  it('lists blocking entries first, then masking, then alerting, by pattern', () => {
    const words = [
      word('a', { pattern: 'b-alert', action: 'alert' }),
      word('b', { pattern: 'z-block', action: 'block' }),
      word('c', { pattern: 'a-alert', action: 'alert' }),
      word('d', { pattern: 'mask', action: 'mask' }),
    ];
    expect(sortSensitiveWords(words, 'en').map((w) => w.pattern)).toEqual(['z-block', 'mask', 'a-alert', 'b-alert']);
  });
});
