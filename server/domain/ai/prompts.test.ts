import { describe, expect, it } from 'vitest';
import { groundedReplyText, readGroundedAnswer, readSuggestions, readSummary } from './prompts';

const given = [
  { id: 'a-returns', title: 'Returns', body: 'Within 30 days.' },
  { id: 'a-ship', title: 'Shipping', body: 'Two days.' },
];

describe('reading the chat model', () => {
  it('takes the article the answer names, by its number, and the answer without that line', () => {
    expect(readGroundedAnswer('ARTICLE: [2]\nIt ships in two days.', given)).toEqual({ article: given[1], answer: 'It ships in two days.' });
    expect(readGroundedAnswer('Sure.\n**ARTICLE**：1\n30 days.', given)).toEqual({ article: given[0], answer: 'Sure.\n30 days.' });
  });

  it('refuses an answer that names no article, one not given, or says nothing else', () => {
    expect(readGroundedAnswer('It ships in two days.', given)).toBeNull();
    expect(readGroundedAnswer('ARTICLE: none', given)).toBeNull();
    expect(readGroundedAnswer('ARTICLE: [3]\nSomething', given)).toBeNull();
    expect(readGroundedAnswer('ARTICLE: [1]', given)).toBeNull();
  });

  it('refuses an answer stating a figure that neither the article nor the question holds', () => {
    expect(readGroundedAnswer('ARTICLE: [1]\nYou can return it within 90 days.', given)).toBeNull();
    expect(readGroundedAnswer('ARTICLE: [1]\nYou can return it within ３０ days.', given)).toEqual({ article: given[0], answer: 'You can return it within ３０ days.' });
    expect(readGroundedAnswer('ARTICLE: [1]\nOrder 58812 can go back within 30 days.', given, 'Can I return order 58812?')).not.toBeNull();
  });

  it('cites the article in the customer’s language', () => {
    expect(groundedReplyText('30 天内可退。', { title: '退货政策' }, 'zh')).toBe('30 天内可退。\n\n参考文章：《退货政策》');
    expect(groundedReplyText('Within 30 days.', { title: 'Returns' }, 'en')).toBe('Within 30 days.\n\nSource: "Returns"');
  });

  it('reads at most three suggestions, each with the article it names', () => {
    const text = 'Here you go:\n- [1] Return it within 30 days.\n* Ask for the order number\n1. [9] Unknown article\n- four';
    expect(readSuggestions(text, given)).toEqual([
      { text: 'Return it within 30 days.', article: given[0] },
      { text: 'Ask for the order number', article: null },
      { text: 'Unknown article', article: null },
    ]);
  });

  it('keeps a summary to one bounded paragraph', () => {
    expect(readSummary('  Wants a refund.\n\nOrder 12. ')).toBe('Wants a refund. Order 12.');
    expect(readSummary('x'.repeat(900))!.length).toBe(500);
    expect(readSummary('   ')).toBeNull();
  });
});
