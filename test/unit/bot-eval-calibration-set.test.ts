import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { langSchema } from '../../shared/domain';
import { checkKbImportFile } from '../../shared/kb-exchange';
import { evalQuestionSchema } from '../bot-eval/eval-files';

/** The calibration set (test/fixtures/bot-eval/calibration): well formed and shaped as its README says. */

const file = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/bot-eval/calibration/${name}`, import.meta.url)), 'utf8');

const STYLES = ['plain', 'paraphrase', 'typo', 'pinyin', 'mixed', 'emoji', 'long', 'cross'] as const;
const calibrationQuestionSchema = evalQuestionSchema.extend({ lang: langSchema, style: z.enum(STYLES) }).strict();

describe('the calibration set', () => {
  const kb = checkKbImportFile(file('kb.json'));
  const questions = z.array(calibrationQuestionSchema).parse(JSON.parse(file('questions.json')));
  const ids = new Set(kb.items.map((a) => a.id));

  it('is a knowledge base the import accepts, with at least 40 articles in both languages', () => {
    expect(kb.problems).toEqual([]);
    expect(kb.items.length).toBeGreaterThanOrEqual(40);
    const zh = kb.items.filter((a) => a.lang === 'zh').length;
    expect(zh).toBeGreaterThan(kb.items.length / 2);
    expect(kb.items.length - zh).toBeGreaterThanOrEqual(10);
  });

  it('has at least 200 questions, 60 or more in each language, every style used', () => {
    expect(questions.length).toBeGreaterThanOrEqual(200);
    for (const lang of langSchema.options) expect(questions.filter((q) => q.lang === lang).length).toBeGreaterThanOrEqual(60);
    for (const style of STYLES) expect(questions.some((q) => q.style === style), style).toBe(true);
    expect(new Set(questions.map((q) => q.q)).size).toBe(questions.length);
  });

  it('expects only articles that exist, each of them at least twice', () => {
    expect(questions.map((q) => q.expect).filter((id) => id !== null && !ids.has(id))).toEqual([]);
    const counts = new Map<string, number>();
    for (const q of questions) if (q.expect) counts.set(q.expect, (counts.get(q.expect) ?? 0) + 1);
    expect([...ids].filter((id) => (counts.get(id) ?? 0) < 2)).toEqual([]);
  });

  it('leaves 15–25% of the questions to a person', () => {
    const share = questions.filter((q) => q.expect === null).length / questions.length;
    expect(share).toBeGreaterThanOrEqual(0.15);
    expect(share).toBeLessThanOrEqual(0.25);
  });
});
