import type { ArticleText, QueryAnalysis, SearchUnit } from './analyzer';

/**
 * The one ranking of knowledge search, online and offline: the server scores every searchable
 * article with it, the desktop the candidates its FTS5 and LIKE lookups bring; both order by
 * `compareRanked`, so the same articles and query give the same order in both places.
 */

/** Where a unit was found: title and alternative questions count fully, the body half. */
const HEAD = 1;
const BODY = 0.5;
/** Share of the score given for holding the whole query, as typed, in the title or a question. */
const PHRASE = 0.15;
/** How much more an occurrence counts in the title and in a question than in the body (bm25's column weights before). */
const STRENGTH_WEIGHT = { title: 4, questions: 3, body: 1 } as const;
/** Characters of text that halve the weight of an occurrence: a short article holding the query says more. */
const STRENGTH_LENGTH = 1000;

/** Whether a field in index form holds a unit: a word stem at a word start, or the characters anywhere. */
export function holds(field: string, unit: SearchUnit): boolean {
  return field.includes(needle(unit));
}

const needle = (unit: SearchUnit) => (unit.kind === 'word' ? ` ${unit.text}` : unit.text);

function occurrences(field: string, text: string): number {
  let n = 0;
  for (let at = field.indexOf(text); at !== -1; at = field.indexOf(text, at + text.length)) n++;
  return n;
}

/** Where an article holds a unit: 0 nowhere, 1 only in the body, 2 in the title or a question. */
export type Held = 0 | 1 | 2;

/** Where `doc` holds `unit`. */
export function heldIn(doc: ArticleText, unit: SearchUnit): Held {
  if (holds(doc.title, unit) || holds(doc.questions, unit)) return 2;
  return holds(doc.body, unit) ? 1 : 0;
}

/**
 * How well an article answers the query, 0–1, from where it holds each unit (`held[i]` for
 * `query.units[i]`): the weighted share of the units it holds (in the title or questions fully, in
 * the body half), plus a bonus when the title or a question holds the whole query. 0 means it
 * holds none of them.
 */
export function scoreHeld(query: QueryAnalysis, held: ArrayLike<Held>, doc: ArticleText): number {
  let total = 0;
  let found = 0;
  query.units.forEach((unit, i) => {
    total += unit.weight;
    if (held[i] === 2) found += unit.weight * HEAD;
    else if (held[i] === 1) found += unit.weight * BODY;
  });
  if (total === 0 || found === 0) return 0;
  const phrase = query.phrase !== '' && (doc.title.includes(query.phrase) || doc.questions.includes(query.phrase)) ? 1 : 0;
  return Math.min(1, (1 - PHRASE) * (found / total) + PHRASE * phrase);
}

/** `scoreHeld` reading where the units are from the article's text. */
export function scoreArticle(query: QueryAnalysis, doc: ArticleText): number {
  return scoreHeld(query, query.units.map((unit) => heldIn(doc, unit)), doc);
}

/**
 * Orders articles of equal score: how often the query's units occur, weighted by field, in a
 * shorter article more (bm25's idea, without statistics of the whole collection, which the
 * desktop's candidates do not have).
 */
export function strengthOf(query: QueryAnalysis, doc: ArticleText): number {
  let sum = 0;
  for (const unit of query.units) {
    const text = needle(unit);
    sum +=
      unit.weight *
      (STRENGTH_WEIGHT.title * occurrences(doc.title, text) +
        STRENGTH_WEIGHT.questions * occurrences(doc.questions, text) +
        STRENGTH_WEIGHT.body * occurrences(doc.body, text));
  }
  const length = doc.title.length + doc.questions.length + doc.body.length;
  return sum / (1 + length / STRENGTH_LENGTH);
}

/** An article as ranked: its id, score (0–1) and what breaks ties. */
export type RankedArticle = { id: string; score: number; strength: number; titleLength: number };

/** Best first: higher score, then more strength, then the shorter title, then the article id. */
export function compareRanked(a: RankedArticle, b: RankedArticle): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.strength !== b.strength) return b.strength - a.strength;
  if (a.titleLength !== b.titleLength) return a.titleLength - b.titleLength;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The articles among `candidates` that hold any of the query, best first, at most `limit`. A
 * candidate may say where it holds each unit (`held`, from an index); otherwise its text is read.
 */
export function rankArticles<C extends { id: string; text: ArticleText; held?: ArrayLike<Held> }>(
  query: QueryAnalysis,
  candidates: Iterable<C>,
  limit: number,
): (RankedArticle & { candidate: C })[] {
  const scored: { candidate: C; score: number }[] = [];
  for (const candidate of candidates) {
    const score = candidate.held ? scoreHeld(query, candidate.held, candidate.text) : scoreArticle(query, candidate.text);
    if (score > 0) scored.push({ candidate, score });
  }
  if (scored.length === 0 || limit <= 0) return [];
  // Only the articles that can reach the first `limit` need their ties broken.
  const floor = scored.length <= limit ? 0 : [...scored].sort((a, b) => b.score - a.score)[limit - 1]!.score;
  const ranked: (RankedArticle & { candidate: C })[] = [];
  for (const { candidate, score } of scored) {
    if (score < floor) continue;
    ranked.push({ id: candidate.id, score, strength: strengthOf(query, candidate.text), titleLength: candidate.text.title.length, candidate });
  }
  ranked.sort(compareRanked);
  return ranked.slice(0, limit);
}
