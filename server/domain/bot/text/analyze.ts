import { defaultConcepts, type ConceptMatcher } from './concepts';
import { initialsOfSyllables, pinyinOf, soundOfSyllables } from './pinyin';
import { segmentHan } from './segment';
import { scriptRuns } from './script';
import { stem } from './stem';
import { EN_STOPWORDS, ZH_STOP_CHARS } from './stopwords';

/**
 * One place in a text that carries meaning: a Han character or a Latin word. `key` names it for
 * weighting (its rarity in the knowledge base); `role` says how much it can matter at all.
 */
export type Position = { key: string; role: 'content' | 'function' | 'none'; raw?: string };

/**
 * Something that can match between two texts and what it covers: a Chinese word as the segmenter
 * cuts it (`z:`), a pair of neighbouring Han characters (`b:`, the fallback when segmentation
 * differs), one Han character (`c:`), a stemmed Latin word (`w:`) or a concept (`s:`) named by a
 * phrase. `sound` is the pinyin of a Chinese word (`y:tuikuan`) or character pair (`p:tui_kuan`),
 * for typing mistakes that sound right; `initials` the pinyin initials of a Chinese word
 * (`i:tk`), for the shorthand customers type.
 */
export type Evidence = { term: string; sound: string | null; kind: EvidenceKind; from: number; to: number; initials?: string };
export type EvidenceKind = 'hanword' | 'bigram' | 'char' | 'lone-char' | 'word' | 'concept';

export type Analysis = { positions: Position[]; evidence: Evidence[] };

/**
 * `sounds`: the pinyin of words and character pairs (for titles, questions, tags and queries);
 * `wordSounds`: the pinyin of words only (cheaper, for long bodies).
 */
export type AnalyzeOptions = { sounds?: boolean; wordSounds?: boolean; concepts?: ConceptMatcher };

const wordSyllables = new Map<string, string[]>();
/** A word's pinyin, remembered: the same words come back in every article. */
function syllablesOfWord(word: string): string[] {
  let s = wordSyllables.get(word);
  if (!s) {
    s = pinyinOf(word);
    if (wordSyllables.size > 200_000) wordSyllables.clear();
    wordSyllables.set(word, s);
  }
  return s;
}

/** Cuts normalised text into positions and the evidence that covers them. */
export function analyze(normalized: string, options: AnalyzeOptions = {}): Analysis {
  const positions: Position[] = [];
  const evidence: Evidence[] = [];
  const stems: { stem: string; at: number }[] = [];
  const hanSpans: { text: string; at: number }[] = [];
  for (const run of scriptRuns(normalized)) {
    if (run.kind === 'latin') {
      const word = run.text.replace(/['’]/g, '');
      const at = positions.length;
      const s = stem(word);
      const meaningful = /[a-z]/.test(word) && !/\d/.test(word) && !EN_STOPWORDS.has(word);
      positions.push({ key: `w:${s}`, role: meaningful ? 'content' : 'none', raw: word });
      stems.push({ stem: s, at });
      if (meaningful) evidence.push({ term: `w:${s}`, sound: null, kind: 'word', from: at, to: at + 1 });
      continue;
    }
    const chars = [...run.text];
    const at = positions.length;
    hanSpans.push({ text: run.text, at });
    for (const ch of chars) positions.push({ key: `c:${ch}`, role: ZH_STOP_CHARS.has(ch) ? 'function' : 'content' });
    if (chars.length === 1) {
      evidence.push({ term: `c:${chars[0]}`, sound: null, kind: 'lone-char', from: at, to: at + 1 });
      continue;
    }
    const sounds = options.sounds ? pinyinOf(run.text) : null;
    const words = hanWords(run.text);
    // A position of a word is weighed as the word (its rarity), the longest word holding it first.
    for (const word of [...words].sort((a, b) => a.to - a.from - (b.to - b.from))) {
      for (let k = word.from; k < word.to; k++) positions[at + k]!.key = `z:${word.text}`;
    }
    for (const word of words) {
      const syllables = sounds && sounds.length === chars.length
        ? sounds.slice(word.from, word.to)
        : options.sounds || options.wordSounds ? syllablesOfWord(word.text) : null;
      evidence.push({
        term: `z:${word.text}`, kind: 'hanword', from: at + word.from, to: at + word.to,
        sound: syllables ? `y:${soundOfSyllables(syllables)}` : null,
        ...(syllables ? { initials: `i:${initialsOfSyllables(syllables)}` } : {}),
      });
    }
    for (let i = 0; i < chars.length; i++) {
      if (!ZH_STOP_CHARS.has(chars[i]!)) evidence.push({ term: `c:${chars[i]}`, sound: null, kind: 'char', from: at + i, to: at + i + 1 });
      if (i + 1 < chars.length) {
        const a = chars[i]!;
        const b = chars[i + 1]!;
        if (ZH_STOP_CHARS.has(a) && ZH_STOP_CHARS.has(b)) continue;
        const sound = sounds && sounds.length === chars.length ? `p:${sounds[i]}_${sounds[i + 1]}` : null;
        evidence.push({ term: `b:${a}${b}`, sound, kind: 'bigram', from: at + i, to: at + i + 2 });
      }
    }
  }
  addConcepts(hanSpans, stems, evidence, options.concepts ?? defaultConcepts);
  return { positions, evidence };
}

/**
 * The words of a Han run with their character offsets: the segmenter's precise cut, plus the
 * shorter words inside a long one (search mode), so "优惠券" also holds "优惠". Single characters
 * and words made only of function characters are left out (the character evidence covers them).
 */
export function hanWords(run: string): { text: string; from: number; to: number }[] {
  // A Han run holds only characters of the Basic Multilingual Plane (see script.ts): string
  // offsets are character offsets.
  const out: { text: string; from: number; to: number }[] = [];
  let at = 0;
  for (const piece of segmentHan(run)) {
    // Search mode gives the shorter words before the long one that holds them.
    const found = run.indexOf(piece, at);
    if (found === -1) continue;
    if (piece.length >= 2 && !isFunctionWord(piece)) out.push({ text: piece, from: found, to: found + piece.length });
    at = isInsideNext(run, found, piece) ? found : found + piece.length;
  }
  return out;
}

function isFunctionWord(piece: string): boolean {
  for (const ch of piece) if (!ZH_STOP_CHARS.has(ch)) return false;
  return true;
}

/** Whether a search-mode piece is a short word that the next, longer piece will hold again. */
function isInsideNext(run: string, found: number, piece: string): boolean {
  // A long word's shorter words come first and lie within it; the cursor must not pass them.
  return found + piece.length < run.length && piece.length >= 2 && /[\u3400-\u9fff]/.test(run[found + piece.length] ?? '');
}

function addConcepts(
  hanSpans: readonly { text: string; at: number }[],
  stems: readonly { stem: string; at: number }[],
  evidence: Evidence[],
  concepts: ConceptMatcher,
): void {
  // Chinese phrases cover the characters they were found in; English phrases the words.
  for (const span of hanSpans) {
    for (const hit of concepts.findHan(span.text)) {
      evidence.push({ term: `s:${hit.concept}`, sound: null, kind: 'concept', from: span.at + hit.from, to: span.at + hit.to });
    }
  }
  const words = stems.map((s) => s.stem);
  for (const hit of concepts.findWords(words)) {
    evidence.push({ term: `s:${hit.concept}`, sound: null, kind: 'concept', from: stems[hit.from]!.at, to: stems[hit.to - 1]!.at + 1 });
  }
}
