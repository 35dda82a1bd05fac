import MiniSearch from 'minisearch';
import { decide, DEFAULT_THRESHOLDS, type Thresholds } from '../../server/domain/bot/dialogue/policy';
import type { IndexableArticle } from '../../server/domain/bot/retrieval/indexable-article';
import { detectLanguage } from '../../server/domain/bot/text/language';
import type { FirstAction } from './metrics';

type Doc = { id: string; lang: string; title: string; questions: string; body: string; tags: string };

const HAN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/gu;
const SELF = '\u0000query';

/**
 * The usual way to search Chinese and English with MiniSearch: text folded (NFKC, lower case),
 * Latin words split on spaces and punctuation, Chinese (which has no spaces) as overlapping
 * character pairs.
 */
export function tokenizeForMiniSearch(text: string): string[] {
  const folded = text.normalize('NFKC').toLowerCase();
  const tokens: string[] = [];
  for (const run of folded.match(HAN_RUN) ?? []) {
    const chars = [...run];
    if (chars.length === 1) tokens.push(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i]! + chars[i + 1]!);
  }
  tokens.push(...folded.replace(HAN_RUN, ' ').split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  return tokens;
}

/**
 * The baseline: MiniSearch over the same articles (title and questions boosted, typo-tolerant
 * and prefix search, the customer's language only), with the same threshold rule as the bot. A
 * score becomes a 0–1 confidence relative to a perfect match: the score the query would get
 * against an article whose title is the query itself.
 */
export function miniSearchAnswerer(articles: readonly IndexableArticle[], thresholds: Thresholds = DEFAULT_THRESHOLDS): (question: string) => FirstAction {
  const search = new MiniSearch<Doc>({
    fields: ['title', 'questions', 'body', 'tags'],
    storeFields: ['lang'],
    tokenize: tokenizeForMiniSearch,
    searchOptions: { boost: { title: 2, questions: 2 }, fuzzy: 0.2, prefix: true, combineWith: 'OR' },
  });
  search.addAll(articles.map(toDoc));
  return (question) => {
    const lang = detectLanguage(question) ?? 'zh';
    const self: Doc = { id: SELF, lang, title: question, questions: '', body: '', tags: '' };
    search.add(self);
    const results = search.search(question, { filter: (r) => r.lang === lang });
    search.remove(self);
    const perfect = results.find((r) => r.id === SELF)?.score ?? 0;
    const candidates = results
      .filter((r) => r.id !== SELF)
      .map((r) => ({ id: String(r.id), confidence: perfect > 0 ? Math.min(1, r.score / perfect) : 0 }));
    const decision = decide(candidates, thresholds);
    if (decision.kind === 'answer') return { kind: 'answer', articleId: decision.best.id };
    if (decision.kind === 'clarify') return { kind: 'clarify', articleIds: decision.options.map((o) => o.id) };
    return { kind: 'none' };
  };
}

function toDoc(a: IndexableArticle): Doc {
  return { id: a.id, lang: a.lang, title: a.title, questions: a.questions.join('\n'), body: a.body, tags: [a.category, ...a.tags].join(' ') };
}
