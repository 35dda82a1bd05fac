import type { QuestionSuggestion } from '../../../../shared/bot-learning';
import type { Lang } from '../../../../shared/domain';
import type { ArticleDraft } from './kb-admin-logic';

/** The periods the unanswered list covers, in days. */
export const UNANSWERED_PERIODS = [7, 30, 90] as const;
export type UnansweredPeriod = (typeof UNANSWERED_PERIODS)[number];

export type ArticleSuggestions = { articleId: string; articleTitle: string; items: QuestionSuggestion[] };

/**
 * Suggested questions per article, in the order they came (most often seen first): the article
 * whose best suggestion was seen most comes first, each article's suggestions in their own order.
 */
export function suggestionsByArticle(suggestions: readonly QuestionSuggestion[]): ArticleSuggestions[] {
  const groups = new Map<string, ArticleSuggestions>();
  for (const s of suggestions) {
    let group = groups.get(s.articleId);
    if (!group) {
      group = { articleId: s.articleId, articleTitle: s.articleTitle, items: [] };
      groups.set(s.articleId, group);
    }
    group.items.push(s);
  }
  return [...groups.values()];
}

/** A new article's draft from a question customers asked: the question as its title and as its first alternative question. */
export function draftFromQuestion(question: string, lang: Lang): ArticleDraft {
  const text = question.trim().slice(0, 200);
  const chinese = /[\u3400-\u9fff]/u.test(text);
  return { id: null, lang: chinese ? 'zh' : /[a-z]/i.test(text) ? 'en' : lang, title: text, body: '', category: '', tags: '', questions: [text], enabled: true };
}
