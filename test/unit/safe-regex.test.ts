import { describe, expect, it } from 'vitest';
import type { BotRule } from '../../shared/knowledge';
import { AppError } from '../../shared/errors';
import { compileSensitiveWords, matchSensitive, sensitivePatternProblem } from '../../shared/sensitive-words';
import { matchKeywordRule } from '../../server/domain/bot/rules/keyword-rules';
import { MAX_USER_REGEX_LENGTH, unsafeRegexError, unsafeRegexProblem } from '../../shared/text/safe-regex';

const CATASTROPHIC = '(a+)+$';
const ORDINARY = '^退(款|货)';

const keywordRule = (pattern: string): BotRule => ({
  id: 'r', kind: 'keyword', match: 'regex', pattern, replyZh: '好的', replyEn: 'OK', priority: 0, enabled: true, updatedAt: '2026-11-20T08:00:00.000Z',
});

describe('the one rule for regular expressions users type', () => {
  it('refuses a catastrophic pattern and accepts an ordinary one', () => {
    expect(unsafeRegexProblem(CATASTROPHIC)?.reason).toBe('nested_repeat');
    expect(unsafeRegexProblem(ORDINARY)).toBeNull();
  });

  it('names each refusal with a stable reason', () => {
    expect(unsafeRegexProblem('x'.repeat(MAX_USER_REGEX_LENGTH + 1))?.reason).toBe('too_long');
    expect(unsafeRegexProblem('x'.repeat(MAX_USER_REGEX_LENGTH))).toBeNull();
    expect(unsafeRegexProblem('(')?.reason).toBe('invalid');
    expect(unsafeRegexProblem('(a|ab)*c')?.reason).toBe('repeated_alternatives');
    expect(unsafeRegexProblem('a.*b.*c')?.reason).toBe('too_costly');
    expect(unsafeRegexProblem('(a)\\1')?.reason).toBe('back_reference');
    expect(unsafeRegexProblem('(?<n>a)\\k<n>')?.reason).toBe('back_reference');
    expect(unsafeRegexProblem('x*')?.reason).toBe('matches_empty');
  });

  it('refuses at a boundary with one code and wording', () => {
    const error = unsafeRegexError(unsafeRegexProblem(CATASTROPHIC)!);
    expect(error).toBeInstanceOf(AppError);
    expect(error.toJSON()).toEqual({
      code: 'bad_request',
      message: 'pattern: a repeated group may not itself repeat, e.g. (a+)+: it could run for ever',
      details: { reason: 'nested_repeat' },
    });
  });

  it('is the rule sensitive words follow', () => {
    expect(sensitivePatternProblem('regex', CATASTROPHIC)).toBe(unsafeRegexProblem(CATASTROPHIC)!.message);
    expect(sensitivePatternProblem('regex', ORDINARY)).toBeNull();
    const compiled = compileSensitiveWords([
      { id: 'slow', pattern: CATASTROPHIC, kind: 'regex', action: 'block' },
      { id: 'fine', pattern: ORDINARY, kind: 'regex', action: 'alert' },
    ]);
    expect(compiled.refused).toEqual([{ id: 'slow', reason: unsafeRegexProblem(CATASTROPHIC)!.message }]);
    expect(matchSensitive(compiled, '退款').matches.map((m) => m.id)).toEqual(['fine']);
    expect(matchSensitive(compiled, 'aaaa').action).toBe('none');
  });

  it('is the rule keyword auto-replies follow', () => {
    expect(matchKeywordRule([keywordRule(ORDINARY)], '退款怎么办')?.id).toBe('r');
    // A catastrophic pattern that got stored is never run, even on the text it would match.
    expect(matchKeywordRule([keywordRule(CATASTROPHIC)], 'aaaa')).toBeNull();
    expect(matchKeywordRule([keywordRule('(a)+$')], 'aaaa')?.id).toBe('r');
  });
});
