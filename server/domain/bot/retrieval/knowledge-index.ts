import { analyze, type Analysis } from '../text/analyze';
import { editDistance, typoAllowance } from '../text/edit-distance';
import { botForm } from '../text/bot-form';
import {
  FIELD_BODY, FIELD_TAGS, FIELD_TITLE, questionBit, type IndexableArticle,
} from './indexable-article';

/** Bits per posting kept for the field mask: a posting is `doc * 2^32 + mask`, exact in a double. */
const MASK_SPAN = 2 ** 32;

/** One stored article: its text as retrieval reads it. Passages: the title, then each question. */
export type IndexedDoc<A extends IndexableArticle = IndexableArticle> = {
  slot: number;
  article: A;
  passages: Analysis[];
};

/**
 * An inverted index of knowledge articles for retrieval: which articles (and which of their
 * fields) hold each term, how many articles hold it, and each article's title and questions
 * analysed for comparing phrasings. Articles are added, replaced and removed one at a time, so a
 * change to one article does not rebuild the whole index.
 */
export class KnowledgeIndex<A extends IndexableArticle = IndexableArticle> {
  private readonly docs: (IndexedDoc<A> | null)[] = [];
  private readonly slots = new Map<string, number>();
  private readonly postings = new Map<string, number[]>();
  private readonly docFreq = new Map<string, number>();
  /** Latin words by length, for recognising misspelt ones. */
  private readonly wordsByLength = new Map<number, Set<string>>();
  private dead = 0;
  private live = 0;
  private changes = 0;

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
    const title = analyze(botForm(article.title), { sounds: true });
    const questions = article.questions.map((q) => analyze(botForm(q), { sounds: true }));
    const tags = analyze(botForm([article.category, ...article.tags].join(' | ')), { sounds: true });
    const body = analyze(botForm(article.body));
    const masks = new Map<string, number>();
    const mark = (analysis: Analysis, bit: number) => {
      for (const e of analysis.evidence) {
        masks.set(e.term, (masks.get(e.term) ?? 0) | (1 << bit));
        if (e.sound) masks.set(e.sound, (masks.get(e.sound) ?? 0) | (1 << bit));
      }
    };
    mark(title, FIELD_TITLE);
    mark(tags, FIELD_TAGS);
    mark(body, FIELD_BODY);
    questions.forEach((q, i) => mark(q, questionBit(i)));
    for (const [term, mask] of masks) {
      let list = this.postings.get(term);
      if (!list) this.postings.set(term, (list = []));
      list.push(slot * MASK_SPAN + (mask >>> 0));
      this.docFreq.set(term, (this.docFreq.get(term) ?? 0) + 1);
      if (term.startsWith('w:')) this.rememberWord(term.slice(2));
    }
    this.docs.push({ slot, article, passages: [title, ...questions] });
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
    // Its postings stay until the next compaction and are skipped; the counts change at once.
    const terms = new Set<string>();
    for (const text of [doc.article.title, doc.article.body, [doc.article.category, ...doc.article.tags].join(' | '), ...doc.article.questions]) {
      for (const e of analyze(botForm(text), { sounds: true }).evidence) {
        terms.add(e.term);
        if (e.sound) terms.add(e.sound);
      }
    }
    for (const term of terms) {
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

  /** How rare a term is: inverse document frequency (BM25's form, never negative). */
  idf(term: string): number {
    const n = this.live;
    const df = this.docFreq.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Calls `visit` for every live article holding `term`, with the field bits it is in. */
  forEachPosting(term: string, visit: (doc: IndexedDoc<A>, mask: number) => void): void {
    const list = this.postings.get(term);
    if (!list) return;
    for (const entry of list) {
      const slot = Math.floor(entry / MASK_SPAN);
      const doc = this.docs[slot];
      if (doc) visit(doc, entry % MASK_SPAN);
    }
  }

  /** Known words within typing distance of `word` (not the word itself), closest first. */
  similarWords(word: string): string[] {
    const allowance = typoAllowance(word.length);
    if (allowance === 0) return [];
    const found: { word: string; distance: number }[] = [];
    for (let len = word.length - allowance; len <= word.length + allowance; len++) {
      for (const known of this.wordsByLength.get(len) ?? []) {
        // A typo seldom hits both of the first two letters; comparing only those is much faster.
        if (known === word || (known[0] !== word[0] && known[1] !== word[1])) continue;
        if (!this.docFreq.has(`w:${known}`)) continue;
        const limit = Math.min(allowance, typoAllowance(known.length));
        const d = editDistance(word, known, limit);
        if (d <= limit && d > 0) found.push({ word: known, distance: d });
      }
    }
    return found.sort((a, b) => a.distance - b.distance || this.idf(`w:${a.word}`) - this.idf(`w:${b.word}`)).map((f) => f.word);
  }

  private rememberWord(word: string): void {
    let set = this.wordsByLength.get(word.length);
    if (!set) this.wordsByLength.set(word.length, (set = new Set()));
    set.add(word);
  }

  /** Drops postings of removed articles (their slots are not reused, so nothing else moves). */
  private compact(): void {
    for (const [term, list] of this.postings) {
      const kept = list.filter((entry) => this.docs[Math.floor(entry / MASK_SPAN)] !== null);
      if (kept.length === 0) this.postings.delete(term);
      else this.postings.set(term, kept);
    }
    this.dead = 0;
  }
}
