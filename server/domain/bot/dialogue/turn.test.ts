import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BotRule } from '../../../../shared/knowledge';
import { KnowledgeIndex } from '../retrieval/knowledge-index';
import { INITIAL_BOT_STATE, readBotState, type BotState } from './state';
import { botTurn, type TurnOutcome } from './turn';

const kb = JSON.parse(readFileSync(new URL('../../../../test/fixtures/bot-eval/kb.json', import.meta.url), 'utf8')) as {
  id: string; lang: 'zh' | 'en'; title: string; body: string; category: string; tags: string[]; questions: string[];
}[];
const knowledge = new KnowledgeIndex(kb);

/** Plays a conversation and returns every turn's outcome. */
function talk(messages: string[], rules: BotRule[] = [], offHours = false): TurnOutcome[] {
  let state: BotState = INITIAL_BOT_STATE;
  return messages.map((message) => {
    const outcome = botTurn({ state, message, knowledge, rules, offHours });
    state = readBotState(JSON.parse(JSON.stringify(outcome.state)));
    return outcome;
  });
}

describe('the bot, turn by turn', () => {
  it('answers a known question with the article, and says how sure it is', () => {
    const [turn] = talk(['退款多久到账']);
    expect(turn).toMatchObject({ action: 'answer', via: 'retrieval', articleId: 'zh-refund-time', lang: 'zh' });
    expect(turn!.confidence).toBeGreaterThan(0.9);
    expect(turn!.replies[0]).toContain('1–3 个工作日内');
  });

  it('answers in English when asked in English', () => {
    const [turn] = talk(['how long do refunds take']);
    expect(turn).toMatchObject({ action: 'answer', articleId: 'en-refund-time', lang: 'en' });
  });

  it('keeps the topic: a follow-up after a question about the deposit is about the deposit', () => {
    const [, followUp] = talk(['定金能退吗', '超过三天呢']);
    expect(followUp).toMatchObject({ action: 'answer', via: 'topic', articleId: 'zh-deposit-refund' });
    // Without the earlier question the same words are not enough to answer.
    expect(talk(['超过三天呢'])[0]!.action).not.toBe('answer');
  });

  it('asks which one is meant between close candidates and answers the one picked', () => {
    const [ask, pick] = talk(['尺码不对要换', '1']);
    expect(ask!.action).toBe('clarify');
    expect(ask!.replies[0]).toMatch(/^您是想问 尺码不合适怎么换货 还是 尺码怎么选？/);
    expect(pick).toMatchObject({ action: 'answer', via: 'choice', articleId: 'zh-exchange' });
  });

  it('offers the candidates as picks, and a pressed button (the title) answers the one picked', () => {
    const [ask, pressed] = talk(['尺码不对要换', '尺码不合适怎么换货']);
    expect(ask!.choices).toEqual([{ title: '尺码不合适怎么换货', reply: '尺码不合适怎么换货' }, { title: '尺码怎么选', reply: '尺码怎么选' }]);
    expect(pressed).toMatchObject({ action: 'answer', via: 'choice', articleId: 'zh-exchange' });
  });

  it('takes a new question instead of a choice', () => {
    const [, next] = talk(['尺码不对要换', '退款多久到账']);
    expect(next).toMatchObject({ action: 'answer', articleId: 'zh-refund-time' });
  });

  it('offers another try after one miss and hands over after the second', () => {
    const [first, second] = talk(['你们招主播吗', 'what is the meaning of life']);
    expect(first).toMatchObject({ action: 'miss', handoffReason: null });
    expect(first!.replies[0]).toContain('转人工');
    expect(first!.choices).toEqual([{ title: '转人工客服', reply: '转人工客服' }]);
    expect(second).toMatchObject({ action: 'handoff', handoffReason: 'misses' });
  });

  it('hands over at once when asked for a person or when the customer is clearly upset', () => {
    expect(talk(['转人工'])[0]).toMatchObject({ action: 'handoff', handoffReason: 'request' });
    expect(talk(['agent please'])[0]).toMatchObject({ action: 'handoff', handoffReason: 'request' });
    const upset = talk(['this is a scam, you people are useless'])[0]!;
    expect(upset).toMatchObject({ action: 'handoff', handoffReason: 'upset', lang: 'en' });
    expect(upset.sentiment).toBeLessThan(-0.7);
  });

  it('answers greetings and thanks without counting them as misses', () => {
    const turns = talk(['你好', '谢谢', '你们招主播吗']);
    expect(turns.map((t) => t.action)).toEqual(['smalltalk', 'smalltalk', 'miss']);
  });

  it('sends the greeting and off-hours notices once, then keyword replies before the knowledge base', () => {
    const base = { match: null, pattern: null, enabled: true, priority: 0, updatedAt: '2025-01-01T00:00:00.000Z' };
    const rules: BotRule[] = [
      { ...base, id: 'g', kind: 'greeting', replyZh: '欢迎光临', replyEn: 'Welcome' },
      { ...base, id: 'o', kind: 'off_hours', replyZh: '现在下班了', replyEn: 'We are closed' },
      { ...base, id: 'k', kind: 'keyword', match: 'contains', pattern: '退款', replyZh: '退款请看订单页', replyEn: '' },
    ];
    const [first, second] = talk(['退款多久到账', '退款'], rules, true);
    expect(first).toMatchObject({ action: 'rule', ruleId: 'k', replies: ['欢迎光临', '现在下班了', '退款请看订单页'] });
    expect(second!.replies).toEqual(['退款请看订单页']);
  });

  it('greets by name only a customer who gave one: a made-up name is left out, never shown with braces', () => {
    const base = { match: null, pattern: null, enabled: true, priority: 0, updatedAt: '2025-01-01T00:00:00.000Z' };
    const rules: BotRule[] = [{ ...base, id: 'g', kind: 'greeting', replyZh: '您好，{{contact.name}}！欢迎光临', replyEn: 'Hi {{contact.name}}, welcome!' }];
    const greet = (contactName: string) => botTurn({ state: INITIAL_BOT_STATE, message: '你好', knowledge, rules, contactName }).replies[0];
    expect(greet('张伟')).toBe('您好，张伟！欢迎光临');
    expect(greet('')).toBe('您好！欢迎光临');
  });

  it('offers plausible articles when none is sure: numbered, as picks, with a person one tap away', () => {
    const [offer] = talk(['那过了3天还行吗']);
    expect(offer!.action).toBe('clarify');
    expect(offer!.replies[0]).toMatch(/^猜你想问：\n1\. /);
    expect(offer!.choices.at(-1)).toEqual({ title: '转人工客服', reply: '转人工客服' });
    const offered = offer!.state.pending!.articleIds;
    expect(offered.length).toBeGreaterThanOrEqual(1);
    expect(offer!.choices).toHaveLength(offered.length + 1);
    const [, pick] = talk(['那过了3天还行吗', '1']);
    expect(pick).toMatchObject({ action: 'answer', via: 'choice', articleId: offered[0] });
  });

  it('answers from an article in the other language, with a note, when nothing in the customer\'s fits', () => {
    const [turn] = talk(['如何申请礼品卡']);
    expect(turn).toMatchObject({ action: 'answer', lang: 'zh' });
    expect(turn!.articleId).toMatch(/^en-/);
    expect(turn!.replies[0]).toMatch(/^这个问题目前只有英文解答：/);
  });

  it('answers an English question from an article written only in Chinese, in English with a note', () => {
    // The words reach the Chinese article through the dictionary (gift wrapping → 礼品包装).
    const [turn] = talk(['do you sell gift wrapping']);
    expect(turn).toMatchObject({ action: 'answer', lang: 'en', articleId: 'zh-gift-wrap' });
    expect(turn!.replies[0]).toMatch(/^This answer is only /);
    expect(talk(['how do member levels work'])[0]).toMatchObject({ action: 'answer', articleId: 'zh-member-level' });
  });

  it('reads a customer who types pinyin as Chinese', () => {
    const [turn] = talk(['tuikuan duojiu daozhang']);
    expect(turn).toMatchObject({ action: 'answer', lang: 'zh', articleId: 'zh-refund-time' });
  });

  it('fuses semantic scores when given: an article the words miss but the embedding finds', () => {
    const semantic = new Map([['zh-invoice', 0.95]]);
    const turn = botTurn({ state: INITIAL_BOT_STATE, message: '报销用的凭证怎么弄', knowledge, rules: [], semantic });
    expect(turn.articleId ?? turn.state.pending?.articleIds).toContain('zh-invoice');
    expect(botTurn({ state: INITIAL_BOT_STATE, message: '报销用的凭证怎么弄', knowledge, rules: [] }).articleId).not.toBe('zh-invoice');
  });
});
