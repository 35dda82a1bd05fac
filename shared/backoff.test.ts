import { describe, expect, it } from 'vitest';
import { backoffDelay, type BackoffCurve } from './backoff';

describe('backoff curve', () => {
  const doubling: BackoffCurve = { baseMs: 100, capMs: 1_000 };

  it('starts at the base and doubles with each failure until the cap', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelay(doubling, n))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('multiplies by the factor it is given', () => {
    expect([0, 1, 2].map((n) => backoffDelay({ baseMs: 10, factor: 3, capMs: 1_000 }, n))).toEqual([10, 30, 90]);
  });

  it('stays at the cap however many failures there were', () => {
    expect(backoffDelay(doubling, 5_000)).toBe(1_000);
  });

  it('treats a negative failure count as the first failure', () => {
    expect(backoffDelay(doubling, -1)).toBe(100);
  });

  it('jitters between half the step and the whole step with the injected random', () => {
    const jittered: BackoffCurve = { ...doubling, jitter: 'upper-half' };
    expect(backoffDelay(jittered, 2, () => 0)).toBe(200);
    expect(backoffDelay(jittered, 2, () => 0.5)).toBe(300);
    expect(backoffDelay(jittered, 2, () => 1)).toBe(400);
  });

  it('ignores the random when the curve has no jitter', () => {
    expect(backoffDelay(doubling, 1, () => 0)).toBe(200);
  });
});
