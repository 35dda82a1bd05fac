/** Reconnect delay for the n-th consecutive failure (0-based): exponential, capped, with jitter. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = 500;
  const cap = 30_000;
  const exp = Math.min(cap, base * 2 ** Math.min(attempt, 16));
  // Full jitter on the upper half keeps a reconnecting team from hitting the server in lockstep.
  return Math.round(exp / 2 + (random() * exp) / 2);
}
