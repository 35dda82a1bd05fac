import type { Clock } from './clock';
import type { TimerHandle, Timers } from './timers';

type Scheduled = { id: number; at: number; every: number | null; fn: () => void };

/**
 * Timers and a clock that move only when told (`advance`), for tests: what falls due runs in time
 * order, each at its own moment on the clock, intervals again and again.
 */
export class ManualTimers implements Timers {
  private current: number;
  private nextId = 1;
  private readonly scheduled = new Map<number, Scheduled>();

  constructor(start = Date.UTC(2025, 0, 1)) {
    this.current = start;
  }

  readonly clock: Clock = () => this.current;

  timeout(ms: number, fn: () => void): TimerHandle {
    return this.schedule(ms, null, fn);
  }

  interval(ms: number, fn: () => void): TimerHandle {
    return this.schedule(ms, Math.max(1, ms), fn);
  }

  /** How many callbacks are waiting. */
  get pending(): number {
    return this.scheduled.size;
  }

  /** Moves the clock forward by `ms`, running every callback that falls due on the way. */
  advance(ms: number): void {
    const end = this.current + ms;
    for (;;) {
      const due = [...this.scheduled.values()].filter((s) => s.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.current = Math.max(this.current, due.at);
      if (due.every === null) this.scheduled.delete(due.id);
      else due.at += due.every;
      due.fn();
    }
    this.current = end;
  }

  private schedule(ms: number, every: number | null, fn: () => void): TimerHandle {
    const id = this.nextId++;
    this.scheduled.set(id, { id, at: this.current + Math.max(0, ms), every, fn });
    return { cancel: () => void this.scheduled.delete(id) };
  }
}
