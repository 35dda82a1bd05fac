import { indexForm, isCjk } from '../../../shared/text/index-form';

/**
 * Knowledge search queries, taken apart (pure). A query is folded like the index (shared/text/index-form.ts)
 * and cut into terms: words of scripts written with spaces, and runs of Chinese characters.
 *
 * - Words match at the start of a word, by a light stem ("refunds", "refunded" → "refund"), so
 *   "ship" finds "shipping" but not "relationship".
 * - Chinese runs are compared by their character pairs: "退款流程" covers 退款, 款流, 流程.
 *
 * How candidates are found in SQLite: FTS5 with the trigram tokenizer answers words of two or more
 * letters (as " word", the leading space anchoring the word start) and Chinese runs of three or
 * more characters (their overlapping trigrams, OR'ed). Shorter terms (退款, 运费, one letter) cannot
 * be answered by trigrams and go through LIKE; so do the pairs of a long run when trigrams find
 * too little ("我想退款" has no trigram in common with "退款政策").
 */

/** What a document is scored and highlighted by: a word stem or a Chinese pair (or single character). */
export type SearchUnit = { kind: 'word' | 'han'; text: string; weight: number };

export type SearchPlan = {
  units: SearchUnit[];
  /** FTS5 MATCH expression, or null when no term is long enough for trigrams. */
  match: string | null;
  /** LIKE patterns always run (terms too short for trigrams). */
  like: string[];
  /** LIKE patterns run when the MATCH found too few (the pairs of long Chinese runs). */
  fallbackLike: string[];
  /** The whole query in index form: a title holding it gets a bonus. */
  phrase: string;
};

/** Longest query taken apart, in characters, and most terms used. */
const MAX_QUERY = 500;
const MAX_TERMS = 32;
/** Most pairs of long runs looked up by LIKE (each one is a scan term); those without function characters first. */
const MAX_FALLBACK = 8;

const STOP_WORDS = new Set(
  ('a an the and or but of to in on at for from by with about as is are was were be been am do does did ' +
    'i me my we our you your he she it its they them their this that these those there here ' +
    'what when where which who how why can could would should will shall may might must ' +
    'have has had not no yes please hi hello hey thanks thank ok okay so just any some get got want')
    .split(' '),
);

/** Characters that carry no topic alone (a pair of two of them is skipped: 我的, 什么, 还没). */
const STOP_HAN = new Set([...'的了吗呢吧啊呀哦嗯么我你您他她它们是在有和与就都也还要这那个一不没很请好什怎可以能会到给把被让吧']);

/** Strips common English endings so one stem finds every form: refunds/refunded/refunding → refund. */
export function lightStem(word: string): string {
  if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;
  const rules: [RegExp, string][] = [
    [/ies$/, ''],
    [/ation$/, ''],
    [/ing$/, ''],
    [/ed$/, ''],
    [/es$/, ''],
    [/(?<!s)s$/, ''],
    [/y$/, ''],
  ];
  for (const [ending, replace] of rules) {
    const stemmed = word.replace(ending, replace);
    if (stemmed === word) continue;
    if (stemmed.length < 3) return word;
    // shipp → ship, cancell → cancel
    return /([b-df-hj-np-tv-z])\1$/.test(stemmed) && stemmed.length > 3 ? stemmed.slice(0, -1) : stemmed;
  }
  return word;
}

const pairsOf = (run: string): string[] => {
  const chars = [...run];
  if (chars.length === 1) return [run];
  const pairs: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) pairs.push(chars[i]! + chars[i + 1]!);
  return pairs;
};

const triplesOf = (run: string): string[] => {
  const chars = [...run];
  const triples: string[] = [];
  for (let i = 0; i + 2 < chars.length; i++) triples.push(chars[i]! + chars[i + 1]! + chars[i + 2]!);
  return triples;
};

const allStop = (piece: string) => [...piece].every((c) => STOP_HAN.has(c));

/** Takes a query apart into what to look up and what to score by. */
export function analyzeQuery(query: string): SearchPlan {
  const tokens = indexForm(query.slice(0, MAX_QUERY)).trim().split(' ').filter(Boolean).slice(0, MAX_TERMS);
  const phrase = tokens.join(' ');
  const words = tokens.filter((t) => !isCjk(t));
  const runs = tokens.filter((t) => isCjk(t));

  // Function words are dropped, unless nothing would be left.
  const topicalWords = words.filter((w) => !STOP_WORDS.has(w));
  const pairs = new Set(runs.flatMap(pairsOf));
  const topicalPairs = new Set([...pairs].filter((p) => !allStop(p)));
  const hasTopic = topicalWords.length > 0 || topicalPairs.size > 0;
  const keptWords = hasTopic ? topicalWords : words;
  const keptPairs = hasTopic ? topicalPairs : pairs;

  const units: SearchUnit[] = [];
  const seen = new Set<string>();
  const add = (unit: SearchUnit) => {
    const key = `${unit.kind}:${unit.text}`;
    if (seen.has(key)) return;
    seen.add(key);
    units.push(unit);
  };
  for (const word of keptWords) add({ kind: 'word', text: lightStem(word), weight: 1 });
  for (const pair of keptPairs) add({ kind: 'han', text: pair, weight: 1 });

  const matchTerms = new Set<string>();
  const like = new Set<string>();
  const fallbackLike = new Set<string>();
  for (const unit of units) {
    if (unit.kind !== 'word') continue;
    if (unit.text.length >= 2) matchTerms.add(` ${unit.text}`);
    else like.add(`% ${unit.text}%`);
  }
  for (const run of runs) {
    if ([...run].length <= 2) {
      if (keptPairs.has(run)) like.add(`%${run}%`);
      continue;
    }
    for (const triple of triplesOf(run)) if (!hasTopic || !allStop(triple)) matchTerms.add(triple);
    for (const pair of pairsOf(run)) if (keptPairs.has(pair)) fallbackLike.add(`%${pair}%`);
  }
  return {
    units,
    match: matchTerms.size > 0 ? [...matchTerms].map((t) => `"${t}"`).join(' OR ') : null,
    like: [...like],
    fallbackLike: [...fallbackLike]
      .map((pattern, i) => ({ pattern, i, stops: [...pattern].filter((c) => STOP_HAN.has(c)).length }))
      .sort((a, b) => a.stops - b.stops || a.i - b.i)
      .slice(0, MAX_FALLBACK)
      .map((p) => p.pattern),
    phrase,
  };
}
