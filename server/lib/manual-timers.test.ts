import { describe, expect, it } from 'vitest';
import { ManualTimers } from './manual-timers';
import { delay } from './timers';

describe('manual timers', () => {
  it('runs what falls due in time order, each at its own moment', () => {
    const timers = new ManualTimers(1_000);
    const seen: string[] = [];
    timers.timeout(300, () => seen.push(`b@${timers.clock()}`));
    timers.timeout(100, () => seen.push(`a@${timers.clock()}`));
    timers.advance(200);
    expect(seen).toEqual(['a@1100']);
    timers.advance(200);
    expect(seen).toEqual(['a@1100', 'b@1300']);
    expect(timers.clock()).toBe(1_400);
    expect(timers.pending).toBe(0);
  });

  it('repeats intervals until cancelled, and never runs a cancelled timeout', () => {
    const timers = new ManualTimers(0);
    let ticks = 0;
    let late = false;
    const interval = timers.interval(100, () => ticks++);
    timers.timeout(50, () => (late = true)).cancel();
    timers.advance(350);
    expect(ticks).toBe(3);
    interval.cancel();
    timers.advance(1_000);
    expect(ticks).toBe(3);
    expect(late).toBe(false);
  });

  it('resolves a delay once its time is reached', async () => {
    const timers = new ManualTimers(0);
    let resolved: string | null = null;
    const waiting = delay(timers, 500, 'late').then((v) => (resolved = v));
    timers.advance(499);
    await Promise.resolve();
    expect(resolved).toBeNull();
    timers.advance(1);
    await waiting;
    expect(resolved).toBe('late');
  });

  it('cancels a delay whose signal aborts', () => {
    const timers = new ManualTimers(0);
    const abort = new AbortController();
    void delay(timers, 500, 'late', abort.signal);
    expect(timers.pending).toBe(1);
    abort.abort();
    expect(timers.pending).toBe(0);
  });
});
