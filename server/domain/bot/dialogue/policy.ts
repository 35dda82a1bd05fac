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
  /** At most this many are offered. */
  maxChoices: number;
};

/*
 * Chosen by `npm run bot:calibrate` (objective in test/bot-eval/calibrate.ts: the most top-1,
 * then the most resolved, with wrong answers ≤ 0.08 in each language). See the figures there and
 * in the commit that set them.
 */
export const DEFAULT_THRESHOLDS: Thresholds = { answer: 0.36, floor: 0.3, margin: 0.02, maxChoices: 3 };

export type Decision<T extends Scored> =
  | { kind: 'answer'; best: T }
  /** `sure`: the best is above `answer` but others are as close (which one?); otherwise none is sure (suggestions). */
  | { kind: 'clarify'; options: T[]; sure: boolean }
  | { kind: 'miss'; best: T | null };

/**
 * The threshold rule, candidates best first: a best candidate below `floor` is a miss; at or
 * above `answer` with no other within `margin` it is the answer; otherwise the plausible ones
 * (at or above `floor`, at most `maxChoices`) are offered.
 */
export function decide<T extends Scored>(candidates: readonly T[], thresholds: Thresholds = DEFAULT_THRESHOLDS): Decision<T> {
  const best = candidates[0];
  if (!best || best.confidence < thresholds.floor) return { kind: 'miss', best: best ?? null };
  const plausible = candidates.filter((c) => c.confidence >= thresholds.floor).slice(0, thresholds.maxChoices);
  if (best.confidence >= thresholds.answer) {
    const close = plausible.slice(1).filter((c) => best.confidence - c.confidence <= thresholds.margin);
    if (close.length === 0) return { kind: 'answer', best };
    return { kind: 'clarify', options: [best, ...close], sure: true };
  }
  return { kind: 'clarify', options: plausible, sure: false };
}
