import type { Presence } from '../../../../shared/domain';

const CYCLE: readonly Presence[] = ['online', 'busy', 'away'];

/** The status the presence shortcut moves to: online → busy → away → online (offline comes back online). */
export function nextPresence(current: Presence): Presence {
  const at = CYCLE.indexOf(current);
  return CYCLE[(at + 1) % CYCLE.length]!;
}
