import { isCjk } from '../text/index-form';
import type { ArticleText, QueryAnalysis } from './analyzer';
import type { Held } from './rank';

/** Field bits of a posting: the title or a question, and the body. */
const HEAD = 1;
const BODY = 2;
/** A posting is `slot * FIELDS + bits`, one number. */
const FIELDS = 4;

export type Candidate<T> = { item: T; text: ArticleText; held: Held[] };

/**
 * An in-memory index of articles for the shared ranking, where there is no FTS5 (the server): for
 * each Chinese character and character pair, and each word, which articles hold it in their title
 * or questions and which in their body. It answers every article holding any unit of a query with
 * where it holds each one, exactly as the ranking reads it from the text, so ranking what it
 * answers gives the same scores and order as ranking every article.
 */
export class CandidateIndex<T> {
  private readonly entries: ({ item: T; text: ArticleText } | null)[] = [];
  private readonly slots = new Map<string, number>();
  /** Chinese characters and pairs → postings. */
  private readonly han = new Map<string, number[]>();
  /** Words → postings. */
  private readonly words = new Map<string, number[]>();
  /** The words, sorted, for finding those a stem starts; rebuilt after a new word. */
  private vocabulary: string[] | null = null;
  private dead = 0;

  get size(): number {
    return this.slots.size;
  }

  /** Adds an article's text under `id`, replacing what was there. */
  put(id: string, item: T, text: ArticleText): void {
    this.remove(id);
    const slot = this.entries.length;
    this.entries.push({ item, text });
    this.slots.set(id, slot);
    const han = new Map<string, number>();
    const words = new Map<string, number>();
    const add = (map: Map<string, number>, key: string, bit: number) => map.set(key, (map.get(key) ?? 0) | bit);
    for (const [field, bit] of [[text.title, HEAD], [text.questions, HEAD], [text.body, BODY]] as const) {
      for (const token of field.split(' ')) {
        if (token === '') continue;
        if (!isCjk(token)) {
          add(words, token, bit);
          continue;
        }
        const chars = [...token];
        chars.forEach((char, i) => {
          add(han, char, bit);
          if (i + 1 < chars.length) add(han, char + chars[i + 1]!, bit);
        });
      }
    }
    for (const [key, bits] of han) post(this.han, key, slot * FIELDS + bits);
    for (const [word, bits] of words) {
      if (!this.words.has(word)) this.vocabulary = null;
      post(this.words, word, slot * FIELDS + bits);
    }
  }

  /** Removes the article with `id`; false when there was none. */
  remove(id: string): boolean {
    const slot = this.slots.get(id);
    if (slot === undefined) return false;
    this.entries[slot] = null;
    this.slots.delete(id);
    // Its postings stay and are skipped until enough have died to rebuild them.
    if (++this.dead > 1000 && this.dead > this.slots.size) this.compact();
    return true;
  }

  /** Every article holding a unit of the query, with where it holds each unit, in the order they were added. */
  candidates(query: QueryAnalysis): Candidate<T>[] {
    const found = new Map<number, Held[]>();
    query.units.forEach((unit, u) => {
      const lists = unit.kind === 'han' ? [this.han.get(unit.text) ?? []] : this.wordsStarting(unit.text).map((w) => this.words.get(w)!);
      for (const list of lists) {
        for (const posting of list) {
          const slot = Math.floor(posting / FIELDS);
          const bits = posting % FIELDS;
          const where: Held = bits & HEAD ? 2 : 1;
          let held = found.get(slot);
          if (!held) found.set(slot, (held = new Array<Held>(query.units.length).fill(0)));
          if (where > held[u]!) held[u] = where;
        }
      }
    });
    const out: Candidate<T>[] = [];
    for (const slot of [...found.keys()].sort((a, b) => a - b)) {
      const entry = this.entries[slot];
      if (entry) out.push({ ...entry, held: found.get(slot)! });
    }
    return out;
  }

  private wordsStarting(stem: string): string[] {
    const vocabulary = (this.vocabulary ??= [...this.words.keys()].sort());
    let lo = 0;
    let hi = vocabulary.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (vocabulary[mid]! < stem) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < vocabulary.length && vocabulary[i]!.startsWith(stem); i++) out.push(vocabulary[i]!);
    return out;
  }

  private compact(): void {
    for (const postings of [this.han, this.words]) {
      for (const [key, list] of postings) {
        const kept = list.filter((posting) => this.entries[Math.floor(posting / FIELDS)] !== null);
        if (kept.length === 0) postings.delete(key);
        else postings.set(key, kept);
      }
    }
    this.vocabulary = null;
    this.dead = 0;
  }
}

function post(postings: Map<string, number[]>, key: string, posting: number): void {
  const list = postings.get(key);
  if (list) list.push(posting);
  else postings.set(key, [posting]);
}
