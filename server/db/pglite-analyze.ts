/** Statements run before the first ANALYZE; each later one waits twice as many, up to MAX_INTERVAL. */
const FIRST_INTERVAL = 5_000;
const MAX_INTERVAL = 200_000;

/**
 * Keeps PGlite's planner statistics fresh. PGlite runs no autovacuum, so its tables are never
 * analysed on their own: the planner then goes on guessing a table's contents from when it was
 * small (a routing run read the whole queue of 1,000 customers to count two agents' chats). Every
 * so many statements this runs ANALYZE, which also makes prepared statements plan again: first
 * after 5,000 statements, then after twice as many each time (a growing database is analysed at
 * 5k, 10k, 20k …), then every 200,000.
 */
export class AnalyzeSchedule {
  private count = 0;
  private interval = FIRST_INTERVAL;
  private running: Promise<void> | null = null;

  constructor(private readonly analyze: () => Promise<void>) {}

  /** One statement ran; starts ANALYZE (in the background, queued behind running work) when due. */
  ran(): void {
    if (++this.count < this.interval || this.running) return;
    this.count = 0;
    this.interval = Math.min(MAX_INTERVAL, this.interval * 2);
    // A failure (the database closing meanwhile) leaves the statistics as they were: the next one tries again.
    this.running = this.analyze()
      .catch(() => undefined)
      .finally(() => (this.running = null));
  }

  /** Waits for an ANALYZE in flight (before closing the database). */
  async settled(): Promise<void> {
    await this.running;
  }
}
