/** Something retrieval found, as the decision sees it. */
export type Scored = { id: string; confidence: number };

/** When the bot answers, offers what it may mean, or says it does not know. */
export type Thresholds = {
  /** The best candidate answers at or above this (with no other within `margin`). */
  answer: number;
  /** Candidates at or above this are plausible: offered as suggestions when none is sure. Below it nothing is offered. */
  floor: number;
  /** A sure candidate with another this close is not answered: both are offered. */
  margin: number;
  /**
   * A best candidate at or above `floor` that leads the second by this factor (confidence ratio)
   * is answered too: a paraphrase shares few words with its article, but no other article comes
   * near. Infinity turns this off.
   */
  lead: number;
  /** At most this many are offered. */
  maxChoices: number;
};

/*
 * Chosen by `npm run bot:calibrate` (objective in test/bot-eval/calibrate.ts: wrong answers ≤ 0.08
 * in each language; the most worse-language top-1, then, within 0.02 of it, the most resolved) on
 * the calibration set (test/fixtures/bot-eval/calibration, cosmetics shop, 264 questions) on
 * 2026-12-07: zh top-1 0.678, resolved 0.760, wrong 0.064; en top-1 0.710, resolved 0.774, wrong
 * 0.075. The same values on the shipped set: zh top-1 0.799, resolved 0.899, wrong 0.038; en top-1
 * 0.819, resolved 0.857, wrong 0.038. maxChoices is the product's rule (at most three offered).
 */
export const DEFAULT_THRESHOLDS: Thresholds = { answer: 0.5, floor: 0.26, margin: 0.1, lead: 1.5, maxChoices: 3 };

export type Decision<T extends Scored> =
  | { kind: 'answer'; best: T }
  /** `sure`: the best is above `answer` but others are as close (which one?); otherwise none is sure (suggestions). */
  | { kind: 'clarify'; options: T[]; sure: boolean }
  | { kind: 'miss'; best: T | null };

/**
 * The threshold rule, candidates best first: a best candidate below `floor` is a miss; at or
 * above `answer` with no other within `margin` it is the answer, and so it is below `answer`
 * when it leads the second by `lead` times; otherwise the plausible ones (at or above `floor`,
 * at most `maxChoices`) are offered.
 */
export function decide<T extends Scored>(candidates: readonly T[], thresholds: Thresholds = DEFAULT_THRESHOLDS): Decision<T> {
  const best = candidates[0];
  if (!best || best.confidence < thresholds.floor) return { kind: 'miss', best: best ?? null };
  const plausible = candidates.filter((c) => c.confidence >= thresholds.floor).slice(0, thresholds.maxChoices);
  const second = candidates[1]?.confidence ?? 0;
  if (best.confidence < thresholds.answer && best.confidence >= thresholds.lead * second) return { kind: 'answer', best };
  if (best.confidence >= thresholds.answer) {
    const close = plausible.slice(1).filter((c) => best.confidence - c.confidence <= thresholds.margin);
    if (close.length === 0) return { kind: 'answer', best };
    return { kind: 'clarify', options: [best, ...close], sure: true };
  }
  return { kind: 'clarify', options: plausible, sure: false };
}
