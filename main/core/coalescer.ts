/**
 * Runs an async job so that concurrent callers share one run, and a call made during a run asks
 * for exactly one more pass after it (work that arrived meanwhile is not missed).
 */
export class Coalescer {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly job: () => Promise<void>,
    /** Checked before a repeat pass (e.g. only while still connected). */
    private readonly mayRepeat: () => boolean = () => true,
  ) {}

  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.job();
        } while (this.again && this.mayRepeat());
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }
}
