import type { Lang } from '../../../../shared/domain';
import { analyze, type Analysis, type EvidenceKind } from '../text/analyze';
import { botForm } from '../text/bot-form';
import type { IndexableArticle } from './indexable-article';
import type { KnowledgeIndex } from './knowledge-index';

type AnyIndex = KnowledgeIndex<IndexableArticle>;

/** How strongly each kind of evidence says two texts mean the same. */
export const EVIDENCE_FACTOR: Record<EvidenceKind, number> = {
  bigram: 1,
  word: 1,
  concept: 0.9,
  'lone-char': 0.7,
  char: 0.3,
};
/** A character pair that only sounds like the right one ("退获" for "退货"). */
export const SOUND_FACTOR = 0.8;
/** A misspelt word ("refnud" for "refund"). */
export const TYPO_FACTOR = 0.75;
/** A function character ("的", "吗") counts this much, whatever its rarity. */
export const FUNCTION_WEIGHT = 0.3;

/** One term to look up for a query, which query positions it covers, and how much a hit counts. */
export type QueryTerm = { term: string; factor: number; from: number; to: number };

/** A query ready for the index: its terms, and the weight of each of its positions. */
export type PreparedQuery = {
  text: string;
  lang: Lang | null;
  terms: QueryTerm[];
  weights: number[];
  total: number;
  /** Every term with its best factor, for reading a passage's side of a match. */
  factors: Map<string, number>;
};

/**
 * Analyses a customer's text against an index: misspelt words get their likely intended words as
 * extra terms, and every position is weighted by how rare it is in the knowledge base (a word
 * the knowledge base never uses weighs most: the query is about something it may not cover).
 * `extra` (a previous question, for follow-ups) adds its terms at `extraWeight` of their weight.
 */
export function prepareQuery(index: AnyIndex, text: string, lang: Lang | null, extra?: { text: string; weight: number }): PreparedQuery {
  const main = analyze(botForm(text), { sounds: true });
  const prepared = fromAnalysis(index, main, 1, 0);
  if (extra && extra.text.trim()) {
    const more = fromAnalysis(index, analyze(botForm(extra.text), { sounds: true }), extra.weight, prepared.weights.length);
    prepared.terms.push(...more.terms);
    prepared.weights.push(...more.weights);
  }
  const factors = new Map<string, number>();
  for (const t of prepared.terms) factors.set(t.term, Math.max(factors.get(t.term) ?? 0, t.factor));
  return { text, lang, terms: prepared.terms, weights: prepared.weights, total: prepared.weights.reduce((a, b) => a + b, 0), factors };
}

function fromAnalysis(index: AnyIndex, analysis: Analysis, scale: number, offset: number): { terms: QueryTerm[]; weights: number[] } {
  const keys = analysis.positions.map((p) => p.key);
  const terms: QueryTerm[] = [];
  for (const e of analysis.evidence) {
    const base = EVIDENCE_FACTOR[e.kind];
    const from = e.from + offset;
    const to = e.to + offset;
    terms.push({ term: e.term, factor: base, from, to });
    if (e.sound) terms.push({ term: e.sound, factor: base * SOUND_FACTOR, from, to });
    if (e.kind === 'word' && index.idf(e.term) >= index.idf('\u0000unknown')) {
      // Not a word of the knowledge base: perhaps a misspelt one that is.
      const near = index.similarWords(e.term.slice(2)).slice(0, 3);
      for (const word of near) terms.push({ term: `w:${word}`, factor: TYPO_FACTOR, from, to });
      if (near[0]) keys[e.from] = `w:${near[0]}`;
    }
  }
  const weights = analysis.positions.map((p, i) => scale * positionWeight(index, p.role, keys[i]!));
  return { terms, weights };
}

/** The weight of one position of a text, in the index's terms. */
export function positionWeight(index: AnyIndex, role: 'content' | 'function' | 'none', key: string): number {
  if (role === 'none') return 0;
  if (role === 'function') return FUNCTION_WEIGHT;
  return index.idf(key);
}
