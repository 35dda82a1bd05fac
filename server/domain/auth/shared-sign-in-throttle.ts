import type { Queryable } from '../../db/db';
import type { RateLimitCounts } from '../../nodes/rate-limit-counts';
import {
  attemptKeys, DEFAULT_SIGN_IN_RULES, forgotten, refusal, settle, signInKeys, waitAfter,
  type Failures, type RuleName, type SignInGate, type SignInRules, type SignInTicket,
} from './sign-in-throttle';

/** The row of a rule's key in `rate_limit_counts`. */
const rowKey = (rule: RuleName, key: string) => `sign-in:${rule}:${key}`;
const trustedKey = (pair: string) => `sign-in:trusted:${pair}`;

/**
 * The sign-in throttle of `SignInThrottle` (same rules, same answers) kept in counts every server
 * node shares, so failures spread over several nodes add up and a wait holds on all of them. An
 * attempt is reserved in one transaction that locks its keys' rows in a fixed order (pair,
 * address, account): parallel attempts on any nodes queue on those rows, so they cannot all pass
 * one check. A refused attempt rolls back and counts nothing.
 */
export class SharedSignInThrottle implements SignInGate {
  constructor(
    private readonly counts: RateLimitCounts,
    private readonly rules: SignInRules = DEFAULT_SIGN_IN_RULES,
  ) {}

  async begin(email: string, clientAddress: string): Promise<SignInTicket> {
    const now = this.counts.clock();
    this.counts.sweepWhenDue(now);
    const names = signInKeys(email, clientAddress);
    return this.counts.db.transaction(async (tx) => {
      const trusted = await tx.query('SELECT 1 FROM rate_limit_counts WHERE key = $1 AND expires_at > $2', [trustedKey(names.pair), new Date(now)]);
      const keys = attemptKeys(names, trusted.length > 0);
      const found: (Failures | undefined)[] = [];
      for (const [rule, key] of keys) found.push(await this.lockFailures(tx, rule, key, now));
      const waitMs = Math.max(0, ...keys.map(([rule], i) => waitAfter(this.rules[rule], found[i], now)));
      if (waitMs > 0) throw refusal(waitMs);
      for (const [i, [rule, key]] of keys.entries()) {
        await tx.query('UPDATE rate_limit_counts SET hits = $2, last_at = $3, expires_at = $4 WHERE key = $1', [
          rowKey(rule, key), (found[i]?.count ?? 0) + 1, new Date(now), new Date(now + this.rules[rule].forgetAfterMs),
        ]);
      }
      return { keys, pair: names.pair, settled: false };
    });
  }

  async succeeded(ticket: SignInTicket): Promise<void> {
    if (!settle(ticket)) return;
    const now = this.counts.clock();
    try {
      for (const [rule, key] of ticket.keys) {
        if (rule === 'pair') await this.counts.db.query('DELETE FROM rate_limit_counts WHERE key = $1', [rowKey(rule, key)]);
        else await this.uncount(rule, key);
      }
      await this.counts.db.query(
        `INSERT INTO rate_limit_counts (key, hits, last_at, expires_at) VALUES ($1, 0, $2, $3)
         ON CONFLICT (key) DO UPDATE SET last_at = EXCLUDED.last_at, expires_at = EXCLUDED.expires_at`,
        [trustedKey(ticket.pair), new Date(now), new Date(now + this.rules.trustedForMs)],
      );
    } catch (err) {
      // The sign-in stands; only its bookkeeping is lost (the attempt stays counted).
      this.counts.reportError(err, 'sign-in throttle');
    }
  }

  async cancelled(ticket: SignInTicket): Promise<void> {
    if (!settle(ticket)) return;
    try {
      for (const [rule, key] of ticket.keys) await this.uncount(rule, key);
    } catch (err) {
      this.counts.reportError(err, 'sign-in throttle');
    }
  }

  /**
   * The key's failures (undefined when none or forgotten), its row locked until the transaction
   * ends; a missing row is made empty so that it can be locked too.
   */
  private async lockFailures(tx: Queryable, rule: RuleName, key: string, now: number): Promise<Failures | undefined> {
    const [row] = await tx.query<{ hits: number; last_at: Date }>(
      `INSERT INTO rate_limit_counts (key, hits, last_at, expires_at) VALUES ($1, 0, $2, $2)
       ON CONFLICT (key) DO UPDATE SET hits = rate_limit_counts.hits
       RETURNING hits, last_at`,
      [rowKey(rule, key), new Date(now)],
    );
    if (!row || row.hits === 0) return undefined;
    const failures = { count: row.hits, lastAt: new Date(row.last_at).getTime() };
    return forgotten(this.rules[rule], failures, now) ? undefined : failures;
  }

  /** Takes one attempt back; a key left with none counts as having no failures. */
  private async uncount(rule: RuleName, key: string): Promise<void> {
    await this.counts.db.query('UPDATE rate_limit_counts SET hits = hits - 1 WHERE key = $1 AND hits > 0', [rowKey(rule, key)]);
  }
}
