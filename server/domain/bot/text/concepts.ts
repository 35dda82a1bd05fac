import { CONCEPTS, type Concept } from './concept-lexicon';
import { stem } from './stem';

type EnglishPhrase = { concept: string; words: readonly string[] };

/** Where a concept was named: character offsets in a Han run, or word offsets (end exclusive). */
export type ConceptHit = { concept: string; from: number; to: number };

/** Looks concepts up in normalised text: Chinese by substring, English by stemmed word sequence. */
export class ConceptMatcher {
  /** Chinese phrases by their first character. */
  private readonly zh = new Map<string, { concept: string; phrase: string[] }[]>();
  private readonly en = new Map<string, EnglishPhrase[]>();

  constructor(concepts: readonly Concept[] = CONCEPTS) {
    for (const c of concepts) {
      for (const phrase of c.zh) {
        const chars = [...phrase.toLowerCase()];
        // Latin entries of the Chinese list ("vip", "ems") are matched as words.
        if (/^[a-z0-9]+$/.test(phrase)) this.addEnglish(c.id, phrase);
        else {
          const list = this.zh.get(chars[0]!) ?? [];
          list.push({ concept: c.id, phrase: chars });
          this.zh.set(chars[0]!, list);
        }
      }
      for (const phrase of c.en) this.addEnglish(c.id, phrase);
    }
  }

  private addEnglish(concept: string, phrase: string): void {
    const words = phrase.toLowerCase().split(/[\s-]+/).filter(Boolean).map(stem);
    if (words.length === 0) return;
    const list = this.en.get(words[0]!) ?? [];
    list.push({ concept, words });
    this.en.set(words[0]!, list);
  }

  /** Concepts named in one run of Han characters. */
  findHan(run: string): ConceptHit[] {
    const chars = [...run];
    const hits: ConceptHit[] = [];
    for (let i = 0; i < chars.length; i++) {
      for (const { concept, phrase } of this.zh.get(chars[i]!) ?? []) {
        if (i + phrase.length <= chars.length && phrase.every((ch, k) => chars[i + k] === ch)) {
          hits.push({ concept, from: i, to: i + phrase.length });
        }
      }
    }
    return hits;
  }

  /** Concepts named in a sequence of stemmed words (stop words included, so phrases match). */
  findWords(stems: readonly string[]): ConceptHit[] {
    const hits: ConceptHit[] = [];
    for (let i = 0; i < stems.length; i++) {
      for (const phrase of this.en.get(stems[i]!) ?? []) {
        if (phrase.words.every((w, k) => stems[i + k] === w)) hits.push({ concept: phrase.concept, from: i, to: i + phrase.words.length });
      }
    }
    return hits;
  }
}

export const defaultConcepts = new ConceptMatcher();
