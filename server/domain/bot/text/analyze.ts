import { defaultConcepts, type ConceptMatcher } from './concepts';
import { pinyinOf } from './pinyin';
import { scriptRuns } from './script';
import { stem } from './stem';
import { EN_STOPWORDS, ZH_STOP_CHARS } from './stopwords';

/**
 * One place in a text that carries meaning: a Han character or a Latin word. `key` names it for
 * weighting (its rarity in the knowledge base); `role` says how much it can matter at all.
 */
export type Position = { key: string; role: 'content' | 'function' | 'none' };

/**
 * Something that can match between two texts and what it covers: a pair of neighbouring Han
 * characters (`b:`), one Han character (`c:`), a stemmed word (`w:`) or a concept (`s:`) named by a
 * phrase. `sound` is the pinyin of a character pair, for typing mistakes that sound right.
 */
export type Evidence = { term: string; sound: string | null; kind: EvidenceKind; from: number; to: number };
export type EvidenceKind = 'bigram' | 'char' | 'lone-char' | 'word' | 'concept';

export type Analysis = { positions: Position[]; evidence: Evidence[] };

export type AnalyzeOptions = { sounds?: boolean; concepts?: ConceptMatcher };

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
      positions.push({ key: `w:${s}`, role: meaningful ? 'content' : 'none' });
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
