import type { KbArticle } from '../../../../shared/domain';

/** What retrieval reads of an article. */
export type IndexableArticle = Pick<KbArticle, 'id' | 'lang' | 'title' | 'body' | 'category' | 'tags' | 'questions'>;

/**
 * Where in an article a term was found, as bits: the title, the tags and category, the body, and
 * each alternative question from bit 3 on (questions past the 29th share the last bit).
 */
export const FIELD_TITLE = 0;
export const FIELD_TAGS = 1;
export const FIELD_BODY = 2;
export const FIRST_QUESTION_BIT = 3;
export const LAST_BIT = 31;

export const questionBit = (index: number) => Math.min(FIRST_QUESTION_BIT + index, LAST_BIT);

/** How much a match in each kind of field says about the article answering the query. */
export const FIELD_WEIGHT = { title: 1, question: 1, tags: 0.9, body: 0.6 } as const;

/** The weight of the best field in a mask of field bits. */
export function bestFieldWeight(mask: number): number {
  if (mask & ~((1 << FIELD_TAGS) | (1 << FIELD_BODY))) return FIELD_WEIGHT.title;
  if (mask & (1 << FIELD_TAGS)) return FIELD_WEIGHT.tags;
  return mask & (1 << FIELD_BODY) ? FIELD_WEIGHT.body : 0;
}
