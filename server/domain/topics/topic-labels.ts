import type { Lang } from '../../../shared/domain';
import { botForm } from '../bot/text/bot-form';
import { detectLanguage } from '../bot/text/language';
import { scriptRuns } from '../bot/text/script';
import { stem } from '../bot/text/stem';
import { dotDense, type SparseVector } from './sparse-vector';

export type TopicSummary = {
  /** A few of the cluster's most distinctive words, in its main language. */
  label: string;
  lang: Lang;
  /** Members (indexes into the clustered messages) nearest the cluster's centre, nearest first. */
  central: number[];
};

const LABEL_WORDS = 3;
/** Chat words that ask, hedge or point in any topic: never a topic's name. */
const FILLER = new Set(
  '什么 怎么 怎么办 为什么 一下 一直 没有 时候 什么时候 麻烦 需要 显示 提示 不了 里面 可以 还是 已经 现在 这个 那个 这样 就是 还有 请问 你们 我们 知道 问题 东西 好久 多久 一个 不是 不能 不要'.split(' '),
);
const CENTRAL = 5;

/**
 * Names each cluster by the words that set it apart: terms weighed high in the cluster and found
 * mostly there, Chinese words for a mostly Chinese cluster and English words (as customers spelt
 * them) for a mostly English one. Falls back to the most central message, shortened.
 */
export function summarizeTopics(
  texts: readonly string[],
  vectors: readonly SparseVector[],
  terms: readonly string[],
  assignment: readonly number[],
): TopicSummary[] {
  const dims = terms.length;
  const overall = meanOf(vectors, vectors.map((_, i) => i), dims);
  const k = Math.max(-1, ...assignment) + 1;
  const out: TopicSummary[] = [];
  for (let c = 0; c < k; c++) {
    const members = assignment.flatMap((a, i) => (a === c ? [i] : []));
    const mean = meanOf(vectors, members, dims);
    const langs = members.map((i) => detectLanguage(texts[i]!) ?? 'zh');
    const lang: Lang = langs.filter((l) => l === 'zh').length * 2 >= langs.length ? 'zh' : 'en';
    const central = [...members].sort((a, b) => dotDense(vectors[b]!, mean) - dotDense(vectors[a]!, mean)).slice(0, CENTRAL);
    const spelling = lang === 'en' ? englishSpellings(members.map((i) => texts[i]!)) : new Map<string, string>();
    const words = terms
      // Weight in the cluster times the share of the term's weight that lies in it: words customers
      // use in every topic ("怎么", "一下") are spread thin and lose to the ones that name this one.
      .map((term, t) => ({ term, score: overall[t]! > 0 ? (mean[t]! * mean[t]! * members.length) / (overall[t]! * vectors.length) : 0 }))
      .filter(({ term, score }) => score > 0 && (lang === 'zh' ? term.startsWith('z:') && !FILLER.has(term.slice(2)) : term.startsWith('w:') && spelling.has(term.slice(2))))
      .sort((a, b) => b.score - a.score || a.term.localeCompare(b.term))
      .slice(0, LABEL_WORDS)
      .map(({ term }) => (lang === 'zh' ? term.slice(2) : spelling.get(term.slice(2))!));
    const label = words.length > 0 ? words.join(lang === 'zh' ? '、' : ', ') : shorten(texts[central[0] ?? members[0]!] ?? '');
    out.push({ label, lang, central });
  }
  return out;
}

function meanOf(vectors: readonly SparseVector[], members: readonly number[], dims: number): Float64Array {
  const m = new Float64Array(dims);
  for (const i of members) {
    const v = vectors[i]!;
    for (let j = 0; j < v.idx.length; j++) m[v.idx[j]!]! += v.val[j]!;
  }
  if (members.length > 0) for (let j = 0; j < dims; j++) m[j]! /= members.length;
  return m;
}

/** Each stem's most common spelling in some texts ("refund" for "refund"/"refunds"/"refunded"). */
function englishSpellings(texts: readonly string[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const text of texts) {
    for (const run of scriptRuns(botForm(text))) {
      if (run.kind !== 'latin' || !/^[a-z]+$/.test(run.text)) continue;
      const s = stem(run.text);
      const m = counts.get(s) ?? new Map<string, number>();
      m.set(run.text, (m.get(run.text) ?? 0) + 1);
      counts.set(s, m);
    }
  }
  return new Map([...counts].map(([s, m]) => [s, [...m].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length)[0]![0]]));
}

function shorten(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > 40 ? `${chars.slice(0, 39).join('')}…` : chars.join('');
}
