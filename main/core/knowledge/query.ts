import { allStop, analyzeQuery, pairsOf, STOP_HAN, type QueryAnalysis } from '../../../shared/knowledge-search/analyzer';

/**
 * How the desktop cache finds the candidates of a query (pure); the query itself is taken apart by
 * the shared analyser (shared/knowledge-search/analyzer.ts), and candidates are ranked by the
 * shared ranking, so offline search orders as the server does.
 *
 * FTS5 with the trigram tokenizer answers words of two or more letters (as " word", the leading
 * space anchoring the word start) and Chinese runs of three or more characters (their overlapping
 * trigrams, OR'ed). Shorter terms (退款, 运费, one letter) cannot be answered by trigrams and go
 * through LIKE; so do the pairs of a long run when trigrams find too little ("我想退款" has no
 * trigram in common with "退款政策"). Where the lookups find every article holding a unit, the
 * order is the server's; they stop at a number of candidates each and skip those pairs when the
 * trigrams found enough, so on a large knowledge base the desktop may miss an article the server
 * ranks low: the price of answering in milliseconds offline.
 */

export type SearchPlan = QueryAnalysis & {
  /** FTS5 MATCH expression, or null when no term is long enough for trigrams. */
  match: string | null;
  /** LIKE patterns for terms too short for trigrams. */
  like: string[];
  /** LIKE patterns run when the MATCH found too few: the pairs of long Chinese runs (those without function characters first). */
  fallbackLike: string[];
};

/** Most pairs of long runs looked up by LIKE (each one is a scan term). */
const MAX_FALLBACK = 8;

const triplesOf = (run: string): string[] => {
  const chars = [...run];
  const triples: string[] = [];
  for (let i = 0; i + 2 < chars.length; i++) triples.push(chars[i]! + chars[i + 1]! + chars[i + 2]!);
  return triples;
};

/** Takes a query apart (the shared analyser) and says how to look its candidates up in SQLite. */
export function planSearch(query: string): SearchPlan {
  const analysis = analyzeQuery(query);
  const keptPairs = new Set(analysis.units.filter((u) => u.kind === 'han').map((u) => u.text));
  const matchTerms = new Set<string>();
  const like = new Set<string>();
  const fallbackLike = new Set<string>();
  for (const unit of analysis.units) {
    if (unit.kind !== 'word') continue;
    if (unit.text.length >= 2) matchTerms.add(` ${unit.text}`);
    else like.add(`% ${unit.text}%`);
  }
  for (const run of analysis.runs) {
    if ([...run].length <= 2) {
      if (keptPairs.has(run)) like.add(`%${run}%`);
      continue;
    }
    for (const triple of triplesOf(run)) if (!analysis.hasTopic || !allStop(triple)) matchTerms.add(triple);
    for (const pair of pairsOf(run)) if (keptPairs.has(pair)) fallbackLike.add(`%${pair}%`);
  }
  return {
    ...analysis,
    match: matchTerms.size > 0 ? [...matchTerms].map((t) => `"${t}"`).join(' OR ') : null,
    like: [...like],
    fallbackLike: [...fallbackLike]
      .map((pattern, i) => ({ pattern, i, stops: [...pattern].filter((c) => STOP_HAN.has(c)).length }))
      .sort((a, b) => a.stops - b.stops || a.i - b.i)
      .slice(0, MAX_FALLBACK)
      .map((p) => p.pattern),
  };
}
