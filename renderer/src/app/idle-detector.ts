import { globalTimers, type Timers } from './draft-saver';

/** Notices when the agent has done nothing for a while, and when they are back. */
export interface IdleDetector {
  /** The agent did something (a key, the mouse, focus): restarts the wait, and ends idleness. */
  activity(): void;
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

/** An idle detector over injectable timers: one timer, restarted on each activity. */
export function createIdleDetector({ onIdle, onActive, timers = globalTimers }: IdleDetectorOptions): IdleDetector {
  let timeoutMs: number | null = null;
  let handle: unknown = null;
  let idle = false;

  function clear(): void {
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
  }

  function arm(): void {
    clear();
    if (timeoutMs === null || idle) return;
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
