import type { KbArticle } from '../domain';
import type { KbSearchHit } from '../knowledge';
import { markdownToPlainText } from '../markdown';
import { indexForm } from '../text/index-form';
import type { ArticleText, QueryAnalysis } from './analyzer';
import { highlight, snippet } from './highlight';
import { holds } from './rank';

/**
 * One hit as agents see it, online and offline alike: the article, its score rounded to three
 * places, its title with the matches marked, and its best passage.
 */
export function searchHit(article: KbArticle, text: ArticleText, query: QueryAnalysis, score: number): KbSearchHit {
  return {
    article,
    score: Math.min(1, Math.round(score * 1000) / 1000),
    title: highlight(article.title, query.units),
    snippet: bestPassage(article, text, query),
  };
}

/** The body's best passage; an alternative question instead when one holds more of the query than the body. */
function bestPassage(article: KbArticle, text: ArticleText, query: QueryAnalysis) {
  const held = (field: string) => query.units.filter((u) => holds(field, u)).length;
  let best: { question: string; count: number } | null = null;
  for (const question of article.questions) {
    const count = held(indexForm(question));
    if (count > (best?.count ?? 0)) best = { question, count };
  }
  if (best && best.count > held(text.body)) return snippet(best.question, query.units);
  return snippet(markdownToPlainText(article.body), query.units);
}
