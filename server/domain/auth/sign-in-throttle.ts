import { backoffDelay, type BackoffCurve } from '../../../shared/backoff';
import { AppError } from '../../../shared/errors';
import type { Clock } from '../../lib/clock';
import { addressKey } from '../../http/client-address';

/**
 * How failures of one kind slow further attempts: a few free, then the waits of `curve` (its cap
 * is the longest wait: the rule slows, it never refuses for longer than that at a time).
 */
export type BackoffRule = {
  /** Failures allowed before any wait. */
  free: number;
  curve: BackoffCurve;
  /** Failures are forgotten once none came for this long (ms); longer than the curve's cap. */
  forgetAfterMs: number;
};

export type SignInRules = {
  /** One email from one address: the owner's own typos, or one guesser. */
  pair: BackoffRule;
  /** One address, whatever the email: one guesser spraying many accounts. */
  address: BackoffRule;
  /** One email from every address together: distributed guessing, slowed but never locked. */
  account: BackoffRule;
  /** How long a successful sign-in keeps that address exempt from the address and account rules (ms). */
  trustedForMs: number;
};

const MINUTE = 60_000;

export const DEFAULT_SIGN_IN_RULES: SignInRules = {
  pair: { free: 5, curve: { baseMs: 30_000, capMs: 15 * MINUTE }, forgetAfterMs: 60 * MINUTE },
  // An office behind one NAT address shares this one.
  address: { free: 30, curve: { baseMs: 30_000, capMs: 15 * MINUTE }, forgetAfterMs: 60 * MINUTE },
  account: { free: 100, curve: { baseMs: 1_000, capMs: 1 * MINUTE }, forgetAfterMs: 60 * MINUTE },
  trustedForMs: 30 * 24 * 60 * MINUTE,
};

/** Bounds memory when someone tries many emails or addresses. */
const MAX_TRACKED = 50_000;

/** A key's failures: how many, and when the last one came. */
export type Failures = { count: number; lastAt: number };
export type RuleName = 'pair' | 'address' | 'account';

/** One reserved attempt, to be settled once the password was checked. */
export type SignInTicket = { readonly keys: ReadonlyArray<readonly [RuleName, string]>; readonly pair: string; settled: boolean };

/**
 * What sign-in asks of a throttle: `SignInThrottle` in one node's memory, or
 * `SharedSignInThrottle` in counts every node shares. `begin` reserves an attempt or throws
 * `RateLimitedError`; the ticket is then settled once.
 */
export interface SignInGate {
  begin(email: string, clientAddress: string): SignInTicket | Promise<SignInTicket>;
  /** The password was right. */
  succeeded(ticket: SignInTicket): void | Promise<void>;
  /** The attempt ended without an answer on the password (the server failed): it does not count. */
  cancelled(ticket: SignInTicket): void | Promise<void>;
}

/** `rate_limited`, carrying how long to wait for the Retry-After header. */
export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', `too many failed sign-in attempts, try again in ${retryAfterSeconds} seconds`);
  }
}

/**
 * Escalating delays for sign-in, per (email, address), per address and per email, in memory on
 * one node. An attempt is counted as a failure the moment it begins (synchronously, before any
 * password is checked), so parallel requests cannot all slip in between a check and a count; a
 * correct password then takes its count back. Failures from other addresses never lock the owner
 * out of an address they signed in from: such an address answers only to its own failures.
 */
export class SignInThrottle implements SignInGate {
  private readonly failures: Record<RuleName, Map<string, Failures>> = { pair: new Map(), address: new Map(), account: new Map() };
  /** (email, address) pairs that signed in successfully, until when they are trusted. */
  private readonly trusted = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly rules: SignInRules = DEFAULT_SIGN_IN_RULES,
  ) {}

  /** Reserves an attempt, or throws `RateLimitedError` with how long to wait. */
  begin(email: string, clientAddress: string): SignInTicket {
    const now = this.clock();
    const { pair, address, account } = signInKeys(email, clientAddress);
    const keys = attemptKeys({ pair, address, account }, this.isTrusted(pair, now));
    let waitMs = 0;
    for (const [rule, key] of keys) waitMs = Math.max(waitMs, waitAfter(this.rules[rule], this.current(rule, key, now), now));
    if (waitMs > 0) throw refusal(waitMs);
    for (const [rule, key] of keys) this.count(rule, key, now);
    return { keys, pair, settled: false };
  }

  /** The password was right: the pair starts afresh and becomes trusted; the other rules take the attempt back. */
  succeeded(ticket: SignInTicket): void {
    if (!settle(ticket)) return;
    for (const [rule, key] of ticket.keys) {
      if (rule === 'pair') this.failures.pair.delete(key);
      else this.uncount(rule, key);
    }
    this.trusted.delete(ticket.pair);
    this.trusted.set(ticket.pair, this.clock() + this.rules.trustedForMs);
    this.bound(this.trusted);
  }

  /** The attempt ended without an answer on the password (the server failed): it does not count. */
  cancelled(ticket: SignInTicket): void {
    if (!settle(ticket)) return;
    for (const [rule, key] of ticket.keys) this.uncount(rule, key);
  }

  private isTrusted(pair: string, now: number): boolean {
    const until = this.trusted.get(pair);
    if (until === undefined) return false;
    if (until > now) return true;
    this.trusted.delete(pair);
    return false;
  }

  private count(rule: RuleName, key: string, now: number): void {
    const map = this.failures[rule];
    const entry = this.current(rule, key, now) ?? { count: 0, lastAt: now };
    // Re-inserted so the map's order stays oldest-first for trimming.
    map.delete(key);
    map.set(key, { count: entry.count + 1, lastAt: now });
    this.bound(map);
  }

  private uncount(rule: RuleName, key: string): void {
    const map = this.failures[rule];
    const entry = map.get(key);
    if (!entry) return;
    if (entry.count <= 1) map.delete(key);
    else entry.count -= 1;
  }

  /** The key's failures, unless they have been forgotten. */
  private current(rule: RuleName, key: string, now: number): Failures | undefined {
    const map = this.failures[rule];
    const entry = map.get(key);
    if (entry && forgotten(this.rules[rule], entry, now)) {
      map.delete(key);
      return undefined;
    }
    return entry;
  }

  private bound(map: Map<string, unknown>): void {
    // The oldest entries go first: losing them costs an attacker's record, never memory.
    for (const key of map.keys()) {
      if (map.size <= MAX_TRACKED) break;
      map.delete(key);
    }
  }
}

/** The wait (ms) after `count` failures: nothing before `free`, then the rule's curve. */
export function delayAfter(rule: BackoffRule, count: number): number {
  return count < rule.free ? 0 : backoffDelay(rule.curve, count - rule.free);
}

/** Marks the ticket settled; false when it already was (a ticket settles once). */
export function settle(ticket: SignInTicket): boolean {
  if (ticket.settled) return false;
  ticket.settled = true;
  return true;
}

/** How long (ms) a key with these (unforgotten) failures must wait before its next attempt; 0 when it may go now. */
export function waitAfter(rule: BackoffRule, failures: Failures | undefined, now: number): number {
  if (!failures) return 0;
  // Failures within the free ones cost no wait, even when the last came after `now` was read
  // (an attempt that queued behind others on the shared counts read the clock before they wrote).
  const delay = delayAfter(rule, failures.count);
  return delay === 0 ? 0 : Math.max(0, failures.lastAt + delay - now);
}

/** Whether failures are forgotten: none came for `forgetAfterMs`. */
export function forgotten(rule: BackoffRule, failures: Failures, now: number): boolean {
  return now - failures.lastAt >= rule.forgetAfterMs;
}

/** The refusal for a wait of `waitMs`, in whole seconds (at least one). */
export function refusal(waitMs: number): RateLimitedError {
  return new RateLimitedError(Math.max(1, Math.ceil(waitMs / 1000)));
}

/** What one attempt is counted against: the account (its email as stored), the address, and the pair of both. */
export function signInKeys(email: string, clientAddress: string): { pair: string; address: string; account: string } {
  const account = normaliseEmail(email);
  const address = addressKey(clientAddress);
  return { pair: `${account}\n${address}`, address, account };
}

/** The keys an attempt counts under, always in this order (pair, address, account): the pair alone while it is trusted. */
export function attemptKeys(keys: { pair: string; address: string; account: string }, trusted: boolean): [RuleName, string][] {
  return trusted ? [['pair', keys.pair]] : [['pair', keys.pair], ['address', keys.address], ['account', keys.account]];
}

/** Emails compare as the user table stores them. */
function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
