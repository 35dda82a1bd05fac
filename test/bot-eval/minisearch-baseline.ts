import MiniSearch from 'minisearch';
import type { IndexableArticle } from '../../server/domain/bot/retrieval/indexable-article';
import type { FirstAction } from './metrics';

type Doc = { id: string; title: string; questions: string; body: string; tags: string };

const HAN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/gu;

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
 * The baseline: MiniSearch as configured by its defaults (its default search options: OR, no
 * boosts, no fuzzy or prefix matching) over title, questions, body and tags, with the CJK
 * character-pair tokenizer. Its answer is its top result, if any: no thresholds, no language filter.
 */
export function miniSearchAnswerer(articles: readonly IndexableArticle[]): (question: string) => FirstAction {
  const search = new MiniSearch<Doc>({ fields: ['title', 'questions', 'body', 'tags'], tokenize: tokenizeForMiniSearch });
  search.addAll(articles.map(toDoc));
  return (question) => {
    const top = search.search(question)[0];
    return top ? { kind: 'answer', articleId: String(top.id) } : { kind: 'none' };
  };
}

function toDoc(a: IndexableArticle): Doc {
  return { id: a.id, title: a.title, questions: a.questions.join('\n'), body: a.body, tags: [a.category, ...a.tags].join(' ') };
}
