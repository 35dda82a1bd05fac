import { describe, expect, it } from 'vitest';
import { ManualClock } from './manual-clock';

describe('manual clock', () => {
  it('runs timers only when advanced past them, in the order they fall due', async () => {
    const clock = new ManualClock(0);
    const ran: string[] = [];
    clock.after(30, () => ran.push('late'));
    clock.after(10, () => ran.push('early'));
    await clock.advance(9);
    expect(ran).toEqual([]);
    await clock.advance(30);
    expect(ran).toEqual(['early', 'late']);
    expect(clock.now()).toBe(39);
  });

  it('runs timers started by a timer when they fall due within the same advance', async () => {
    const clock = new ManualClock(0);
    const ran: number[] = [];
    clock.after(10, () => clock.after(10, () => ran.push(clock.now())));
    await clock.advance(25);
    expect(ran).toEqual([20]);
  });

  it('never runs a cancelled timer, and waits for the work a timer returns', async () => {
    const clock = new ManualClock(0);
    let done = false;
    clock.after(5, () => {
      throw new Error('cancelled timers never run');
    }).cancel();
    clock.after(5, async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      done = true;
    });
    await clock.advance(5);
    expect(done).toBe(true);
    expect(clock.waiting()).toBe(0);
  });
});
