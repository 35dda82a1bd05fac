/** A timer a clock started; cancelling one that already ran (or was cancelled) does nothing. */
export interface ScheduledTimer {
  cancel(): void;
}

/**
 * Time as the client core sees it: the system clock in the app; tests pass a clock they advance,
 * so waiting for a retry or a debounce costs them no real time.
 */
export interface CoreClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /**
   * Runs `run` once after `ms`. The timer does not keep the process alive unless `keepAlive` is
   * set (a reconnect attempt does; a debounce or a background retry does not). `run` may return
   * the promise of the work it starts, so a test clock can wait for that work when it advances.
   */
  after(ms: number, run: () => unknown, options?: { keepAlive?: boolean }): ScheduledTimer;
}

export const systemClock: CoreClock = {
  now: () => Date.now(),
  after(ms, run, options = {}) {
    const timer = setTimeout(run, ms);
    if (!options.keepAlive) timer.unref?.();
    return { cancel: () => clearTimeout(timer) };
  },
};
