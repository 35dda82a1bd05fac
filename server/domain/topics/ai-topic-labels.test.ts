import { describe, expect, it } from 'vitest';
import { readTopicNames, topicNamesPrompt } from './ai-topic-labels';

describe('topic names from the AI provider', () => {
  it('numbers each group with its language and examples', () => {
    const [system, user] = topicNamesPrompt([{ lang: 'zh', examples: ['退款还没到'] }, { lang: 'en', examples: ['where is my refund'] }]);
    expect(system!.content).toContain('[n] name');
    expect(user!.content).toBe('[1] (Chinese)\n- 退款还没到\n\n[2] (English)\n- where is my refund');
  });

  it('reads one name per numbered line, ignoring other lines, numbers out of range and quotes', () => {
    const names = readTopicNames('Here you go:\n[1] 退款进度\n[2]: "Refund status"\n[7] nothing\n[2] again', 3);
    expect([...names]).toEqual([[0, '退款进度'], [1, 'Refund status']]);
  });
});
