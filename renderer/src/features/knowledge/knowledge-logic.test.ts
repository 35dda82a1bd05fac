import { describe, expect, it } from 'vitest';
import type { KbSearchHit } from '../../../../shared/knowledge';
import { message } from '../../testing/fixtures';
import { lastCustomerMessage, withInsertedText, worthSuggesting } from './knowledge-logic';

describe('knowledge panel logic', () => {
  it("finds the customer's last message, past the agent's and the bot's", () => {
    const thread = [
      message({ id: 'm1', senderType: 'contact', body: '你好' }),
      message({ id: 'm2', senderType: 'contact', body: '我的订单还没到' }),
      message({ id: 'm3', senderType: 'agent', body: '我帮您查一下' }),
      message({ id: 'm4', senderType: 'bot', body: '自动回复' }),
    ];
    expect(lastCustomerMessage(thread)).toBe('我的订单还没到');
    expect(lastCustomerMessage([message({ id: 'm5', senderType: 'agent', body: 'hi' })])).toBeNull();
  });

  it('suggests only the best few articles that match well enough', () => {
    const hit = (id: string, score: number) => ({ article: { id }, score }) as unknown as KbSearchHit;
    expect(worthSuggesting([hit('a', 0.9), hit('b', 0.6), hit('c', 0.5), hit('d', 0.4), hit('e', 0.1)]).map((h) => h.article.id)).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(worthSuggesting([hit('x', 0.2)])).toEqual([]);
  });

  it('inserts an article on its own into an empty reply, else after a blank line', () => {
    expect(withInsertedText('', '  退款政策  ')).toBe('退款政策');
    expect(withInsertedText('您好，  \n', '退款政策')).toBe('您好，\n\n退款政策');
    expect(withInsertedText('您好', '  ')).toBe('您好');
  });
});
