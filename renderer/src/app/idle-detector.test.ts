import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualTimers } from '../testing/manual-timers';
import { createIdleDetector } from './idle-detector';

function setup() {
  const timers = new ManualTimers();
  const events: string[] = [];
  const detector = createIdleDetector({
    timers,
    onIdle: () => events.push('idle'),
    onActive: () => events.push('active'),
  });
  return { timers, events, detector };
}

describe('idle detector', () => {
  it('reports idle once after the timeout without activity', () => {
    const { timers, events, detector } = setup();
    detector.configure(60_000);
    timers.advance(59_999);
    expect(events).toEqual([]);
    timers.advance(1);
    expect(events).toEqual(['idle']);
    expect(detector.idle).toBe(true);
    timers.advance(10 * 60_000);
    expect(events).toEqual(['idle']);
  });

  it('each activity restarts the wait', () => {
    const { timers, events, detector } = setup();
    detector.configure(60_000);
    timers.advance(50_000);
    detector.activity();
    timers.advance(50_000);
    detector.activity();
    timers.advance(59_000);
    expect(events).toEqual([]);
    timers.advance(1_000);
    expect(events).toEqual(['idle']);
  });

  it('the first activity after idleness reports the return, and the wait starts again', () => {
    const { timers, events, detector } = setup();
    detector.configure(1_000);
    timers.advance(1_000);
    detector.activity();
    detector.activity();
    expect(events).toEqual(['idle', 'active']);
    expect(detector.idle).toBe(false);
    timers.advance(1_000);
    expect(events).toEqual(['idle', 'active', 'idle']);
  });

  it('does nothing until configured, and stops when configured off', () => {
    const { timers, events, detector } = setup();
    detector.activity();
    timers.advance(10 * 60_000);
    expect(events).toEqual([]);
    expect(timers.pending).toBe(0);

    detector.configure(1_000);
    timers.advance(1_000);
    detector.configure(null);
    expect(detector.idle).toBe(false);
    detector.activity();
    timers.advance(5_000);
    expect(events).toEqual(['idle']);
    expect(timers.pending).toBe(0);
  });

  it('a new timeout applies from now', () => {
    const { timers, events, detector } = setup();
    detector.configure(60_000);
    timers.advance(30_000);
    detector.configure(10_000);
    timers.advance(9_999);
    expect(events).toEqual([]);
    timers.advance(1);
    expect(events).toEqual(['idle']);
  });

  it('stop leaves no timer behind', () => {
    const { timers, detector } = setup();
    detector.configure(1_000);
    detector.stop();
    expect(timers.pending).toBe(0);
  });

  it('a visible, focused window counts as present: reading without input never goes idle', () => {
    const { timers, events, detector } = setup();
    detector.configure(10 * 60_000);
    detector.setPresent(true);
    timers.advance(60 * 60_000);
    expect(events).toEqual([]);
    expect(timers.pending).toBe(0);
  });

  it('goes idle only after the timeout without input while the window is hidden or in the background', () => {
    const { timers, events, detector } = setup();
    detector.configure(10 * 60_000);
    detector.setPresent(true);
    timers.advance(30 * 60_000);
    // The wait starts when the window leaves, not at the last keystroke half an hour ago.
    detector.setPresent(false);
    timers.advance(10 * 60_000 - 1);
    expect(events).toEqual([]);
    detector.activity();
    timers.advance(10 * 60_000 - 1);
    expect(events).toEqual([]);
    timers.advance(1);
    expect(events).toEqual(['idle']);
  });

  it('coming back to the window ends idleness, and leaving it again starts a new wait', () => {
    const { timers, events, detector } = setup();
    detector.configure(60_000);
    detector.setPresent(false);
    timers.advance(60_000);
    detector.setPresent(true);
    expect(events).toEqual(['idle', 'active']);
    expect(detector.idle).toBe(false);
    detector.setPresent(false);
    timers.advance(59_999);
    expect(events).toEqual(['idle', 'active']);
    timers.advance(1);
    expect(events).toEqual(['idle', 'active', 'idle']);
  });

  describe('on the page\'s timers', () => {
    afterEach(() => vi.useRealTimers());

    it('uses setTimeout by default', () => {
      vi.useFakeTimers();
      const onIdle = vi.fn();
      const detector = createIdleDetector({ onIdle, onActive: () => undefined });
      detector.configure(300_000);
      vi.advanceTimersByTime(299_999);
      expect(onIdle).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(onIdle).toHaveBeenCalledTimes(1);
      detector.stop();
    });
  });
});
