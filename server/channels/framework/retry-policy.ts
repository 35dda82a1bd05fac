import { backoffDelay } from '../../../shared/backoff';

/** How often and how patiently a reply is tried on its platform before it is marked failed. */
export type RetryPolicy = {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Wait after the first failure; doubled after each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
};

/** About 1 + 2 + 4 + 8 + 16 minutes: a platform outage of half an hour still delivers. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 60_000, maxDelayMs: 15 * 60_000 };

/**
 * What happens after failed attempt number `attempt` (1 = the first): wait `delayMs` and try again,
 * or give up. A platform's own Retry-After is honoured when it asks for longer.
 */
export function afterFailure(
  policy: RetryPolicy,
  attempt: number,
  retryable: boolean,
  platformRetryAfterMs?: number,
): { retry: false } | { retry: true; delayMs: number } {
  if (!retryable || attempt >= policy.maxAttempts) return { retry: false };
  const backoff = backoffDelay({ baseMs: policy.baseDelayMs, capMs: policy.maxDelayMs }, attempt - 1);
  return { retry: true, delayMs: Math.max(backoff, Math.min(platformRetryAfterMs ?? 0, policy.maxDelayMs)) };
}
