import type { ErrorLogger } from './error-logger';
import { PollingWorker } from './polling-worker';
import { systemTimers, type Timers } from './timers';

/**
 * A background job whose work is rows in the database, run by a PollingWorker: it looks every
 * `pollMs` and when kicked. Tests move the injected clock and call `sweep()`.
 */
export abstract class PolledJob {
  protected readonly worker: PollingWorker;

  protected constructor(settings: { timers?: Timers; pollMs: number; logError: ErrorLogger; name: string }) {
    this.worker = new PollingWorker({
      timers: settings.timers ?? systemTimers, pollMs: settings.pollMs,
      runOnce: () => this.runOnce(), logError: settings.logError, name: settings.name,
    });
  }

  /** One batch of due work: how many items it handled (0 = nothing left for now). */
  protected abstract runOnce(): Promise<number>;

  start(): void {
    this.worker.start();
  }

  async stop(): Promise<void> {
    await this.worker.stop();
  }

  /** Looks for due work now. */
  kick(): void {
    this.worker.kick();
  }

  /** Looks for due work now and resolves when none is left (tests move the clock, then call this). */
  async sweep(): Promise<void> {
    this.worker.kick();
    await this.worker.settled();
  }

  /** Resolves once the run in flight (if any) has ended. */
  settled(): Promise<void> {
    return this.worker.settled();
  }
}
