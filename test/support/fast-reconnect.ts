import { backoffDelay } from '../../shared/backoff';

/**
 * The reconnect wait test desktops use: the real curve's shape (doubling, capped) at 20 ms to
 * 200 ms, so a test waits for the reconnect itself, never for seconds of backoff.
 */
export const fastReconnect = (attempt: number): number => backoffDelay({ baseMs: 20, capMs: 200 }, attempt);
