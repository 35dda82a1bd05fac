import type { ErrorLogger } from './error-logger';
import type { TimerHandle, Timers } from './timers';

export type PollingWorkerOptions = {
  timers: Timers;
  /** How often work is looked for without a kick. */
  pollMs: number;
  /** One batch: how many items it handled (0 = nothing left for now). */
  runOnce: () => Promise<number>;
  /** After the batches of a run, while not stopped (housekeeping). */
  afterRun?: () => Promise<void>;
  logError: ErrorLogger;
  /** What the error log calls this worker. */
  name: string;
};

/**
 * The loop of a background worker over rows in the database: polls every `pollMs` and when
 * kicked, runs batches until one finds nothing, and folds kicks that arrive during a run into one
 * more run after it. Stopping waits for the run in flight.
 */
export class PollingWorker {
  private timer: TimerHandle | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stoppedFlag = false;

  constructor(private readonly options: PollingWorkerOptions) {}

  get stopped(): boolean {
    return this.stoppedFlag;
  }

  start(): void {
    if (this.timer || this.stoppedFlag) return;
    this.timer = this.options.timers.interval(this.options.pollMs, () => this.kick());
    this.kick();
  }

  /** Stops polling and waits for the run in flight. */
  async stop(): Promise<void> {
    this.halt();
    await this.settled();
  }

  /** Stops polling at once; the run in flight ends after its current batch (see `settled`). */
  halt(): void {
    this.stoppedFlag = true;
    this.timer?.cancel();
    this.timer = null;
  }

  /** Looks for work now; a kick during a run folds into one more run. */
  kick(): void {
    if (this.stoppedFlag) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          while (!this.stoppedFlag && (await this.options.runOnce()) > 0);
          if (!this.stoppedFlag) await this.options.afterRun?.();
        } catch (err) {
          if (!this.stoppedFlag) this.options.logError(err, this.options.name);
        }
      } while (this.again && !this.stoppedFlag);
      this.running = null;
    })();
  }

  /** Resolves once no run is going. */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }
}
