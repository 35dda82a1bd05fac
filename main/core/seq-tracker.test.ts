import { describe, expect, it } from 'vitest';
import { SeqTracker } from './seq-tracker';

describe('sequence tracker', () => {
  it('moves the cursor over consecutive numbers', () => {
    const t = new SeqTracker(10);
    expect(t.see(11)).toBe(true);
    expect(t.see(12)).toBe(true);
    expect(t.cursor).toBe(12);
    expect(t.hasGap()).toBe(false);
  });

  it('holds the cursor below a missing number and reports the gap', () => {
    const t = new SeqTracker(10);
    t.see(12);
    t.see(13);
    expect(t.cursor).toBe(10);
    expect(t.hasGap()).toBe(true);
    t.see(11);
    expect(t.cursor).toBe(13);
    expect(t.hasGap()).toBe(false);
  });

  it('ignores numbers already behind the cursor (a late duplicate)', () => {
    const t = new SeqTracker(10);
    expect(t.see(9)).toBe(false);
    expect(t.cursor).toBe(10);
  });

  it('lets a catch-up page close the gap and keeps numbers seen beyond it', () => {
    const t = new SeqTracker(10);
    t.see(15);
    t.see(17);
    t.jumpTo(15);
    expect(t.cursor).toBe(15);
    expect(t.hasGap()).toBe(true);
    t.see(16);
    expect(t.cursor).toBe(17);
  });
});
