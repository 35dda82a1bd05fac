import type { KbArticle } from '../domain';
import { indexForm, isCjk } from '../text/index-form';

/**
 * The one analyser of knowledge search, online (the server's `GET /api/kb/search` and `kb:search`)
 * and offline (the desktop cache): how a query and an article become what is compared. Both are
 * folded into the index form (shared/text/index-form.ts) and cut into terms: words of scripts
 * written with spaces, and runs of Chinese characters.
 *
 * - Words match at the start of a word, by a light stem ("refunds", "refunded" → "refund"), so
 *   "ship" finds "shipping" but not "relationship".
 * - Chinese runs are compared by their character pairs: "退款流程" covers 退款, 款流, 流程.
 */

/** What an article is scored and highlighted by: a word stem or a Chinese pair (or single character). */
export type SearchUnit = { kind: 'word' | 'han'; text: string; weight: number };

/** A query taken apart. */
export type QueryAnalysis = {
  units: SearchUnit[];
  /** The whole query in index form: a title or question holding it gets a bonus. */
  phrase: string;
  /** The query's runs of Chinese characters, in index form (for finding candidates). */
  runs: string[];
  /** Whether the query has a topic: a word or pair other than function ones. */
  hasTopic: boolean;
};

/** An article's searchable text in index form: what ranking reads (and the desktop cache stores). */
export type ArticleText = { title: string; questions: string; body: string };

/** Longest query taken apart, in characters, and most terms used. */
const MAX_QUERY = 500;
const MAX_TERMS = 32;

const STOP_WORDS = new Set(
  ('a an the and or but of to in on at for from by with about as is are was were be been am do does did ' +
    'i me my we our you your he she it its they them their this that these those there here ' +
    'what when where which who how why can could would should will shall may might must ' +
    'have has had not no yes please hi hello hey thanks thank ok okay so just any some get got want')
    .split(' '),
);

/** Characters that carry no topic alone (a pair of two of them is skipped: 我的, 什么, 还没). */
export const STOP_HAN = new Set([...'的了吗呢吧啊呀哦嗯么我你您他她它们是在有和与就都也还要这那个一不没很请好什怎可以能会到给把被让吧']);

/** Whether every character of a piece of Chinese is a function character. */
export const allStop = (piece: string) => [...piece].every((c) => STOP_HAN.has(c));

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

/** The overlapping character pairs of a Chinese run (a single character stands alone). */
export function pairsOf(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return [run];
  const pairs: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) pairs.push(chars[i]! + chars[i + 1]!);
  return pairs;
}

/** Takes a query apart into the units an article is scored and highlighted by. */
export function analyzeQuery(query: string): QueryAnalysis {
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
  return { units, phrase, runs, hasTopic };
}

/** An article's title, alternative questions and body in index form. */
export function analyzeArticle(article: Pick<KbArticle, 'title' | 'body'> & { questions?: readonly string[] }): ArticleText {
  return {
    title: indexForm(article.title),
    questions: indexForm((article.questions ?? []).join('\n')),
    body: indexForm(article.body),
  };
}
