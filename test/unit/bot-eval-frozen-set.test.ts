import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { kbExchangeFileSchema } from '../../shared/knowledge';
import { evalQuestionSchema } from '../bot-eval/eval-files';

const fixture = (set: string, name: string) => fileURLToPath(new URL(`../fixtures/bot-eval/${set}/${name}`, import.meta.url));
const readJson = (set: string, name: string): unknown => JSON.parse(readFileSync(fixture(set, name), 'utf8'));

const frozenQuestionSchema = evalQuestionSchema.extend({
  lang: z.enum(['zh', 'en']),
  style: z.enum(['typo', 'pinyin', 'mixed', 'emoji', 'long', 'paraphrase', 'cross', 'plain']),
});

describe.each(['frozen', 'frozen-v2'])('the frozen evaluation set %s (an unseen shop, never used for tuning)', (set) => {
  const kb = kbExchangeFileSchema.parse(readJson(set, 'kb.json'));
  const questions = z.array(frozenQuestionSchema).parse(readJson(set, 'questions.json'));

  it('has at least 44 articles and 220 questions, each language asked at least 70 times', () => {
    expect(kb.length).toBeGreaterThanOrEqual(44);
    expect(new Set(kb.map((a) => a.id)).size).toBe(kb.length);
    expect(questions.length).toBeGreaterThanOrEqual(220);
    expect(questions.filter((q) => q.lang === 'zh').length).toBeGreaterThanOrEqual(70);
    expect(questions.filter((q) => q.lang === 'en').length).toBeGreaterThanOrEqual(70);
  });

  it('expects only articles of its knowledge base, and a person for 15–25% of the questions', () => {
    const ids = new Set(kb.map((a) => a.id));
    for (const q of questions) if (q.expect !== null) expect(ids.has(q.expect), q.q).toBe(true);
    const forPerson = questions.filter((q) => q.expect === null).length / questions.length;
    expect(forPerson).toBeGreaterThanOrEqual(0.15);
    expect(forPerson).toBeLessThanOrEqual(0.25);
  });
});
