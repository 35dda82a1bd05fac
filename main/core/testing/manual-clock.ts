import type { CoreClock, ScheduledTimer } from '../clock';

type Pending = { at: number; order: number; run: () => unknown; cancelled: boolean };

/** A clock that moves only when a test advances it; due timers run in the order they are due. */
export class ManualClock implements CoreClock {
  private current: number;
  private pending: Pending[] = [];
  private order = 0;

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  after(ms: number, run: () => unknown): ScheduledTimer {
    const entry: Pending = { at: this.current + Math.max(0, ms), order: this.order++, run, cancelled: false };
    this.pending.push(entry);
    return {
      cancel: () => {
        entry.cancelled = true;
      },
    };
  }

  /** Timers waiting to run (not cancelled, not yet due). */
  waiting(): number {
    return this.pending.filter((p) => !p.cancelled).length;
  }

  /**
   * Moves time forward by `ms`, running each timer that falls due (timers they start included)
   * and waiting for the work each one returns before running the next.
   */
  async advance(ms: number): Promise<void> {
    const until = this.current + ms;
    for (;;) {
      const due = this.pending
        .filter((p) => !p.cancelled && p.at <= until)
        .sort((a, b) => a.at - b.at || a.order - b.order)[0];
      if (!due) break;
      this.pending = this.pending.filter((p) => p !== due);
      this.current = Math.max(this.current, due.at);
      await due.run();
    }
    this.pending = this.pending.filter((p) => !p.cancelled);
    this.current = until;
  }
}
