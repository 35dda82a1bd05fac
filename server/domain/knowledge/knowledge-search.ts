import type { KbArticle, Lang } from '../../../shared/domain';
import type { KbSearchHit } from '../../../shared/knowledge';
import { analyzeArticle, analyzeQuery, type ArticleText } from '../../../shared/knowledge-search/analyzer';
import { rankArticles } from '../../../shared/knowledge-search/rank';
import { searchHit } from '../../../shared/knowledge-search/search-hit';
import type { KnowledgeIndex } from '../bot/retrieval/knowledge-index';

/** Each article's text in index form, computed once per stored article (a changed article is a new object). */
const texts = new WeakMap<KbArticle, ArticleText>();

function textOf(article: KbArticle): ArticleText {
  let text = texts.get(article);
  if (!text) texts.set(article, (text = analyzeArticle(article)));
  return text;
}

/**
 * Knowledge search for agents (`GET /api/kb/search`, `kb:search`): the shared analyser and ranking
 * (shared/knowledge-search/) over every searchable article, so an agent offline, searching the
 * desktop cache, gets the same order; the title and the best passage highlighted. Both languages
 * unless `lang` is given. The bot answers customers with its own retrieval over the same index.
 */
export function searchKnowledge(index: KnowledgeIndex<KbArticle>, q: string, options: { lang?: Lang; limit: number }): KbSearchHit[] {
  const query = analyzeQuery(q);
  if (query.units.length === 0) return [];
  const candidates: { id: string; text: ArticleText; article: KbArticle }[] = [];
  for (const article of index.articles()) {
    if (article.enabled === false || (options.lang && article.lang !== options.lang)) continue;
    candidates.push({ id: article.id, text: textOf(article), article });
  }
  return rankArticles(query, candidates, options.limit).map((r) => searchHit(r.candidate.article, r.candidate.text, query, r.score));
}
