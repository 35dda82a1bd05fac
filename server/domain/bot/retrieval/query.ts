import type { Lang } from '../../../../shared/domain';
import { analyze, type Analysis, type EvidenceKind } from '../text/analyze';
import { botForm } from '../text/bot-form';
import { glossesOf } from '../text/dictionary';
import type { IndexableArticle } from './indexable-article';
import type { KnowledgeIndex } from './knowledge-index';

type AnyIndex = KnowledgeIndex<IndexableArticle>;

/** How strongly each kind of evidence says two texts mean the same. */
export const EVIDENCE_FACTOR: Record<EvidenceKind, number> = {
  hanword: 1,
  bigram: 1,
  word: 1,
  concept: 0.9,
  'lone-char': 0.7,
  char: 0.3,
};
/*
 * The factors below are set by hand, not calibrated: they order kinds of evidence (an exact word
 * over one that only sounds right, over a typo, over pinyin initials); the thresholds in
 * dialogue/policy.ts were calibrated with them in place.
 */
/** A character pair that only sounds like the right one ("退获" for "退货"). */
export const SOUND_FACTOR = 0.8;
/** A misspelt word ("refnud" for "refund"). */
export const TYPO_FACTOR = 0.75;
/** Pinyin typed for a Chinese word of the knowledge base ("tuikuan" for 退款). */
export const PINYIN_FACTOR = 0.8;
/** Pinyin initials typed for a Chinese word of the knowledge base ("hb" for 红包): often ambiguous. */
export const INITIALS_FACTOR = 0.7;
/** A Chinese word whose sound is one letter from a word of the knowledge base ("优惠卷", "youhuijuan"). */
export const NEAR_SOUND_FACTOR = 0.7;
/** A word that the knowledge base's own phrasings use together with a word of the query. */
export const EXPANSION_FACTOR = 0.6;
/** How strongly two words must go together in the articles' phrasings to stand in for each other (Jaccard). */
export const EXPANSION_MIN_SHARE = 0.5;
/**
 * A word read through the dictionary (text/dictionary.ts): an English word as a Chinese word of
 * the knowledge base, a Chinese word as an English one; times the meaning's own weight. This is
 * how a question finds an article written in the other language. Set by hand like PINYIN_FACTOR
 * (a translation is about as sure as pinyin typed for a word), not calibrated. Reading a Chinese
 * word the knowledge base lacks as one of its Chinese words with the same English meaning
 * (退钱 → refund → 退款) was tried and left out: on the calibration set zh top-1 0.702 against
 * 0.696 without it, on the shipped set 0.804 against 0.818.
 */
export const DICTIONARY_FACTOR = 0.8;
/** At most this many words of the knowledge base are read for one word through the dictionary. */
const DICTIONARY_WORDS = 3;
/** Near sounds are looked for only for Chinese words at least this long: short ones collide too often. */
const NEAR_SOUND_MIN_CHARS = 3;
/** A Latin token this short, without a vowel, may be pinyin initials ("hb", "yfx", "wl"). */
const INITIALS_LENGTH = { min: 2, max: 4 } as const;
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
  const unknown = index.idf('\u0000unknown');
  const known = (term: string) => index.idf(term) < unknown;
  /** Weighs positions as the knowledge base's word they were read as. */
  const rekey = (from: number, to: number, word: string) => {
    for (let k = from; k < to; k++) keys[k] = word;
  };
  for (const e of analysis.evidence) {
    const base = EVIDENCE_FACTOR[e.kind];
    const from = e.from + offset;
    const to = e.to + offset;
    terms.push({ term: e.term, factor: base, from, to });
    if (e.sound) terms.push({ term: e.sound, factor: base * SOUND_FACTOR, from, to });
    if (e.kind === 'hanword' && !known(e.term) && e.sound) {
      // A Chinese word the knowledge base does not use: perhaps one of its words mistyped by sound.
      const same = index.wordsFor(e.sound);
      if (same[0]) rekey(e.from, e.to, same[0]);
      else if (e.to - e.from >= NEAR_SOUND_MIN_CHARS) {
        for (const near of index.similarWords(e.sound.slice(2), 'y').slice(0, 2)) {
          terms.push({ term: `y:${near}`, factor: NEAR_SOUND_FACTOR, from, to });
          const word = index.wordsFor(`y:${near}`)[0];
          if (word) rekey(e.from, e.to, word);
        }
      }
    }
    if (e.kind === 'word' && !known(e.term)) {
      // Not a word of the knowledge base: a misspelt one that is, or Chinese typed as pinyin.
      const typed = e.term.slice(2);
      const near = index.similarWords(typed).slice(0, 3);
      for (const word of near) terms.push({ term: `w:${word}`, factor: TYPO_FACTOR, from, to });
      if (near[0]) keys[e.from] = `w:${near[0]}`;
      const raw = analysis.positions[e.from]?.raw ?? typed;
      const asPinyin = index.wordsFor(`y:${raw}`);
      if (asPinyin[0]) {
        terms.push({ term: `y:${raw}`, factor: PINYIN_FACTOR, from, to });
        if (!near[0]) rekey(e.from, e.to, asPinyin[0]);
      } else if (raw.length >= INITIALS_LENGTH.min && raw.length <= INITIALS_LENGTH.max && !/[aeiou]/.test(raw)) {
        const words = index.wordsFor(`i:${raw}`);
        if (words[0]) {
          terms.push({ term: `i:${raw}`, factor: INITIALS_FACTOR, from, to });
          if (!near[0]) rekey(e.from, e.to, words[0]);
        }
      }
    }
    if (e.kind === 'word') {
      for (const b of index.chineseWordsMeaning(e.term.slice(2)).slice(0, DICTIONARY_WORDS)) {
        terms.push({ term: b.term, factor: DICTIONARY_FACTOR * b.weight, from, to });
      }
    }
    if (e.kind === 'hanword') {
      for (const m of englishMeanings(index, e.term, known)) terms.push({ term: m.term, factor: DICTIONARY_FACTOR * m.weight, from, to });
    }
    if ((e.kind === 'hanword' || e.kind === 'word') && known(e.term)) {
      for (const related of index.relatedTerms(e.term, EXPANSION_MIN_SHARE, 2)) {
        terms.push({ term: related.term, factor: EXPANSION_FACTOR * related.share, from, to });
      }
    }
  }
  const weights = analysis.positions.map((p, i) => scale * positionWeight(index, p.role, keys[i]!));
  return { terms, weights };
}

/** The English words of the knowledge base among a Chinese word's dictionary meanings, strongest first. */
function englishMeanings(index: AnyIndex, term: string, known: (term: string) => boolean): { term: string; weight: number }[] {
  return glossesOf(term.slice(2))
    .filter((g) => known(`w:${g.stem}`))
    .slice(0, DICTIONARY_WORDS)
    .map((g) => ({ term: `w:${g.stem}`, weight: g.weight }));
}

/** The weight of one position of a text, in the index's terms. */
export function positionWeight(index: AnyIndex, role: 'content' | 'function' | 'none', key: string): number {
  if (role === 'none') return 0;
  if (role === 'function') return FUNCTION_WEIGHT;
  return index.idf(key);
}
