import type { Lang } from '../../../../shared/domain';
import type { IndexableArticle } from './indexable-article';
import type { KnowledgeIndex } from './knowledge-index';
import { prepareQuery } from './query';
import { retrieve, type Candidate } from './retrieve';

/**
 * A clause's match counts this much of a whole-message match: a long message may bury its
 * question in one clause, but a clause is only part of what the customer said. Set by hand, not
 * calibrated (the thresholds were calibrated with it in place).
 */
export const CLAUSE_FACTOR = 0.9;
/** Clauses are read separately only in messages with at least this many characters. */
const LONG_MESSAGE = 12;
/** Where a chat message divides into clauses: sentence and clause punctuation, line breaks, spaces between Chinese. */
const CLAUSE_BREAK = /[。！？!?；;，,、…~～\n]+|(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])|\s+-\s+|\.\s+/u;

export type FindOptions = {
  lang: Lang | null;
  limit?: number;
  /** A previous question read with this one at `weight` (a follow-up). */
  extra?: { text: string; weight: number };
  /** Article id → embedding similarity (0–1), fused with the lexical confidence (see retrieve.ts). */
  semantic?: ReadonlyMap<string, number>;
};

/**
 * The articles that best answer a customer's message, best first: the whole message, and for a
 * long one each of its clauses (at CLAUSE_FACTOR), each article at its best reading.
 */
export function findArticles<A extends IndexableArticle>(index: KnowledgeIndex<A>, message: string, options: FindOptions): Candidate<A>[] {
  const limit = options.limit ?? 5;
  const lang = options.lang;
  const whole = retrieve(index, prepareQuery(index, message, lang, options.extra), { lang, limit: limit * 2, semantic: options.semantic });
  const clauses = clausesOf(message);
  if (clauses.length < 2) return whole.slice(0, limit);
  const best = new Map<string, Candidate<A>>(whole.map((c) => [c.article.id, c]));
  for (const clause of clauses) {
    for (const c of retrieve(index, prepareQuery(index, clause, lang), { lang, limit, semantic: options.semantic })) {
      const confidence = c.confidence * CLAUSE_FACTOR;
      const had = best.get(c.article.id);
      if (!had || had.confidence < confidence) best.set(c.article.id, { ...c, confidence });
    }
  }
  return [...best.values()].sort((a, b) => b.confidence - a.confidence || a.article.id.localeCompare(b.article.id)).slice(0, limit);
}

/** The clauses of a long message (each with something to read), or [] for a short one. */
export function clausesOf(message: string): string[] {
  if ([...message].length < LONG_MESSAGE) return [];
  return message
    .split(CLAUSE_BREAK)
    .map((c) => c.trim())
    .filter((c) => /[\u3400-\u9fff]{2}|[a-z]{3}/iu.test(c));
}
