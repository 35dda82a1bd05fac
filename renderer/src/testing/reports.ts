import { UNTIL_TIMEOUT_MS } from './until-store';

/** Collects what a controller reports, and lets a test wait for a report. */
export class Reports {
  readonly lines: string[] = [];
  private readonly waiters = new Set<() => void>();

  /** The reporter to hand to a controller. */
  readonly report = (message: string): void => {
    this.lines.push(message);
    for (const check of [...this.waiters]) check();
  };

  /** Those starting with `prefix`. */
  startingWith(prefix: string): string[] {
    return this.lines.filter((line) => line.startsWith(prefix));
  }

  /** Resolves once a report starting with `prefix` arrived; rejects after the timeout naming it. */
  until(prefix: string, timeoutMs: number = UNTIL_TIMEOUT_MS): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const check = () => {
        if (this.startingWith(prefix).length === 0) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for a report starting "${prefix}"`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }
}
