/** The wait estimate when a group has no recent history to learn from. */
export const DEFAULT_HANDLING_SECONDS = 300;

/** How many recent resolved conversations the average handling time is taken over. */
export const HANDLING_SAMPLE = 20;

/** The average of recent handling times in seconds (assigned → resolved), or the default without history. */
export function averageHandlingSeconds(samples: readonly number[]): number {
  const valid = samples.filter((s) => Number.isFinite(s) && s >= 0);
  if (valid.length === 0) return DEFAULT_HANDLING_SECONDS;
  return valid.reduce((sum, s) => sum + s, 0) / valid.length;
}

/**
 * Seconds until a person is likely free for the customer at `position` (1 = next): the average
 * handling time shared among the group's online agents, times the position.
 */
export function estimateWaitSeconds(position: number, averageSeconds: number, onlineAgents: number): number {
  if (position < 1) return 0;
  return Math.max(0, Math.round((averageSeconds * position) / Math.max(1, onlineAgents)));
}
