import { describe, expect, it } from 'vitest';
import type { KbArticle } from '../../../shared/domain';
import { KnowledgeIndex } from '../bot/retrieval/knowledge-index';
import { INITIAL_BOT_STATE } from '../bot/dialogue/state';
import { botTurn } from '../bot/dialogue/turn';
import { rescueBySemantic } from './semantic-rescue';

const article = (id: string, title: string, body: string): KbArticle => ({
  id, lang: 'en', title, body, category: '', tags: [], questions: [], enabled: true, updatedAt: '2026-01-01T00:00:00.000Z',
});
const knowledge = new KnowledgeIndex<KbArticle>([
  article('returns', 'How do I return an item', 'Within 30 days from the returns page.'),
  article('shipping', 'When will my order ship', 'Within two working days.'),
]);
const turn = (message: string, semantic?: Map<string, number>, state = INITIAL_BOT_STATE) => {
  const outcome = botTurn({ state, message, knowledge, rules: [], ...(semantic ? { semantic } : {}) });
  return rescueBySemantic(outcome, semantic, knowledge, message);
};

describe('the embeddings rescue a lexical miss', () => {
  it('answers with the article the embeddings point at clearly', () => {
    const rescued = turn('parcel boomerang procedure?', new Map([['returns', 0.91], ['shipping', 0.4]]));
    expect(rescued).toMatchObject({ action: 'answer', articleId: 'returns', confidence: 0.91, handoffReason: null });
    expect(rescued.replies.at(-1)).toBe('How do I return an item\n\nWithin 30 days from the returns page.');
    expect(rescued.state).toMatchObject({ misses: 0, topic: { articleId: 'returns' } });
  });

  it('keeps the miss when the match is weak or two articles are close', () => {
    expect(turn('parcel boomerang procedure?', new Map([['returns', 0.6]])).action).toBe('miss');
    expect(turn('parcel boomerang procedure?', new Map([['returns', 0.9], ['shipping', 0.88]])).action).toBe('miss');
    expect(turn('parcel boomerang procedure?').action).toBe('miss');
  });

  it('never overrides a request for a person or a lexical answer', () => {
    expect(turn('agent', new Map([['returns', 0.99]]))).toMatchObject({ action: 'handoff', handoffReason: 'request' });
    expect(turn('When will my order ship?', new Map([['returns', 0.99]]))).toMatchObject({ action: 'answer', articleId: 'shipping' });
  });
});
