/** The shape of a retry curve: the first wait, how much each further failure multiplies it, and its ceiling. */
export interface BackoffCurve {
  baseMs: number;
  /** 2 when omitted: each failure doubles the wait. */
  factor?: number;
  capMs: number;
  /**
   * `upper-half`: a random wait between half the step and the whole step, so clients that failed
   * together do not all retry in the same instant. Omitted: the step itself.
   */
  jitter?: 'upper-half';
}

/**
 * The wait after the n-th consecutive failure (0 = the first): `baseMs × factor^n`, never above
 * `capMs`, jittered when the curve asks for it. `random` (in [0, 1)) is an input so tests can pin it.
 */
export function backoffDelay(curve: BackoffCurve, failure: number, random: () => number = Math.random): number {
  const step = Math.min(curve.capMs, curve.baseMs * (curve.factor ?? 2) ** Math.max(0, failure));
  if (curve.jitter !== 'upper-half') return step;
  return Math.round(step / 2 + (random() * step) / 2);
}
