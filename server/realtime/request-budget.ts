import { AppError } from '../../shared/errors';
import type { Clock } from '../lib/clock';
import { WindowLimiter, type LimiterRule } from '../lib/window-limiter';

export type RequestBudgetLimits = {
  /** Requests of one socket that run at once; more wait for a turn. */
  running: number;
  /** Requests of one socket waiting for a turn; more are refused. */
  waiting: number;
  /** Requests of one socket in a sliding window, refused or not. */
  window: LimiterRule;
  /** Requests that read or write much (a sync page, an export): one runs at a time per socket. */
  heavy: ReadonlySet<string>;
  /** Heavy requests waiting behind the running one; more are refused. */
  heavyWaiting: number;
};

/**
 * What one workstation socket may ask at once. The desktop sends a handful of requests side by
 * side (eight reply lanes, a sync page and the next one); a socket far beyond that is a script,
 * and without a budget it holds the database for everyone else.
 */
export const DEFAULT_AGENT_REQUEST_BUDGET: RequestBudgetLimits = {
  running: 8,
  waiting: 32,
  window: { max: 300, windowMs: 10_000 },
  heavy: new Set(['sync:changes', 'kb:admin:import', 'kb:admin:export', 'audit:export']),
  heavyWaiting: 4,
};

/** The widget asks for its history and sends, one customer at a time. */
export const DEFAULT_VISITOR_REQUEST_BUDGET: RequestBudgetLimits = {
  running: 4,
  waiting: 16,
  window: { max: 120, windowMs: 10_000 },
  heavy: new Set(['visitor:history']),
  heavyWaiting: 2,
};

/** Frees the turn a request took; called once it was answered. */
export type Release = () => void;

/**
 * One socket's request budget: `admit` answers at once with `rate_limited` (details.retryAfterSeconds)
 * when the socket is over its window or its queues are full, else a promise of a turn.
 */
export class RequestBudget {
  private readonly window: WindowLimiter;
  private readonly all: Turns;
  private readonly heavy: Turns;

  constructor(
    private readonly limits: RequestBudgetLimits,
    clock: Clock,
  ) {
    this.window = new WindowLimiter({ requests: limits.window }, clock);
    this.all = new Turns(limits.running, limits.waiting);
    this.heavy = new Turns(1, limits.heavyWaiting);
  }

  admit(name: string): Promise<Release> {
    const allowed = this.window.check({ requests: 'socket' });
    if (!allowed.allowed) throw tooMany(allowed.retryAfterSeconds);
    this.window.record({ requests: 'socket' });
    if (!this.limits.heavy.has(name)) return this.all.take();
    // Both queues are checked before either is joined, so a refusal holds no turn.
    if (!this.heavy.hasRoom() || !this.all.hasRoom()) throw tooMany(1);
    return this.heavy.take().then(async (releaseHeavy) => {
      const releaseAll = await this.all.take(true);
      return () => {
        releaseAll();
        releaseHeavy();
      };
    });
  }
}

function tooMany(retryAfterSeconds: number): AppError {
  return new AppError('rate_limited', `Too many requests at once; try again in ${retryAfterSeconds} s.`, {
    retryAfterSeconds: String(retryAfterSeconds),
  });
}

/** A counting semaphore with a bounded line. */
class Turns {
  private running = 0;
  private readonly line: (() => void)[] = [];

  constructor(
    private readonly max: number,
    private readonly maxWaiting: number,
  ) {}

  hasRoom(): boolean {
    return this.running < this.max || this.line.length < this.maxWaiting;
  }

  /** A turn now or once one frees; `queueAnyway` joins the line even when it is full (a heavy request already admitted). */
  take(queueAnyway = false): Promise<Release> {
    if (this.running < this.max) {
      this.running++;
      return Promise.resolve(this.releaser());
    }
    if (!queueAnyway && this.line.length >= this.maxWaiting) throw tooMany(1);
    return new Promise((resolve) => this.line.push(() => resolve(this.releaser())));
  }

  private releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.line.shift();
      // The freed turn passes straight to the next in line.
      if (next) next();
      else this.running--;
    };
  }
}
