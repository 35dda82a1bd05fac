import { describe, expect, it } from 'vitest';
import type { QuestionSuggestion } from '../../../../shared/bot-learning';
import { draftFromQuestion, suggestionsByArticle } from './learning-logic';

const suggestion = (id: string, articleId: string, count: number): QuestionSuggestion => ({
  id, articleId, articleTitle: `title ${articleId}`, question: `q ${id}`, count, sources: ['customer_pick'], status: 'suggested', lastSeenAt: '2026-01-01T00:00:00.000Z',
});

describe('learning screen logic', () => {
  it('lists suggestions per article, the article with the most seen suggestion first', () => {
    const groups = suggestionsByArticle([suggestion('1', 'b', 5), suggestion('2', 'a', 3), suggestion('3', 'b', 1)]);
    expect(groups.map((g) => [g.articleId, g.items.map((i) => i.id)])).toEqual([['b', ['1', '3']], ['a', ['2']]]);
  });

  it('starts a new article from a question in its language, with the question as title and alternative question', () => {
    expect(draftFromQuestion(' 你们招客服吗 ', 'en')).toMatchObject({ id: null, lang: 'zh', title: '你们招客服吗', questions: ['你们招客服吗'], body: '' });
    expect(draftFromQuestion('Do you ship to Canada?', 'zh')).toMatchObject({ lang: 'en', title: 'Do you ship to Canada?' });
    expect(draftFromQuestion('123', 'zh').lang).toBe('zh');
  });
});
