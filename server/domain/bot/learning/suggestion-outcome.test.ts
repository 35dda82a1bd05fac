import { describe, expect, it } from 'vitest';
import { INITIAL_BOT_STATE, type BotState } from '../dialogue/state';
import { pickOf, suggestionsOf } from './suggestion-outcome';

const offered = [{ articleId: 'a1', title: '储值卡余额退款' }, { articleId: 'a2', title: '礼品卡余额退款' }];
const waiting: BotState = { ...INITIAL_BOT_STATE, pending: { articleIds: ['a1', 'a2'], question: '余额退款' } };

describe('what a turn offered and what the customer did with it', () => {
  it('reads the offered articles, with titles, from a "which one?" turn only', () => {
    const candidates = [{ articleId: 'a2', title: '礼品卡余额退款', confidence: 0.7 }, { articleId: 'a1', title: '储值卡余额退款', confidence: 0.7 }];
    const choices = [{ title: 'x', reply: 'x' }, { title: 'y', reply: 'y' }];
    expect(suggestionsOf({ action: 'clarify', state: waiting, choices, candidates })).toEqual(offered);
    expect(suggestionsOf({ action: 'miss', state: waiting, choices, candidates })).toEqual([]);
    expect(suggestionsOf({ action: 'clarify', state: INITIAL_BOT_STATE, choices, candidates })).toEqual([]);
  });

  it('tells a pick, a request for a person, "none of them" and another question apart', () => {
    expect(pickOf(waiting, { action: 'answer', via: 'choice', articleId: 'a2' }, '2', offered)).toBe('a2');
    expect(pickOf(waiting, { action: 'handoff', via: 'none', articleId: null }, '转人工', offered)).toBe('person');
    expect(pickOf(waiting, { action: 'miss', via: 'none', articleId: null }, '都不是', offered)).toBe('none');
    expect(pickOf(waiting, { action: 'answer', via: 'retrieval', articleId: 'a9' }, '运费多少', offered)).toBe('ignored');
    expect(pickOf(INITIAL_BOT_STATE, { action: 'answer', via: 'retrieval', articleId: 'a9' }, '运费多少', offered)).toBeNull();
  });
});
