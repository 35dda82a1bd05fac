import type { KbArticle, Lang } from '../../../shared/domain';
import type { KbSearchHit } from '../../../shared/knowledge';
import { analyzeArticle, analyzeQuery } from '../../../shared/knowledge-search/analyzer';
import { CandidateIndex } from '../../../shared/knowledge-search/candidate-index';
import { rankArticles } from '../../../shared/knowledge-search/rank';
import { searchHit } from '../../../shared/knowledge-search/search-hit';
import type { KnowledgeIndex } from '../bot/retrieval/knowledge-index';

/** The agents' search view of a knowledge index, brought in step when the index changed. */
type View = { revision: number; articles: Map<string, KbArticle>; candidates: CandidateIndex<KbArticle> };

const views = new WeakMap<KnowledgeIndex<KbArticle>, View>();

function viewOf(index: KnowledgeIndex<KbArticle>): View {
  let view = views.get(index);
  if (!view) views.set(index, (view = { revision: -1, articles: new Map(), candidates: new CandidateIndex() }));
  if (view.revision === index.revision) return view;
  // Stored articles are replaced, never changed in place: a different object is a changed article.
  const current = new Map<string, KbArticle>();
  for (const article of index.articles()) if (article.enabled !== false) current.set(article.id, article);
  for (const id of view.articles.keys()) if (!current.has(id)) view.candidates.remove(id);
  for (const [id, article] of current) if (view.articles.get(id) !== article) view.candidates.put(id, article, analyzeArticle(article));
  view.articles = current;
  view.revision = index.revision;
  return view;
}

/**
 * Knowledge search for agents (`GET /api/kb/search`, `kb:search`): the shared analyser and ranking
 * (shared/knowledge-search/), so an agent offline, searching the desktop cache, gets the same
 * order; the title and the best passage highlighted. Both languages unless `lang` is given. The bot
 * answers customers with its own retrieval over the same index.
 */
export function searchKnowledge(index: KnowledgeIndex<KbArticle>, q: string, options: { lang?: Lang; limit: number }): KbSearchHit[] {
  const query = analyzeQuery(q);
  if (query.units.length === 0) return [];
  const candidates = viewOf(index)
    .candidates.candidates(query)
    .filter(({ item }) => !options.lang || item.lang === options.lang)
    .map(({ item, text, held }) => ({ id: item.id, text, held, article: item }));
  return rankArticles(query, candidates, options.limit).map((r) => searchHit(r.candidate.article, r.candidate.text, query, r.score));
}
