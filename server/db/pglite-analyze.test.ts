import { describe, expect, it } from 'vitest';
import { AnalyzeSchedule } from './pglite-analyze';

describe('AnalyzeSchedule', () => {
  it('analyses after 5,000 statements, then after twice as many each time, one at a time', async () => {
    let runs = 0;
    let finish: () => void = () => undefined;
    const schedule = new AnalyzeSchedule(() => {
      runs++;
      return new Promise<void>((resolve) => (finish = resolve));
    });
    for (let i = 0; i < 4_999; i++) schedule.ran();
    expect(runs).toBe(0);
    schedule.ran();
    expect(runs).toBe(1);
    // While one runs, none starts; the count goes on.
    for (let i = 0; i < 10_000; i++) schedule.ran();
    expect(runs).toBe(1);
    finish();
    await schedule.settled();
    schedule.ran();
    expect(runs).toBe(2);
    finish();
    await schedule.settled();
    for (let i = 0; i < 19_999; i++) schedule.ran();
    expect(runs).toBe(2);
    schedule.ran();
    expect(runs).toBe(3);
    finish();
    await schedule.settled();
  });

  it('a failed ANALYZE is tried again at the next turn', async () => {
    let runs = 0;
    const schedule = new AnalyzeSchedule(async () => {
      runs++;
      throw new Error('the database closed');
    });
    for (let i = 0; i < 5_000; i++) schedule.ran();
    await schedule.settled();
    for (let i = 0; i < 10_000; i++) schedule.ran();
    await schedule.settled();
    expect(runs).toBe(2);
  });
});
