import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { RequestBudget, type RequestBudgetLimits } from './request-budget';

const limits: RequestBudgetLimits = {
  running: 2,
  waiting: 2,
  window: { max: 10, windowMs: 10_000 },
  heavy: new Set(['sync:changes']),
  heavyWaiting: 1,
};

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a refusal');
}

describe("one socket's request budget", () => {
  it('runs a few at once, lines up a few more, and refuses the rest with rate_limited and a retry hint', async () => {
    const budget = new RequestBudget(limits, () => 0);
    const first = await budget.admit('conversations:list');
    await budget.admit('conversations:list');
    let thirdRan = false;
    const third = budget.admit('conversations:list').then((release) => {
      thirdRan = true;
      return release;
    });
    void budget.admit('conversations:list');
    const refused = refusal(() => budget.admit('conversations:list'));
    expect(refused.toJSON()).toMatchObject({ code: 'rate_limited', details: { retryAfterSeconds: '1' } });
    expect(thirdRan).toBe(false);
    first();
    first(); // a second release of the same turn frees nothing more
    await third;
    expect(thirdRan).toBe(true);
  });

  it('runs one heavy request at a time; a heavy request refused holds no turn', async () => {
    const budget = new RequestBudget(limits, () => 0);
    const running = await budget.admit('sync:changes');
    let secondRan = false;
    const second = budget.admit('sync:changes').then((release) => {
      secondRan = true;
      return release;
    });
    expect(refusal(() => budget.admit('sync:changes')).code).toBe('rate_limited');
    // Light requests still pass the heavy line.
    (await budget.admit('presence:set'))();
    expect(secondRan).toBe(false);
    running();
    (await second)();
    expect(secondRan).toBe(true);
  });

  it('counts every request in its window, and lets the socket in again once the window moved on', async () => {
    let now = 0;
    const budget = new RequestBudget(limits, () => now);
    for (let i = 0; i < limits.window.max; i++) (await budget.admit('presence:set'))();
    expect(refusal(() => budget.admit('presence:set')).toJSON()).toMatchObject({ code: 'rate_limited', details: { retryAfterSeconds: '10' } });
    now += limits.window.windowMs;
    await expect(budget.admit('presence:set')).resolves.toBeTypeOf('function');
  });
});
