import { describe, expect, it } from 'vitest';
import { groupQuestions, type UnansweredItem } from './question-groups';

const item = (text: string, minute: number, action: UnansweredItem['action'] = 'miss'): UnansweredItem => ({
  text, action, conversationId: `c${minute}`, at: new Date(Date.UTC(2026, 0, 1, 10, minute)).toISOString(),
});

describe('grouping unanswered questions', () => {
  it('puts two wordings of one Chinese question in one group and a different question in another', () => {
    const groups = groupQuestions([item('可以开发票吗', 1), item('请问发票怎么开？', 2, 'handoff'), item('你们支持分期付款吗', 3)], 10);
    expect(groups).toHaveLength(2);
    expect(groups[0]).toMatchObject({ count: 2, handoffs: 1, examples: ['请问发票怎么开？', '可以开发票吗'], lastSeenAt: item('', 2).at });
    expect(groups[1]).toMatchObject({ count: 1, question: '你们支持分期付款吗' });
  });

  it('groups English questions by their words, ignoring case, punctuation and function words', () => {
    const groups = groupQuestions([item('Do you ship to Canada?', 1), item('shipping to canada', 2), item('ship to Canada', 3), item('Where is my invoice', 4)], 10);
    expect(groups.map((g) => g.count)).toEqual([3, 1]);
    expect(groups[0]!.examples).toEqual(['ship to Canada', 'shipping to canada', 'Do you ship to Canada?']);
    expect(groups[1]!.question).toBe('Where is my invoice');
  });

  it('counts the same wording twice as one group with the wording as its question', () => {
    const groups = groupQuestions([item('退货地址在哪', 1), item('退货地址在哪？', 2), item('退货 地址在哪', 3)], 10);
    expect(groups).toEqual([expect.objectContaining({ count: 3, question: '退货地址在哪' })]);
  });

  it('keeps only as many groups as asked, the biggest first', () => {
    const groups = groupQuestions([item('发票', 1), item('开发票', 2), item('积分', 3)], 1);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.count).toBe(2);
  });
});
