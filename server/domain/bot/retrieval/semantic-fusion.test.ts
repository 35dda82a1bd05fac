import { describe, expect, it } from 'vitest';
import type { KbArticle } from '../../../../shared/domain';
import { INITIAL_BOT_STATE } from '../dialogue/state';
import { botTurn } from '../dialogue/turn';
import { KnowledgeIndex } from './knowledge-index';

const article = (id: string, title: string, body: string): KbArticle => ({
  id, lang: 'en', title, body, category: '', tags: [], questions: [], enabled: true, updatedAt: '2026-01-01T00:00:00.000Z',
});
const knowledge = new KnowledgeIndex<KbArticle>([
  article('returns', 'How do I return an item', 'Within 30 days from the returns page.'),
  article('shipping', 'When will my order ship', 'Within two working days.'),
]);
const turn = (message: string, semantic?: Map<string, number>) =>
  botTurn({ state: INITIAL_BOT_STATE, message, knowledge, rules: [], ...(semantic ? { semantic } : {}) });

describe('embedding similarities fused into retrieval', () => {
  it('answers a question with no shared words when the embeddings point at one article clearly', () => {
    expect(turn('parcel boomerang procedure?').action).toBe('miss');
    const answered = turn('parcel boomerang procedure?', new Map([['returns', 0.91], ['shipping', 0.4]]));
    expect(answered).toMatchObject({ action: 'answer', articleId: 'returns', handoffReason: null });
    expect(answered.replies.at(-1)).toBe('How do I return an item\n\nWithin 30 days from the returns page.');
  });

  it('does not answer from a weak similarity alone, and offers both when two are close', () => {
    expect(turn('parcel boomerang procedure?', new Map([['returns', 0.6]])).action).toBe('miss');
    const close = turn('parcel boomerang procedure?', new Map([['returns', 0.9], ['shipping', 0.88]]));
    expect(close.action).toBe('clarify');
    expect(close.state.pending?.articleIds).toEqual(['returns', 'shipping']);
  });

  it('raises an article the embeddings find, and never lowers one they leave out or rate low', () => {
    const plain = turn('How do I return an item?').confidence!;
    // "returns" is not among the nearest the provider named, "shipping" is, weakly.
    expect(turn('How do I return an item?', new Map([['shipping', 0.3]]))).toMatchObject({ action: 'answer', articleId: 'returns', confidence: plain });
    expect(turn('How do I return an item?', new Map([['returns', 0.1]])).confidence).toBe(plain);
  });

  it('never overrides a request for a person or a clear lexical answer', () => {
    expect(turn('agent', new Map([['returns', 0.99]]))).toMatchObject({ action: 'handoff', handoffReason: 'request' });
    expect(turn('When will my order ship?', new Map([['returns', 0.85], ['shipping', 0.5]]))).toMatchObject({ action: 'answer', articleId: 'shipping' });
  });
});
