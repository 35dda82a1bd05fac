import { describe, expect, it } from 'vitest';
import type { BotRule } from '../../../../shared/knowledge';
import { matchKeywordRule, ruleReply, scenarioRule } from './keyword-rules';
import { MAX_USER_REGEX_LENGTH, unsafeRegexProblem } from '../../../../shared/text/safe-regex';

const rule = (over: Partial<BotRule>): BotRule => ({
  id: over.id ?? 'r', kind: 'keyword', match: 'contains', pattern: 'x', replyZh: '中文', replyEn: 'English', enabled: true, priority: 0,
  updatedAt: '2025-01-01T00:00:00.000Z', ...over,
});

describe('keyword replies', () => {
  const rules = [
    rule({ id: 'exact', match: 'exact', pattern: '营业执照' }),
    rule({ id: 'contains', match: 'contains', pattern: 'VIP' }),
    rule({ id: 'regex', match: 'regex', pattern: '^SO-\\d{5}$' }),
    rule({ id: 'off', match: 'contains', pattern: '发票', enabled: false }),
  ];

  it('match exactly, by containing or by pattern, after normalising width and case', () => {
    expect(matchKeywordRule(rules, '营业执照？')?.id).toBe('exact');
    expect(matchKeywordRule(rules, '看一下营业执照')).toBeNull();
    expect(matchKeywordRule(rules, '我是ｖｉｐ会员')?.id).toBe('contains');
    expect(matchKeywordRule(rules, 'so-10023')?.id).toBe('regex');
    expect(matchKeywordRule(rules, '开发票')).toBeNull();
  });

  it('take the lowest priority number first', () => {
    const both = [rule({ id: 'later', pattern: '退', priority: 5 }), rule({ id: 'first', pattern: '退款', priority: 1 })];
    expect(matchKeywordRule(both, '退款')?.id).toBe('first');
  });

  it("answer in the customer's language, or the one the rule has", () => {
    expect(ruleReply(rule({}), 'en')).toBe('English');
    expect(ruleReply(rule({ replyEn: '' }), 'en')).toBe('中文');
  });
});

describe('scenario replies', () => {
  it('pick the enabled greeting and off-hours replies (order-status replies: scenarios/order-status-reply.test.ts)', () => {
    const rules = [
      rule({ id: 'g', kind: 'greeting', match: null, pattern: null }),
      rule({ id: 'o', kind: 'off_hours', match: null, pattern: null, enabled: false }),
    ];
    expect(scenarioRule(rules, 'greeting')?.id).toBe('g');
    expect(scenarioRule(rules, 'off_hours')).toBeNull();
  });
});

describe('regex patterns admins may save', () => {
  it('refuse what does not compile or could run for ever', () => {
    expect(unsafeRegexProblem('^退(款|货)$')).toBeNull();
    expect(unsafeRegexProblem('(')?.message).toMatch(/not a valid regular expression/);
    expect(unsafeRegexProblem('(a+)+$')?.message).toMatch(/for ever/);
    expect(unsafeRegexProblem('(a|aa)*')?.message).toMatch(/for ever/);
    expect(unsafeRegexProblem('x'.repeat(MAX_USER_REGEX_LENGTH + 1))?.message).toMatch(new RegExp(`at most ${MAX_USER_REGEX_LENGTH}`));
  });
});
