import type { SearchPlan, SearchUnit } from './query';

/** A candidate's text in index form (shared/text/index-form.ts). */
export type IndexedText = { title: string; questions: string; body: string };

/** Where a unit was found: title and alternative questions count fully, the body half. */
const HEAD = 1;
const BODY = 0.5;
/** Share of the score given for holding the whole query, as typed, in the title or a question. */
const PHRASE = 0.15;

/** Whether a field in index form holds a unit: a word stem at a word start, or the characters anywhere. */
export function holds(field: string, unit: SearchUnit): boolean {
  return field.includes(unit.kind === 'word' ? ` ${unit.text}` : unit.text);
}

/**
 * How well a candidate answers the plan, 0–1: the weighted share of the query's units it holds
 * (in the title or questions fully, in the body half), plus a bonus when the title or a question
 * holds the whole query. 0 means it holds none of them.
 */
export function scoreCandidate(plan: SearchPlan, doc: IndexedText): number {
  let total = 0;
  let found = 0;
  for (const unit of plan.units) {
    total += unit.weight;
    if (holds(doc.title, unit) || holds(doc.questions, unit)) found += unit.weight * HEAD;
    else if (holds(doc.body, unit)) found += unit.weight * BODY;
  }
  if (total === 0 || found === 0) return 0;
  const phrase = plan.phrase !== '' && (doc.title.includes(plan.phrase) || doc.questions.includes(plan.phrase)) ? 1 : 0;
  return Math.min(1, (1 - PHRASE) * (found / total) + PHRASE * phrase);
}

export type RankedCandidate = { id: number; score: number; bm25: number | null; titleLength: number };

/** Best first: higher score, then FTS5's bm25 (lower is better; LIKE-only finds come after), then the shorter title. */
export function compareCandidates(a: RankedCandidate, b: RankedCandidate): number {
  if (a.score !== b.score) return b.score - a.score;
  const ra = a.bm25 ?? Number.POSITIVE_INFINITY;
  const rb = b.bm25 ?? Number.POSITIVE_INFINITY;
  if (ra !== rb) return ra < rb ? -1 : 1;
  if (a.titleLength !== b.titleLength) return a.titleLength - b.titleLength;
  return a.id - b.id;
}
