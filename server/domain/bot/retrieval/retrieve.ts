import type { Lang } from '../../../../shared/domain';
import type { Analysis } from '../text/analyze';
import { bestFieldWeight, FIRST_QUESTION_BIT, LAST_BIT, type IndexableArticle } from './indexable-article';
import { BM25_FIELDS, type IndexedDoc, type KnowledgeIndex } from './knowledge-index';
import { EVIDENCE_FACTOR, positionWeight, SOUND_FACTOR, type PreparedQuery } from './query';

/** An article that may answer a query, with how sure retrieval is (0–1) and why. */
export type Candidate<A extends IndexableArticle = IndexableArticle> = {
  article: A;
  /** 0–1: how much of the query the article covers, how closely its best phrasing matches, and BM25F; fused with a semantic score when given. */
  confidence: number;
  coverage: number;
  phrasing: number;
  /** BM25F over title, questions, body and tags, as a share of what the query's terms could score (0–1). */
  bm25: number;
  /** The embedding similarity given for the article, if any. */
  semantic: number | null;
  /** Which phrasing matched best: -1 the title, 0… an alternative question. */
  bestPassage: number;
};

/**
 * How the lexical confidence is made: a share from coverage (how much of the query's weight the
 * article holds, each field weighted), a share from BM25F, the rest from the best-matching
 * phrasing (title or alternative question). Compared by hand on the shipped and calibration sets
 * with the thresholds re-calibrated for each (2026-12-07): 0.4/0.2 gave the most top-1 on both;
 * more BM25 (0.3/0.5, 0.25/0.6) ranked better (calibration rank-1 0.776–0.786 against 0.752) but
 * its confidence separated right from wrong worse (calibration top-1 0.667 and 0.659 against 0.689).
 */
export const CONFIDENCE_SHARES = { coverage: 0.4, bm25: 0.2 } as const;
/** BM25F: saturation, and per field its weight and length normalisation (title, questions, body, tags). */
const BM25 = { k1: 1.2, weight: [3, 3, 1, 2], b: [0.5, 0.6, 0.75, 0.3] } as const;
/**
 * Semantic fusion: with an embedding similarity `s` (0–1) for an article, its confidence is
 * `(1 - SEMANTIC_SHARE) * lexical + SEMANTIC_SHARE * s` when that is higher than `lexical`
 * (a similarity raises, never lowers); an article found only semantically
 * enters with lexical 0. Without semantic scores the confidence is purely lexical. The share is
 * not calibrated (no labelled set with embeddings yet): re-run the calibration with them.
 */
export const SEMANTIC_SHARE = 0.5;
/**
 * An article with no lexical evidence at all joins the candidates only at this similarity or
 * more: with nothing else to go on, the model must be nearly certain. Set high by hand, not
 * calibrated (as SEMANTIC_SHARE).
 */
export const SEMANTIC_ALONE = 0.8;
/** Articles compared phrasing by phrasing (the best by coverage). */
const SHORTLIST = 40;

/** Hits of one article, flat: the index of a query term, then the field bits it was found in, and so on. */
type Hits = number[];

/**
 * The articles that best answer `query`, best first. Only articles in `lang` when it is given.
 */
export type RetrieveOptions = {
  lang?: Lang | null;
  limit?: number;
  /** Article id → cosine similarity (0–1) of the query and the article, from an embedding model. */
  semantic?: ReadonlyMap<string, number>;
};

export function retrieve<A extends IndexableArticle>(index: KnowledgeIndex<A>, query: PreparedQuery, options: RetrieveOptions = {}): Candidate<A>[] {
  const semantic = options.semantic && options.semantic.size > 0 ? options.semantic : null;
  if (query.total <= 0 && !semantic) return [];
  const hits = new Map<IndexedDoc<A>, Hits>();
  const bm25 = new Map<IndexedDoc<A>, number>();
  const uses = new Map<string, number[]>();
  query.terms.forEach((t, i) => {
    const list = uses.get(t.term);
    if (list) list.push(i);
    else uses.set(t.term, [i]);
  });
  const averages = BM25_FIELDS.map((_, f) => index.averageLength(f));
  let bm25Max = 0;
  for (const [term, indexes] of uses) {
    const weight = index.idf(term) * Math.max(...indexes.map((i) => query.terms[i]!.factor));
    bm25Max += weight;
    index.forEachPosting(term, (doc, mask, counts) => {
      if (options.lang && doc.article.lang !== options.lang) return;
      const list = hits.get(doc);
      if (list) for (const i of indexes) list.push(i, mask);
      else hits.set(doc, indexes.flatMap((i) => [i, mask]));
      let tf = 0;
      for (let f = 0; f < counts.length; f++) {
        if (counts[f]! > 0) tf += (BM25.weight[f]! * counts[f]!) / (1 - BM25.b[f]! + (BM25.b[f]! * doc.lengths[f]!) / averages[f]!);
      }
      bm25.set(doc, (bm25.get(doc) ?? 0) + (weight * tf) / (BM25.k1 + tf));
    });
  }
  const scored: { doc: IndexedDoc<A>; coverage: number; bm25: number; list: Hits }[] = [];
  for (const [doc, list] of hits) {
    scored.push({ doc, coverage: coverageOf(query, list, () => true, bestFieldWeight), bm25: bm25Max > 0 ? (bm25.get(doc) ?? 0) / bm25Max : 0, list });
  }
  scored.sort((a, b) => b.coverage + b.bm25 - (a.coverage + a.bm25));
  const candidates: Candidate<A>[] = scored.slice(0, SHORTLIST).map(({ doc, coverage, bm25: bm, list }) => {
    const { phrasing, bestPassage } = bestPhrasing(index, query, doc, list);
    const lexical = CONFIDENCE_SHARES.coverage * coverage + CONFIDENCE_SHARES.bm25 * bm + (1 - CONFIDENCE_SHARES.coverage - CONFIDENCE_SHARES.bm25) * phrasing;
    return { article: doc.article, confidence: lexical, coverage, phrasing, bm25: bm, semantic: null, bestPassage };
  });
  if (semantic) fuseSemantic(index, candidates, semantic, options.lang ?? null);
  candidates.sort((a, b) => b.confidence - a.confidence || a.article.id.localeCompare(b.article.id));
  return candidates.slice(0, options.limit ?? 10);
}

/** Fuses embedding similarities into the candidates' confidence (see SEMANTIC_SHARE), adding articles found only by them (SEMANTIC_ALONE). */
function fuseSemantic<A extends IndexableArticle>(index: KnowledgeIndex<A>, candidates: Candidate<A>[], semantic: ReadonlyMap<string, number>, lang: Lang | null): void {
  const seen = new Set(candidates.map((c) => c.article.id));
  for (const [id] of semantic) {
    const article = index.article(id);
    if (seen.has(id) || !article || (lang && article.lang !== lang) || semantic.get(id)! < SEMANTIC_ALONE) continue;
    candidates.push({ article, confidence: 0, coverage: 0, phrasing: 0, bm25: 0, semantic: null, bestPassage: -1 });
  }
  for (const c of candidates) {
    const s = semantic.get(c.article.id);
    if (s === undefined) continue;
    const similarity = Math.min(1, Math.max(0, s));
    c.semantic = similarity;
    // Only ever raised: the provider names its nearest few articles, so a candidate outside them is
    // not known to be less similar, and lowering only those it names would rank them below it.
    c.confidence = Math.max(c.confidence, (1 - SEMANTIC_SHARE) * c.confidence + SEMANTIC_SHARE * similarity);
  }
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
