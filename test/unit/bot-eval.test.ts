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
  shipped: { zh: { top1: 0.79, resolved: 0.88, wrong: 0.05 }, en: { top1: 0.82, resolved: 0.85, wrong: 0.05 } },
  calibration: { zh: { top1: 0.65, resolved: 0.73, wrong: 0.07 }, en: { top1: 0.73, resolved: 0.76, wrong: 0.08 } },
  // Reported once as the held-out set (zh 0.508 / 0.627 / 0.085, en 0.552 / 0.583 / 0.125), then
  // calibrated on with the calibration set (zh 0.571 / 0.667 / 0.068, en 0.583 / 0.625 / 0.073).
  frozen: { zh: { top1: 0.55, resolved: 0.65, wrong: 0.085 }, en: { top1: 0.56, resolved: 0.6, wrong: 0.09 } },
  // The second held-out set, measured once after the dictionary change (zh 0.469 / 0.588 / 0.096,
  // en 0.453 / 0.530 / 0.068; before it zh 0.458 / 0.633 / 0.102, en 0.470 / 0.581 / 0.111): a
  // guard against falling further, never calibrated on.
  'frozen-v2': { zh: { top1: 0.45, resolved: 0.57, wrong: 0.11 }, en: { top1: 0.43, resolved: 0.51, wrong: 0.085 } },
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

  for (const set of ['shipped', 'calibration', 'frozen', 'frozen-v2'] as const) {
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
