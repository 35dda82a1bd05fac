import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readKb, readQuestions } from '../bot-eval/eval-files';
import { evaluate } from '../bot-eval/evaluate';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/bot-eval/${name}`, import.meta.url));
const kb = readKb(fixture('kb.json'));

describe('the bot measured on labelled customer questions', () => {
  it('ships a set of at least 40 articles and 200 questions, about 15% of them for a person', () => {
    const questions = readQuestions(fixture('questions.json'));
    expect(kb.length).toBeGreaterThanOrEqual(40);
    expect(new Set(kb.map((a) => a.lang))).toEqual(new Set(['zh', 'en']));
    expect(questions.length).toBeGreaterThanOrEqual(200);
    const ids = new Set(kb.map((a) => a.id));
    for (const q of questions) if (q.expect !== null) expect(ids.has(q.expect), q.q).toBe(true);
    const forPerson = questions.filter((q) => q.expect === null).length / questions.length;
    expect(forPerson).toBeGreaterThan(0.1);
    expect(forPerson).toBeLessThan(0.25);
  });

  for (const file of ['questions.json', 'holdout-questions.json']) {
    it(`beats MiniSearch on top-1 accuracy and wrong answers (${file})`, () => {
      const { report } = evaluate(kb, readQuestions(fixture(file)));
      console.log(file, JSON.stringify(report));
      expect(report.top1).toBeGreaterThan(report.baseline.top1);
      expect(report.wrongRate).toBeLessThan(report.baseline.wrongRate);
      expect(report.n).toBe(report.baseline.n);
    });
  }
});
