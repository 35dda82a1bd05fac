import type { Db } from '../db/db';
import type { Clock } from '../lib/clock';
import type { ErrorLogger } from '../lib/error-logger';
import type { EventBudget, LimitDecision, LimiterRule } from '../lib/window-limiter';

/** How often one node deletes the counts whose time has passed (ms). */
export const RATE_LIMIT_SWEEP_MS = 5 * 60_000;

/**
 * The rate-limit counts every node shares (`rate_limit_counts`), for a server that runs as one of
 * several nodes: a budget spent on node A is spent on node B. Each change is one atomic statement
 * (or one transaction), so nodes counting the same key at once never both get the last place.
 */
export class RateLimitCounts {
  /** The first sweep waits a period too: a node that just started has nothing of its own to clear. */
  private nextSweepAt: number | undefined;

  constructor(
    readonly db: Db,
    readonly clock: Clock,
    private readonly logError: ErrorLogger,
  ) {}

  /**
   * One more event for `key` in the current fixed window of `rule` (windows start at multiples of
   * `windowMs`), unless the window already holds `max`: then refused until it ends. A refused event
   * is not counted.
   */
  async take(key: string, rule: LimiterRule): Promise<LimitDecision> {
    const now = this.clock();
    this.sweepWhenDue(now);
    const start = now - (now % rule.windowMs);
    const end = start + rule.windowMs;
    const rows = await this.db.query<{ hits: number }>(
      `INSERT INTO rate_limit_counts (key, hits, last_at, expires_at) VALUES ($1, 1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET hits = rate_limit_counts.hits + 1, last_at = EXCLUDED.last_at
       WHERE rate_limit_counts.hits < $4
       RETURNING hits`,
      [`${key}@${start}`, new Date(now), new Date(end), rule.max],
    );
    if (rows.length > 0) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((end - now) / 1000)) };
  }

  /** A budget of `rule` per key, counted here under `name` (e.g. new visitors per address). */
  budget(name: string, rule: LimiterRule): EventBudget {
    return { take: (key) => this.take(`${name}:${key}`, rule) };
  }

  /** Deletes counts past their expiry, at most once per RATE_LIMIT_SWEEP_MS on this node, without holding up the caller. */
  sweepWhenDue(now: number): void {
    if (this.nextSweepAt === undefined) this.nextSweepAt = now + RATE_LIMIT_SWEEP_MS;
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + RATE_LIMIT_SWEEP_MS;
    this.db.query('DELETE FROM rate_limit_counts WHERE expires_at <= $1', [new Date(now)])
      .catch((err: unknown) => this.logError(err, 'rate limit sweep'));
  }

  /** Logs a failure of bookkeeping that must not change an answer already decided (a count taken back). */
  reportError(err: unknown, context: string): void {
    this.logError(err, context);
  }
}
