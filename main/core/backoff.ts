import { backoffDelay, type BackoffCurve } from '../../shared/backoff';

/** The reconnect curve: 0.5 s doubling to 30 s, jittered so a reconnecting team does not hit the server in lockstep. */
export const RECONNECT_CURVE: BackoffCurve = { baseMs: 500, capMs: 30_000, jitter: 'upper-half' };

/** Reconnect delay for the n-th consecutive failure (0-based). */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  return backoffDelay(RECONNECT_CURVE, attempt, random);
}
