import type { Lang } from '../../../../shared/domain';
import type { Analysis } from '../text/analyze';
import { bestFieldWeight, FIRST_QUESTION_BIT, LAST_BIT, type IndexableArticle } from './indexable-article';
import type { IndexedDoc, KnowledgeIndex } from './knowledge-index';
import { EVIDENCE_FACTOR, positionWeight, SOUND_FACTOR, type PreparedQuery } from './query';

/** An article that may answer a query, with how sure retrieval is (0–1) and why. */
export type Candidate<A extends IndexableArticle = IndexableArticle> = {
  article: A;
  /** 0–1: how much of the query the article covers, blended with how closely its best phrasing matches. */
  confidence: number;
  coverage: number;
  phrasing: number;
  /** Which phrasing matched best: -1 the title, 0… an alternative question. */
  bestPassage: number;
};

/** How much of the confidence comes from coverage; the rest from the best-matching phrasing. */
const COVERAGE_SHARE = 0.5;
/** Articles compared phrasing by phrasing (the best by coverage). */
const SHORTLIST = 40;

/** Hits of one article, flat: the index of a query term, then the field bits it was found in, and so on. */
type Hits = number[];

/**
 * The articles that best answer `query`, best first. Only articles in `lang` when it is given.
 */
export function retrieve<A extends IndexableArticle>(
  index: KnowledgeIndex<A>,
  query: PreparedQuery,
  options: { lang?: Lang | null; limit?: number } = {},
): Candidate<A>[] {
  if (query.total <= 0) return [];
  const hits = new Map<IndexedDoc<A>, Hits>();
  query.terms.forEach((t, i) => {
    index.forEachPosting(t.term, (doc, mask) => {
      if (options.lang && doc.article.lang !== options.lang) return;
      const list = hits.get(doc);
      if (list) list.push(i, mask);
      else hits.set(doc, [i, mask]);
    });
  });
  const scored: { doc: IndexedDoc<A>; coverage: number; list: Hits }[] = [];
  for (const [doc, list] of hits) scored.push({ doc, coverage: coverageOf(query, list, () => true, bestFieldWeight), list });
  scored.sort((a, b) => b.coverage - a.coverage);
  const candidates = scored.slice(0, SHORTLIST).map(({ doc, coverage, list }) => {
    const { phrasing, bestPassage } = bestPhrasing(index, query, doc, list);
    const confidence = COVERAGE_SHARE * coverage + (1 - COVERAGE_SHARE) * phrasing;
    return { article: doc.article, confidence, coverage, phrasing, bestPassage };
  });
  candidates.sort((a, b) => b.confidence - a.confidence || a.article.id.localeCompare(b.article.id));
  return candidates.slice(0, options.limit ?? 10);
}

/** The share of the query's weight covered by hits (each position by its best hit). */
function coverageOf(query: PreparedQuery, list: Hits, keep: (mask: number) => boolean, fieldWeight: (mask: number) => number): number {
  const covered = new Float64Array(query.weights.length);
  for (let h = 0; h < list.length; h += 2) {
    const mask = list[h + 1]!;
    if (!keep(mask)) continue;
    const t = query.terms[list[h]!]!;
    const value = t.factor * fieldWeight(mask);
    for (let p = t.from; p < t.to; p++) if (value > covered[p]!) covered[p] = value;
  }
  let sum = 0;
  for (let p = 0; p < covered.length; p++) sum += covered[p]! * query.weights[p]!;
  return sum / query.total;
}

/**
 * How closely the query matches the article's closest phrasing (its title or one of its
 * questions): the harmonic mean of how much of the query the phrasing covers and how much of the
 * phrasing the query covers, so a long question that merely contains the query's words scores
 * lower than one that says the same thing.
 */
function bestPhrasing<A extends IndexableArticle>(index: KnowledgeIndex<A>, query: PreparedQuery, doc: IndexedDoc<A>, list: Hits): { phrasing: number; bestPassage: number } {
  let best = 0;
  let bestPassage = -1;
  doc.passages.forEach((passage, i) => {
    const bit = i === 0 ? 0 : Math.min(FIRST_QUESTION_BIT + i - 1, LAST_BIT);
    const forward = coverageOf(query, list, (mask) => (mask & (1 << bit)) !== 0, () => 1);
    if (forward === 0) return;
    const backward = passageCoverage(index, query, passage);
    const score = forward + backward > 0 ? (2 * forward * backward) / (forward + backward) : 0;
    if (score > best) {
      best = score;
      bestPassage = i - 1;
    }
  });
  return { phrasing: best, bestPassage };
}

/** The share of a passage's weight that the query's terms cover. */
function passageCoverage<A extends IndexableArticle>(index: KnowledgeIndex<A>, query: PreparedQuery, passage: Analysis): number {
  const covered = new Float64Array(passage.positions.length);
  for (const e of passage.evidence) {
    let value = (query.factors.get(e.term) ?? 0) > 0 ? EVIDENCE_FACTOR[e.kind] : 0;
    if (e.sound && query.factors.has(e.sound)) value = Math.max(value, EVIDENCE_FACTOR[e.kind] * SOUND_FACTOR);
    // A misspelt query word was looked up as this word: count it as the query's factor says.
    if (e.kind === 'word') value = Math.max(value, Math.min(query.factors.get(e.term) ?? 0, EVIDENCE_FACTOR.word));
    if (value === 0) continue;
    for (let p = e.from; p < e.to; p++) if (value > covered[p]!) covered[p] = value;
  }
  let sum = 0;
  let total = 0;
  passage.positions.forEach((position, p) => {
    const w = positionWeight(index, position.role, position.key);
    total += w;
    sum += covered[p]! * w;
  });
  return total > 0 ? sum / total : 0;
}
