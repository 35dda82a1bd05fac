import { describe, expect, it } from 'vitest';
import type { KbArticle } from '../../../../shared/domain';
import type { BotRule, BotTurn } from '../../../../shared/knowledge';
import { translator } from '../../i18n/translate';
import {
  appendTurnPage,
  confidenceText,
  emptyRuleDraft,
  filterTurns,
  ruleDraftOf,
  ruleLabel,
  ruleSaveArgs,
  rulesOfKind,
  scenarioRuleOf,
  turnCause,
  turnMatch,
  validateRule,
} from './bot-admin-logic';

const t = translator('en');

function rule(id: string, over: Partial<BotRule> = {}): BotRule {
  return { id, kind: 'keyword', match: 'contains', pattern: '发票', replyZh: '发票在订单页申请。', replyEn: '', enabled: true, priority: 0, updatedAt: '2025-01-01T00:00:00.000Z', ...over };
}

function turn(id: string, over: Partial<BotTurn> = {}): BotTurn {
  return {
    id,
    conversationId: 'c1',
    messageId: `m${id}`,
    message: '怎么开票',
    action: 'answer',
    via: 'retrieval',
    articleId: null,
    ruleId: null,
    confidence: 0.8,
    candidates: [],
    handoffReason: null,
    lang: 'zh',
    sentiment: 0,
    createdAt: '2025-01-01T00:00:00.000Z',
    ...over,
  };
}

describe('checking a bot reply before it is sent', () => {
  const keyword = (over: Partial<ReturnType<typeof emptyRuleDraft>>) => ({ ...emptyRuleDraft('keyword'), replyZh: '回复', ...over });

  it('needs a keyword, a reply in some language and a whole-number priority', () => {
    expect(validateRule(emptyRuleDraft('keyword'), []).map((p) => p.key)).toEqual(['botAdmin.problem.patternRequired', 'botAdmin.problem.replyRequired']);
    expect(validateRule(keyword({ pattern: 'x', priority: '1.5' }), []).map((p) => p.key)).toEqual(['botAdmin.problem.priority']);
    expect(validateRule(keyword({ pattern: 'x', priority: '2000' }), [])).toHaveLength(1);
    expect(validateRule(keyword({ pattern: 'x', priority: '-3' }), [])).toEqual([]);
  });

  it('refuses a regular expression that does not compile, could hang or refers back', () => {
    const regex = (pattern: string) => validateRule(keyword({ match: 'regex', pattern }), []).map((p) => p.key);
    expect(regex('(')).toEqual(['botAdmin.problem.regexInvalid']);
    expect(regex('(a+)+$')).toEqual(['botAdmin.problem.regexCostly']);
    expect(regex('(a|aa)*')).toEqual(['botAdmin.problem.regexCostly']);
    expect(regex('(a)\\1')).toEqual(['botAdmin.problem.regexBackReference']);
    expect(regex('发票|开票')).toEqual([]);
    // The same text is fine as a plain keyword.
    expect(validateRule(keyword({ match: 'contains', pattern: '(a+)+' }), [])).toEqual([]);
  });

  it('refuses the same keyword with the same match twice, but not when changing that reply', () => {
    const existing = [rule('r1', { pattern: 'VIP' })];
    expect(validateRule(keyword({ pattern: 'ｖｉｐ ' }), existing).map((p) => p.key)).toEqual(['botAdmin.problem.patternTwice']);
    expect(validateRule(keyword({ pattern: 'vip', match: 'exact' }), existing)).toEqual([]);
    expect(validateRule({ ...ruleDraftOf(existing[0]!) }, existing)).toEqual([]);
  });

  it('needs the status of an order-status reply, once per status', () => {
    const order = { ...emptyRuleDraft('order_status'), replyEn: 'Order {{order.number}} shipped.' };
    expect(validateRule(order, []).map((p) => p.key)).toEqual(['botAdmin.problem.statusRequired']);
    expect(validateRule({ ...order, pattern: 'Shipped' }, [rule('o', { kind: 'order_status', match: null, pattern: 'shipped' })]).map((p) => p.key)).toEqual([
      'botAdmin.problem.statusTwice',
    ]);
  });

  it('refuses an order-status reply with a variable the bot cannot fill, naming the ones it can', () => {
    const order = { ...emptyRuleDraft('order_status'), pattern: 'shipped', replyZh: '{{contact.name}}，订单 {{order.id}} 已发货', replyEn: 'Order {{ Order.Number }} is {{order.status}}.' };
    expect(validateRule(order, [])).toEqual([]);
    const [problem, ...more] = validateRule({ ...order, replyEn: 'Order {{order.id}} ships with {{order.carrier}}.' }, []);
    expect(more).toEqual([]);
    expect(problem).toMatchObject({ field: 'reply', key: 'botAdmin.problem.unknownVariable' });
    expect(t(problem!.key, problem!.params)).toBe(
      'The bot cannot fill in {{order.carrier}}. Use only {{order.id}}, {{order.number}}, {{order.status}}, {{contact.name}}.',
    );
    // Keyword replies are sent as written: braces are the admin's own business there.
    expect(validateRule({ ...emptyRuleDraft('keyword'), pattern: '物流', replyZh: '{{order.carrier}}' }, [])).toEqual([]);
  });

  it('asks the greeting for its text only', () => {
    expect(validateRule({ ...emptyRuleDraft('greeting'), replyEn: 'Hi!' }, [])).toEqual([]);
    expect(ruleSaveArgs({ ...emptyRuleDraft('greeting'), pattern: 'left over', replyEn: ' Hi! ' })).toEqual({
      rule: { kind: 'greeting', match: null, pattern: null, replyZh: '', replyEn: 'Hi!', enabled: true, priority: 0 },
    });
  });

  it('sends a changed reply with its id and its number priority', () => {
    expect(ruleSaveArgs({ ...ruleDraftOf(rule('r1')), priority: ' -5 ' })).toEqual({
      id: 'r1',
      rule: { kind: 'keyword', match: 'contains', pattern: '发票', replyZh: '发票在订单页申请。', replyEn: '', enabled: true, priority: -5 },
    });
  });
});

describe('the replies as listed', () => {
  const rules = [
    rule('b', { priority: 5, pattern: 'b' }),
    rule('a', { priority: 5, pattern: 'a' }),
    rule('first', { priority: -1, pattern: 'z' }),
    rule('g-off', { kind: 'greeting', match: null, pattern: null, enabled: false, priority: -10 }),
    rule('g-on', { kind: 'greeting', match: null, pattern: null, priority: 3 }),
  ];

  it('orders replies of a kind as the bot tries them', () => {
    expect(rulesOfKind(rules, 'keyword').map((r) => r.id)).toEqual(['first', 'a', 'b']);
  });

  it('edits the greeting the bot uses: the first enabled one, else the first', () => {
    expect(scenarioRuleOf(rules, 'greeting')?.id).toBe('g-on');
    expect(scenarioRuleOf(rules.filter((r) => r.id !== 'g-on'), 'greeting')?.id).toBe('g-off');
    expect(scenarioRuleOf(rules, 'off_hours')).toBeNull();
  });

  it('names a reply in a few words', () => {
    expect(ruleLabel(t, rule('r', { match: 'regex', pattern: '发票|开票' }))).toBe('Regular expression: 发票|开票');
    expect(ruleLabel(t, rule('r', { kind: 'order_status', match: null, pattern: 'shipped' }))).toBe('Order status: shipped');
    expect(ruleLabel(t, rule('r', { kind: 'off_hours' }))).toBe('Off-hours notice');
  });
});

describe('the bot turns', () => {
  const articles = new Map<string, KbArticle>([
    ['ship', { id: 'ship', lang: 'zh', title: '发货时间', body: '', category: '', tags: [], questions: [], enabled: true, updatedAt: '' }],
  ]);
  const rules = new Map([['r1', rule('r1')]]);

  it('says what a turn used: an article by title (from the list or its candidates), a reply, or nothing', () => {
    expect(turnMatch(turn('1', { articleId: 'ship' }), articles, rules)).toEqual({ kind: 'article', id: 'ship', title: '发货时间' });
    const gone = turn('2', { articleId: 'old', candidates: [{ articleId: 'old', title: '旧文章', confidence: 0.7 }] });
    expect(turnMatch(gone, articles, rules)).toEqual({ kind: 'article', id: 'old', title: '旧文章' });
    expect(turnMatch(turn('3', { action: 'rule', via: 'rule', ruleId: 'r1' }), articles, rules)).toMatchObject({ kind: 'rule', rule: { id: 'r1' } });
    expect(turnMatch(turn('4', { ruleId: 'deleted' }), articles, rules)).toEqual({ kind: 'rule', id: 'deleted', rule: null });
    expect(turnMatch(turn('5', { action: 'miss' }), articles, rules)).toEqual({ kind: 'none' });
  });

  it('says what started a turn: the customer’s message, or an order reaching a status', () => {
    expect(turnCause(turn('1'))).toEqual({ kind: 'message', text: '怎么开票' });
    expect(turnCause(turn('2', { message: null }))).toEqual({ kind: 'message', text: null });
    const event = turn('3', { messageId: null, message: null, orderEvent: { id: 'e1', source: 'rest', orderNumber: 'SO-10002', status: 'shipped' } });
    expect(turnCause(event)).toEqual({ kind: 'order', orderNumber: 'SO-10002', status: 'shipped', source: 'rest' });
    expect(t('botAdmin.turns.orderEvent', { number: 'SO-10002', status: 'shipped' })).toBe('Order SO-10002 is now shipped');
  });

  it('shows confidence as a whole percentage', () => {
    expect(confidenceText(0.876)).toBe('88%');
    expect(confidenceText(1.2)).toBe('100%');
    expect(confidenceText(null)).toBeNull();
  });

  it('filters by what the bot did and adds older pages once, newest first', () => {
    const shown = [turn('12'), turn('11', { action: 'miss' })];
    expect(filterTurns(shown, 'miss').map((x) => x.id)).toEqual(['11']);
    expect(filterTurns(shown, 'all')).toHaveLength(2);
    expect(appendTurnPage(shown, [turn('11'), turn('9'), turn('10')]).map((x) => x.id)).toEqual(['12', '11', '10', '9']);
  });
});
