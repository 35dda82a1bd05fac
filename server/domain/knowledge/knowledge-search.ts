import type { KbArticle, Lang } from '../../../shared/domain';
import type { KbSearchHit } from '../../../shared/knowledge';
import { highlight, markerOf, snippet } from '../bot/retrieval/highlight';
import type { KnowledgeIndex } from '../bot/retrieval/knowledge-index';
import { prepareQuery } from '../bot/retrieval/query';
import { retrieve } from '../bot/retrieval/retrieve';
import { detectLanguage } from '../bot/text/language';

/**
 * Knowledge search for agents: the same retrieval the bot answers with (Chinese and English,
 * mixed, misspelt, one or two Chinese characters), ranked, with the title and the best passage of
 * the body highlighted. Both languages unless `lang` is given.
 */
export function searchKnowledge(index: KnowledgeIndex<KbArticle>, q: string, options: { lang?: Lang; limit: number }): KbSearchHit[] {
  const query = prepareQuery(index, q, detectLanguage(q));
  const marker = markerOf(query);
  return retrieve(index, query, { lang: options.lang ?? null, limit: options.limit })
    .filter((c) => c.confidence > 0)
    .map((c) => ({
      article: c.article,
      score: Math.min(1, Math.round(c.confidence * 1000) / 1000),
      title: highlight(c.article.title, marker),
      snippet: snippet(c.article.body, marker),
    }));
}
