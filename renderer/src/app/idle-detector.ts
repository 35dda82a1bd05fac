import { globalTimers, type Timers } from './draft-saver';

/**
 * Notices when the agent has done nothing for a while, and when they are back. A window that is
 * visible and has the focus counts as the agent being there (reading a long thread needs no
 * keystrokes): the wait runs only while the window is hidden or in the background, from the last
 * input or the moment the window left, whichever came later.
 */
export interface IdleDetector {
  /** The agent did something (a key, the mouse, focus): restarts the wait, and ends idleness. */
  activity(): void;
  /** The window is visible and focused (true), or hidden or in the background (false). */
  setPresent(present: boolean): void;
  /** Sets how long without activity counts as idle; null stops watching (and forgets idleness). */
  configure(timeoutMs: number | null): void;
  readonly idle: boolean;
  stop(): void;
}

export interface IdleDetectorOptions {
  onIdle(): void;
  onActive(): void;
  timers?: Timers;
}

/** An idle detector over injectable timers: one timer, restarted on each activity, stopped while the window is present. */
export function createIdleDetector({ onIdle, onActive, timers = globalTimers }: IdleDetectorOptions): IdleDetector {
  let timeoutMs: number | null = null;
  let handle: unknown = null;
  let idle = false;
  // Until told, the window is not taken as proof the person is there (only input is).
  let present = false;

  function clear(): void {
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
  }

  function arm(): void {
    clear();
    if (timeoutMs === null || idle || present) return;
    handle = timers.setTimeout(() => {
      handle = null;
      idle = true;
      onIdle();
    }, timeoutMs);
  }

  return {
    activity() {
      if (timeoutMs === null) return;
      if (idle) {
        idle = false;
        arm();
        onActive();
        return;
      }
      arm();
    },
    setPresent(next) {
      if (next === present) return;
      present = next;
      if (next && idle) {
        idle = false;
        clear();
        onActive();
        return;
      }
      // Leaving the window starts the wait from now; coming back stops it.
      arm();
    },
    configure(next) {
      if (next === timeoutMs) return;
      timeoutMs = next !== null && next > 0 ? next : null;
      if (timeoutMs === null) idle = false;
      arm();
    },
    get idle() {
      return idle;
    },
    stop() {
      clear();
      timeoutMs = null;
      idle = false;
    },
  };
}
