import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { kbExchangeFileSchema } from '../../shared/knowledge';
import type { IndexableArticle } from '../../server/domain/bot/retrieval/indexable-article';

/** One labelled customer question: the article that answers it, or null where a person is needed. */
/** `style` (optional) says how the question is written (typo, pinyin, paraphrase, cross …): figures are also given per style. */
export const evalQuestionSchema = z.object({ q: z.string().min(1), expect: z.string().nullable(), style: z.string().optional() });
export type EvalQuestion = z.infer<typeof evalQuestionSchema>;

/** Reads a knowledge base in the import/export format. */
export function readKb(file: string): IndexableArticle[] {
  const items = kbExchangeFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  return items
    .filter((a) => a.enabled !== false)
    .map((a) => ({ id: a.id, lang: a.lang, title: a.title, body: a.body, category: a.category ?? '', tags: a.tags ?? [], questions: a.questions ?? [] }));
}

/** Reads a questions file (`[{ "q", "expect" }]`; other fields are ignored). */
export function readQuestions(file: string): EvalQuestion[] {
  return z.array(evalQuestionSchema).parse(JSON.parse(readFileSync(file, 'utf8')));
}
