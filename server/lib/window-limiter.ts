import type { Clock } from './clock';

// Bounds memory when someone tries many different keys.
const MAX_TRACKED_KEYS = 10_000;

export type LimiterRule = { max: number; windowMs: number };

export type LimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts events per key (failed sign-ins per email or IP, new visitors per IP, messages per
 * socket) in a sliding window, in memory. Pure logic over an injected clock; one per server node.
 */
export class WindowLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly rules: Record<string, LimiterRule>,
    private readonly clock: Clock,
  ) {}

  /** Whether another attempt is allowed for all of the given keys, e.g. `{ email, ip }`. */
  check(keys: Record<string, string>): LimitDecision {
    const now = this.clock();
    let waitMs = 0;
    for (const [kind, value] of Object.entries(keys)) {
      const rule = this.rules[kind];
      if (!rule) continue;
      const recent = this.recent(`${kind}:${value}`, rule, now);
      if (recent.length >= rule.max) {
        // Allowed again once the oldest failure that keeps the count at the limit leaves the window.
        const oldest = recent[recent.length - rule.max] ?? now;
        waitMs = Math.max(waitMs, oldest + rule.windowMs - now);
      }
    }
    return waitMs > 0 ? { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) } : { allowed: true };
  }

  record(keys: Record<string, string>): void {
    const now = this.clock();
    if (this.failures.size > MAX_TRACKED_KEYS) this.sweep(now);
    for (const [kind, value] of Object.entries(keys)) {
      const rule = this.rules[kind];
      if (!rule) continue;
      const key = `${kind}:${value}`;
      const recent = this.recent(key, rule, now);
      recent.push(now);
      this.failures.set(key, recent);
    }
  }

  /** Forgets the events of one key, e.g. an email after a successful sign-in. */
  reset(kind: string, value: string): void {
    this.failures.delete(`${kind}:${value}`);
  }

  private sweep(now: number): void {
    const longest = Math.max(...Object.values(this.rules).map((r) => r.windowMs));
    for (const [key, times] of this.failures) {
      if ((times[times.length - 1] ?? 0) <= now - longest) this.failures.delete(key);
    }
  }

  private recent(key: string, rule: LimiterRule, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => t > now - rule.windowMs);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }
}

/**
 * A budget of events per key (new visitors per address): one more is admitted, or refused with how
 * long to wait. In one node's memory (`memoryBudget`) or in counts every node shares
 * (server/nodes/rate-limit-counts.ts).
 */
export interface EventBudget {
  take(key: string): LimitDecision | Promise<LimitDecision>;
}

/** The budget in this node's memory, checked and counted in one synchronous step (parallel takes cannot all pass). */
export function memoryBudget(rule: LimiterRule, clock: Clock): EventBudget {
  const limiter = new WindowLimiter({ key: rule }, clock);
  return {
    take(key) {
      const decision = limiter.check({ key });
      if (decision.allowed) limiter.record({ key });
      return decision;
    },
  };
}
