import { analyze, type Evidence } from '../bot/text/analyze';
import { botForm } from '../bot/text/bot-form';
import { glossesOf } from '../bot/text/dictionary';
import { scriptRuns } from '../bot/text/script';
import { segmentHan } from '../bot/text/segment';
import type { TermBag } from './tfidf';

/**
 * How much each kind of evidence counts in a message's meaning: a concept ("refund", named in
 * either language) most, a Chinese word or English word next, a character pair (which catches
 * typos and words the segmenter cut differently) less, and the English meanings of a Chinese word
 * (which let "退款" meet "refund") least. Chosen on the calibration set only.
 */
const WEIGHTS = { concept: 3, hanword: 1, word: 1, bigram: 0.2, gloss: 0.4 } as const;
/** The strongest meanings of a Chinese word that are carried over to English. */
const GLOSSES = 2;

/** What the bot's analyser found in one message, before pinyin shorthand is resolved. */
export type MessageReading = { evidence: Evidence[]; latin: string[] };

export function readMessage(text: string): MessageReading {
  const normalized = botForm(text);
  const { evidence, positions } = analyze(normalized, { wordSounds: true });
  const latin = positions.filter((p) => p.key.startsWith('w:') && p.raw).map((p) => p.raw!);
  return { evidence, latin };
}

/**
 * Pinyin shorthand a corpus's customers type for its Chinese words: "tk" for 退款, "fp" for 发票,
 * "tuikuan" for 退款. Learnt from the corpus itself: an initials string (consonants only, 2–4
 * letters) or a full toneless pinyin names the most frequent Chinese word that sounds so.
 */
export function shorthandOf(readings: readonly MessageReading[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  const add = (key: string, word: string) => {
    const m = counts.get(key) ?? new Map<string, number>();
    m.set(word, (m.get(word) ?? 0) + 1);
    counts.set(key, m);
  };
  for (const r of readings) {
    for (const e of r.evidence) {
      if (e.kind !== 'hanword') continue;
      const word = e.term.slice(2);
      if (e.initials) add(e.initials.slice(2), word);
      if (e.sound) add(e.sound.slice(2), word);
    }
  }
  const out = new Map<string, string>();
  for (const [key, words] of counts) out.set(key, [...words].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0]);
  return out;
}

function isShorthand(word: string): boolean {
  return /^[bcdfghjklmnpqrstwxyz]{2,4}$/.test(word) || /^[a-z]{5,}$/.test(word);
}

/** The weighted terms of one message: concepts, words, character pairs and the English meanings of Chinese words. */
export function messageTerms(reading: MessageReading, shorthand: ReadonlyMap<string, string>): TermBag {
  const bag: TermBag = new Map();
  const add = (term: string, w: number) => bag.set(term, (bag.get(term) ?? 0) + w);
  const addEvidence = (evidence: readonly Evidence[]) => {
    for (const e of evidence) {
      if (e.kind === 'concept') add(e.term, WEIGHTS.concept);
      else if (e.kind === 'hanword') {
        add(e.term, WEIGHTS.hanword);
        for (const g of glossesOf(e.term.slice(2)).slice(0, GLOSSES)) add(`w:${g.stem}`, WEIGHTS.gloss * g.weight);
      } else if (e.kind === 'word') add(e.term, WEIGHTS.word);
      else if (e.kind === 'bigram') add(e.term, WEIGHTS.bigram);
    }
  };
  addEvidence(reading.evidence);
  for (const raw of reading.latin) {
    const word = shorthand.get(raw);
    if (word && isShorthand(raw)) addEvidence(analyze(word).evidence);
  }
  return bag;
}

/**
 * The baseline's terms: Chinese words as jieba cuts them, Han character pairs and lower-case
 * Latin words, with no concepts, meanings, stemming or shorthand.
 */
export function plainTerms(text: string): TermBag {
  const bag: TermBag = new Map();
  const add = (term: string) => bag.set(term, (bag.get(term) ?? 0) + 1);
  for (const run of scriptRuns(text.normalize('NFKC').toLowerCase())) {
    if (run.kind === 'latin') {
      add(`w:${run.text}`);
      continue;
    }
    for (const w of segmentHan(run.text)) if (w.length >= 2) add(`z:${w}`);
    const chars = [...run.text];
    for (let i = 0; i + 1 < chars.length; i++) add(`b:${chars[i]}${chars[i + 1]}`);
    if (chars.length === 1) add(`z:${chars[0]}`);
  }
  return bag;
}
