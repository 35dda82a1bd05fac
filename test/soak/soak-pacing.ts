import { backoffDelay, type BackoffCurve } from '../../shared/backoff';

/** Retries after a failed sign-in, connect or send (the server restarting) follow the shared curve. */
export const SOAK_RETRY: BackoffCurve = { baseMs: 200, capMs: 3_000, jitter: 'upper-half' };

/** Waits before the next try after `failures` consecutive failures (0 = the first). */
export const retryAfter = (failures: number) => new Promise((r) => setTimeout(r, backoffDelay(SOAK_RETRY, failures)));

/** How often a simulated customer looks at their chat for what changed (as a person glances at it). */
const LOOK_EVERY_MS = 250;

/** Until the customer looks at their chat again. */
export const nextLook = () => new Promise((r) => setTimeout(r, LOOK_EVERY_MS));
