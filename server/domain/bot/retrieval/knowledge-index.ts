import { analyze, type Analysis } from '../text/analyze';
import { editDistance, typoAllowance } from '../text/edit-distance';
import { botForm } from '../text/bot-form';
import { glossesOf } from '../text/dictionary';
import {
  FIELD_BODY, FIELD_TAGS, FIELD_TITLE, questionBit, type IndexableArticle,
} from './indexable-article';

/** Bits per posting kept for the field mask: a posting is `doc * 2^32 + mask`, exact in a double. */
const MASK_SPAN = 2 ** 32;
/** Term counts per field in one number, 8 bits each (title, questions, body, tags), capped at 255. */
const TF_SPAN = 256;

/** The fields BM25F weighs separately, in the order of `IndexedDoc.lengths` and of packed counts. */
export const BM25_FIELDS = ['title', 'questions', 'body', 'tags'] as const;
export type Bm25Field = (typeof BM25_FIELDS)[number];

/** One stored article: its text as retrieval reads it. Passages: the title, then each question. */
export type IndexedDoc<A extends IndexableArticle = IndexableArticle> = {
  slot: number;
  article: A;
  passages: Analysis[];
  /** Positions per field (title, questions, body, tags), for BM25F's length normalisation. */
  lengths: readonly number[];
  /** The words of its title, questions and tags (`z:`, `w:`), for learning related words. */
  phrasingTerms: ReadonlySet<string>;
};

/** An article's terms: for each, the fields it is in (bits) and its count per BM25F field (packed). */
type ArticleTerms = { masks: Map<string, number>; counts: Map<string, number[]>; analyses: { title: Analysis; questions: Analysis[]; tags: Analysis; body: Analysis } };

/** Which vocabulary a near-spelling is looked up in: Latin words, or the sounds of Chinese words. */
export type Vocabulary = 'w' | 'y';

/**
 * An inverted index of knowledge articles for retrieval: which articles (and which of their
 * fields, how often) hold each term, how many articles hold it, and each article's title and
 * questions analysed for comparing phrasings. It also keeps the knowledge base's own vocabulary
 * for reading customers' mistakes: its Latin words (typos), the sounds and pinyin initials of its
 * Chinese words (homophones, "hb" for 红包). Articles are added, replaced and removed one at a
 * time, so a change to one article does not rebuild the whole index.
 */
export class KnowledgeIndex<A extends IndexableArticle = IndexableArticle> {
  private readonly docs: (IndexedDoc<A> | null)[] = [];
  private readonly slots = new Map<string, number>();
  /** Per term, flat pairs: `slot * 2^32 + field mask`, then the packed counts per field. */
  private readonly postings = new Map<string, number[]>();
  private readonly docFreq = new Map<string, number>();
  /** Latin words and Chinese sounds by length, for recognising misspelt ones. */
  private readonly vocabByLength: Record<Vocabulary, Map<number, Set<string>>> = { w: new Map(), y: new Map() };
  /** Chinese words (`z:`) by their sound (`y:`) and by their initials (`i:`). */
  private readonly wordsBySound = new Map<string, Set<string>>();
  private readonly fieldTotals = [0, 0, 0, 0];
  private dead = 0;
  private live = 0;
  private changes = 0;
  /** relatedTerms' answers, good while `changes` stays what it was when they were worked out. */
  private related = { at: -1, byKey: new Map<string, { term: string; share: number }[]>() };
  /** The knowledge base's Chinese words by the English words of their dictionary meanings, worked out once per revision. */
  private bridge = { at: -1, byStem: new Map<string, { term: string; weight: number }[]>() };

  constructor(articles: Iterable<A> = []) {
    for (const article of articles) this.put(article);
  }

  get size(): number {
    return this.live;
  }

  /** Grows with every article added, replaced or removed: others keeping a view of the articles compare it. */
  get revision(): number {
    return this.changes;
  }

  /** Adds an article, replacing the one with the same id. */
  put(article: A): void {
    this.remove(article.id);
    this.changes++;
    const slot = this.docs.length;
    const { masks, counts, analyses } = termsOf(article);
    for (const [term, mask] of masks) {
      let list = this.postings.get(term);
      if (!list) this.postings.set(term, (list = []));
      const c = counts.get(term) ?? [0, 0, 0, 0];
      list.push(slot * MASK_SPAN + (mask >>> 0), c.reduce((packed, n, f) => packed + Math.min(n, TF_SPAN - 1) * TF_SPAN ** f, 0));
      this.docFreq.set(term, (this.docFreq.get(term) ?? 0) + 1);
      if (term.startsWith('w:')) this.remember('w', term.slice(2));
      else if (term.startsWith('y:')) this.remember('y', term.slice(2));
    }
    for (const a of [analyses.title, analyses.tags, ...analyses.questions]) {
      for (const e of a.evidence) {
        if (e.kind !== 'hanword') continue;
        if (e.sound) this.link(e.sound, e.term);
        if (e.initials) this.link(e.initials, e.term);
      }
    }
    const lengths = [analyses.title.positions.length, analyses.questions.reduce((n, q) => n + q.positions.length, 0), analyses.body.positions.length, analyses.tags.positions.length];
    lengths.forEach((n, f) => (this.fieldTotals[f]! += n));
    const phrasingTerms = new Set<string>();
    for (const a of [analyses.title, analyses.tags, ...analyses.questions]) {
      for (const e of a.evidence) if (e.kind === 'hanword' || e.kind === 'word') phrasingTerms.add(e.term);
    }
    this.docs.push({ slot, article, passages: [analyses.title, ...analyses.questions], lengths, phrasingTerms });
    this.slots.set(article.id, slot);
    this.live++;
  }

  /** Removes an article; false when there was none with that id. */
  remove(id: string): boolean {
    const slot = this.slots.get(id);
    if (slot === undefined) return false;
    this.changes++;
    const doc = this.docs[slot]!;
    this.docs[slot] = null;
    this.slots.delete(id);
    this.live--;
    doc.lengths.forEach((n, f) => (this.fieldTotals[f]! -= n));
    // Its postings stay until the next compaction and are skipped; the counts change at once.
    for (const term of termsOf(doc.article).masks.keys()) {
      const n = (this.docFreq.get(term) ?? 0) - 1;
      if (n > 0) this.docFreq.set(term, n);
      else this.docFreq.delete(term);
      this.dead++;
    }
    if (this.dead > 50_000 && this.dead > this.live * 50) this.compact();
    return true;
  }

  has(id: string): boolean {
    return this.slots.has(id);
  }

  article(id: string): A | null {
    const slot = this.slots.get(id);
    return slot === undefined ? null : this.docs[slot]!.article;
  }

  /** Every stored article, in the order they were added. */
  *articles(): IterableIterator<A> {
    for (const doc of this.docs) if (doc) yield doc.article;
  }

  /** How many live articles hold `term`. */
  documentFrequency(term: string): number {
    return this.docFreq.get(term) ?? 0;
  }

  /** How rare a term is: inverse document frequency (BM25's form, never negative). */
  idf(term: string): number {
    const n = this.live;
    const df = this.docFreq.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** The average length (positions) of a BM25F field over the live articles. */
  averageLength(field: number): number {
    return this.live > 0 ? Math.max(1, this.fieldTotals[field]! / this.live) : 1;
  }

  /** Calls `visit` for every live article holding `term`, with the field bits it is in and its count per BM25F field. */
  forEachPosting(term: string, visit: (doc: IndexedDoc<A>, mask: number, counts: readonly number[]) => void): void {
    const list = this.postings.get(term);
    if (!list) return;
    for (let i = 0; i < list.length; i += 2) {
      const entry = list[i]!;
      const doc = this.docs[Math.floor(entry / MASK_SPAN)];
      if (!doc) continue;
      let packed = list[i + 1]!;
      const counts = [0, 0, 0, 0];
      for (let f = 0; f < 4; f++) {
        counts[f] = packed % TF_SPAN;
        packed = Math.floor(packed / TF_SPAN);
      }
      visit(doc, entry % MASK_SPAN, counts);
    }
  }

  /** The knowledge base's Chinese words (`z:…`) that sound like `key` (`y:…`) or have these initials (`i:…`). */
  wordsFor(key: string): string[] {
    return [...(this.wordsBySound.get(key) ?? [])].filter((w) => this.docFreq.has(w));
  }

  /** Known words within typing distance of `word` (not the word itself), closest first. */
  similarWords(word: string, vocabulary: Vocabulary = 'w'): string[] {
    const allowance = typoAllowance(word.length);
    if (allowance === 0) return [];
    const found: { word: string; distance: number }[] = [];
    for (let len = word.length - allowance; len <= word.length + allowance; len++) {
      for (const known of this.vocabByLength[vocabulary].get(len) ?? []) {
        // A typo seldom hits both of the first two letters; comparing only those is much faster.
        if (known === word || (known[0] !== word[0] && known[1] !== word[1])) continue;
        if (!this.docFreq.has(`${vocabulary}:${known}`)) continue;
        const limit = Math.min(allowance, typoAllowance(known.length));
        const d = editDistance(word, known, limit);
        if (d <= limit && d > 0) found.push({ word: known, distance: d });
      }
    }
    return found
      .sort((a, b) => a.distance - b.distance || this.idf(`${vocabulary}:${a.word}`) - this.idf(`${vocabulary}:${b.word}`))
      .map((f) => f.word);
  }

  /**
   * Words of the knowledge base that go together with `term`: they appear in the titles,
   * questions and tags of the same articles (Jaccard over articles at least `minShare`, in at least
   * two articles), strongest first. Learned from the articles' own phrasings, never from a list.
   */
  relatedTerms(term: string, minShare: number, limit: number): { term: string; share: number }[] {
    // Depends only on the articles: asked for the same words message after message, worked out once.
    if (this.related.at !== this.changes) this.related = { at: this.changes, byKey: new Map() };
    const key = `${term}\u0000${minShare}\u0000${limit}`;
    let found = this.related.byKey.get(key);
    if (!found) {
      found = this.workOutRelated(term, minShare, limit);
      this.related.byKey.set(key, found);
    }
    return found;
  }

  private workOutRelated(term: string, minShare: number, limit: number): { term: string; share: number }[] {
    const holders: IndexedDoc<A>[] = [];
    this.forEachPosting(term, (doc, mask) => {
      if (mask & ~(1 << FIELD_BODY) && doc.phrasingTerms.has(term)) holders.push(doc);
    });
    if (holders.length < 2) return [];
    const together = new Map<string, number>();
    for (const doc of holders) for (const other of doc.phrasingTerms) if (other !== term) together.set(other, (together.get(other) ?? 0) + 1);
    const out: { term: string; share: number }[] = [];
    for (const [other, both] of together) {
      if (both < 2) continue;
      const share = both / (holders.length + this.phrasingFrequency(other) - both);
      if (share >= minShare) out.push({ term: other, share });
    }
    return out.sort((a, b) => b.share - a.share || a.term.localeCompare(b.term)).slice(0, limit);
  }

  /**
   * The knowledge base's Chinese words (`z:…`) whose dictionary meanings hold the English stem,
   * each with the weight of that meaning (see text/dictionary.ts), strongest first: how an
   * English word reaches a Chinese article.
   */
  chineseWordsMeaning(stem: string): readonly { term: string; weight: number }[] {
    if (this.bridge.at !== this.changes) {
      const byStem = new Map<string, { term: string; weight: number }[]>();
      for (const term of this.docFreq.keys()) {
        if (!term.startsWith('z:')) continue;
        for (const g of glossesOf(term.slice(2))) {
          let list = byStem.get(g.stem);
          if (!list) byStem.set(g.stem, (list = []));
          list.push({ term, weight: g.weight });
        }
      }
      for (const list of byStem.values()) list.sort((a, b) => b.weight - a.weight || this.idf(b.term) - this.idf(a.term));
      this.bridge = { at: this.changes, byStem };
    }
    return this.bridge.byStem.get(stem) ?? [];
  }

  private phrasingFrequency(term: string): number {
    let n = 0;
    this.forEachPosting(term, (doc) => {
      if (doc.phrasingTerms.has(term)) n++;
    });
    return n;
  }

  private remember(vocabulary: Vocabulary, word: string): void {
    let set = this.vocabByLength[vocabulary].get(word.length);
    if (!set) this.vocabByLength[vocabulary].set(word.length, (set = new Set()));
    set.add(word);
  }

  private link(key: string, word: string): void {
    let set = this.wordsBySound.get(key);
    if (!set) this.wordsBySound.set(key, (set = new Set()));
    set.add(word);
  }

  /** Drops postings of removed articles (their slots are not reused, so nothing else moves). */
  private compact(): void {
    for (const [term, list] of this.postings) {
      const kept: number[] = [];
      for (let i = 0; i < list.length; i += 2) if (this.docs[Math.floor(list[i]! / MASK_SPAN)] !== null) kept.push(list[i]!, list[i + 1]!);
      if (kept.length === 0) this.postings.delete(term);
      else this.postings.set(term, kept);
    }
    this.dead = 0;
  }
}

/** Analyses an article's fields: each term's field bits and its count per BM25F field. */
function termsOf(article: IndexableArticle): ArticleTerms {
  const title = analyze(botForm(article.title), { sounds: true });
  const questions = article.questions.map((q) => analyze(botForm(q), { sounds: true }));
  const tags = analyze(botForm([article.category, ...article.tags].join(' | ')), { sounds: true });
  const body = analyze(botForm(article.body), { wordSounds: true });
  const masks = new Map<string, number>();
  const counts = new Map<string, number[]>();
  const mark = (analysis: Analysis, bit: number, field: number) => {
    const add = (term: string) => {
      masks.set(term, (masks.get(term) ?? 0) | (1 << bit));
      let c = counts.get(term);
      if (!c) counts.set(term, (c = [0, 0, 0, 0]));
      c[field]! += 1;
    };
    for (const e of analysis.evidence) {
      add(e.term);
      if (e.sound) add(e.sound);
      if (e.initials) add(e.initials);
    }
  };
  mark(title, FIELD_TITLE, 0);
  mark(tags, FIELD_TAGS, 3);
  mark(body, FIELD_BODY, 2);
  questions.forEach((q, i) => mark(q, questionBit(i), 1));
  return { masks, counts, analyses: { title, questions, tags, body } };
}
