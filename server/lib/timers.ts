/** A scheduled callback; `cancel` is safe to call more than once, and after it ran. */
export type TimerHandle = { cancel(): void };

/**
 * setTimeout and setInterval behind an interface, so services take them as an input and tests
 * advance time instead of waiting. Timers never keep the process alive.
 */
export interface Timers {
  /** Runs `fn` once after `ms`. */
  timeout(ms: number, fn: () => void): TimerHandle;
  /** Runs `fn` every `ms` until cancelled. */
  interval(ms: number, fn: () => void): TimerHandle;
}

export const systemTimers: Timers = {
  timeout(ms, fn) {
    const timer = setTimeout(fn, ms);
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
  interval(ms, fn) {
    const timer = setInterval(fn, ms);
    timer.unref();
    return { cancel: () => clearInterval(timer) };
  },
};

/** Resolves with `value` after `ms`, or never when `signal` aborts first (the timer is then cancelled). */
export function delay<T>(timers: Timers, ms: number, value: T, signal?: AbortSignal): Promise<T> {
  return new Promise((resolve) => {
    if (signal?.aborted) return;
    const handle = timers.timeout(ms, () => resolve(value));
    signal?.addEventListener('abort', () => handle.cancel(), { once: true });
  });
}
