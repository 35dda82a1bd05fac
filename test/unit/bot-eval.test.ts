import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readKb, readQuestions } from '../bot-eval/eval-files';
import { evalSetFiles } from '../bot-eval/eval-sets';
import { evaluate } from '../bot-eval/evaluate';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/bot-eval/${name}`, import.meta.url));

/**
 * Fixed floors per language, a little under what the bot measured when its thresholds were
 * calibrated (see dialogue/policy.ts): a change that makes the bot answer fewer customers right,
 * offer fewer right suggestions or answer more of them wrongly fails here.
 */
const FLOORS = {
  shipped: { zh: { top1: 0.78, resolved: 0.88, wrong: 0.06 }, en: { top1: 0.8, resolved: 0.84, wrong: 0.06 } },
  calibration: { zh: { top1: 0.66, resolved: 0.74, wrong: 0.08 }, en: { top1: 0.69, resolved: 0.75, wrong: 0.08 } },
  // Measured once, after the retrieval change (zh 0.508 / 0.627 / 0.085, en 0.552 / 0.583 / 0.125):
  // a guard against falling further, not a goal (the goal is top-1 0.80 and wrong 0.10).
  frozen: { zh: { top1: 0.49, resolved: 0.61, wrong: 0.095 }, en: { top1: 0.53, resolved: 0.56, wrong: 0.135 } },
} as const;

describe('the bot measured on labelled customer questions', () => {
  it('ships a set of at least 40 articles and 200 questions, about 15% of them for a person', () => {
    const kb = readKb(fixture('kb.json'));
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

  for (const set of ['shipped', 'calibration', 'frozen'] as const) {
    it(`keeps top-1, resolved and wrong answers within fixed bounds in each language (${set} set)`, () => {
      const files = evalSetFiles(set);
      const { reports } = evaluate(readKb(files.kb), readQuestions(files.questions));
      console.log(set, JSON.stringify({ zh: reports.zh, en: reports.en }));
      for (const lang of ['zh', 'en'] as const) {
        const r = reports[lang];
        const floor = FLOORS[set][lang];
        expect(r.top1, `${lang} top-1`).toBeGreaterThanOrEqual(floor.top1);
        expect(r.resolved, `${lang} resolved`).toBeGreaterThanOrEqual(floor.resolved);
        expect(r.wrongRate, `${lang} wrong`).toBeLessThanOrEqual(floor.wrong);
      }
    });
  }
});
