import { describe, expect, it } from 'vitest';
import { afterFailure } from './retry-policy';

const policy = { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 5_000 };

describe('retrying a reply on its platform', () => {
  it('waits twice as long after each failure, up to the longest wait', () => {
    expect([1, 2, 3].map((attempt) => afterFailure(policy, attempt, true))).toEqual([
      { retry: true, delayMs: 1_000 },
      { retry: true, delayMs: 2_000 },
      { retry: true, delayMs: 4_000 },
    ]);
    expect(afterFailure({ ...policy, maxAttempts: 10 }, 6, true)).toEqual({ retry: true, delayMs: 5_000 });
  });

  it('gives up after the last attempt, and at once when the platform refused for good', () => {
    expect(afterFailure(policy, 4, true)).toEqual({ retry: false });
    expect(afterFailure(policy, 1, false)).toEqual({ retry: false });
  });

  it('waits as long as the platform asks, within the longest wait', () => {
    expect(afterFailure(policy, 1, true, 3_000)).toEqual({ retry: true, delayMs: 3_000 });
    expect(afterFailure(policy, 1, true, 60_000)).toEqual({ retry: true, delayMs: 5_000 });
    expect(afterFailure(policy, 2, true, 10)).toEqual({ retry: true, delayMs: 2_000 });
  });
});
