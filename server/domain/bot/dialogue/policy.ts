/** Something retrieval found, as the decision sees it. */
export type Scored = { id: string; confidence: number };

/** When the bot answers, asks which one is meant, or says it does not know. */
export type Thresholds = {
  /** The best candidate answers at or above this. */
  answer: number;
  /** Below this nothing is offered at all. */
  floor: number;
  /** Candidates this close to the best one are offered together. */
  margin: number;
  /** At most this many are offered. */
  maxChoices: number;
};

export const DEFAULT_THRESHOLDS: Thresholds = { answer: 0.5, floor: 0.42, margin: 0.06, maxChoices: 3 };

export type Decision<T extends Scored> =
  | { kind: 'answer'; best: T }
  | { kind: 'clarify'; options: T[] }
  | { kind: 'miss'; best: T | null };

/**
 * The threshold rule: nothing at or above `floor` is a miss; a best candidate with others within
 * `margin` of it (and above `floor`) is a question of which one is meant; a best candidate alone
 * at or above `answer` is the answer; anything else is a miss. Candidates come best first.
 */
export function decide<T extends Scored>(candidates: readonly T[], thresholds: Thresholds = DEFAULT_THRESHOLDS): Decision<T> {
  const best = candidates[0];
  if (!best || best.confidence < thresholds.floor) return { kind: 'miss', best: best ?? null };
  const close = candidates
    .slice(1)
    .filter((c) => c.confidence >= thresholds.floor && best.confidence - c.confidence <= thresholds.margin)
    .slice(0, thresholds.maxChoices - 1);
  if (close.length > 0) return { kind: 'clarify', options: [best, ...close] };
  if (best.confidence >= thresholds.answer) return { kind: 'answer', best };
  return { kind: 'miss', best };
}
