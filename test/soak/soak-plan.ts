import { seededRandom } from '../../shared/seeded-random';

/**
 * The soak's schedule, as fractions of its duration: when customers arrive, when agents go
 * offline and come back, when the server restarts. Pure, so the plan can be printed and checked.
 */

export type SoakSettings = {
  customers: number;
  durationMs: number;
  /** Extra time after the last scheduled event for chats to finish. */
  drainMs: number;
  seed: number;
};

export type CustomerPlan = { index: number; channel: 'widget' | 'api'; arriveAtMs: number };
/** `drops`: the desktop vanishes (the grace period runs); `signs-off`: the agent goes offline and closes it. */
export type TeamEvent = { atMs: number; who: 'wang' | 'li' | 'emma' | 'all'; presence: 'online' | 'offline'; how?: 'drops' | 'signs-off' };

export function soakSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): SoakSettings {
  const customers = positiveInt(env.SOAK_CUSTOMERS, 200, 'SOAK_CUSTOMERS');
  const minutes = positiveNumber(env.SOAK_MINUTES, 10, 'SOAK_MINUTES');
  return { customers, durationMs: minutes * 60_000, drainMs: Math.max(60_000, minutes * 12_000), seed: positiveInt(env.SOAK_SEED, 7, 'SOAK_SEED') };
}

function positiveInt(raw: string | undefined, fallback: number, name: string): number {
  const n = positiveNumber(raw, fallback, name);
  if (!Number.isInteger(n)) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return n;
}

function positiveNumber(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return n;
}


/** Customers arrive at random over the first 85% of the run, half on the widget, half on the API channel. */
export function customerPlan(s: SoakSettings): CustomerPlan[] {
  const random = seededRandom(s.seed);
  return Array.from({ length: s.customers }, (_, index) => ({
    index,
    channel: index % 2 === 0 ? ('widget' as const) : ('api' as const),
    arriveAtMs: Math.round(random() * s.durationMs * 0.85),
  })).sort((a, b) => a.arriveAtMs - b.arriveAtMs);
}

/**
 * Agents drop out and come back: 李雷 leaves for a while, then 王芳; towards the end everybody is
 * offline for a stretch (customers then must be told and leave a message), and the team returns
 * to answer what was left.
 */
export function teamPlan(s: SoakSettings): TeamEvent[] {
  const at = (f: number) => Math.round(s.durationMs * f);
  return [
    { atMs: at(0.15), who: 'li', presence: 'offline', how: 'drops' },
    { atMs: at(0.3), who: 'li', presence: 'online' },
    { atMs: at(0.35), who: 'wang', presence: 'offline', how: 'signs-off' },
    { atMs: at(0.45), who: 'wang', presence: 'online' },
    { atMs: at(0.65), who: 'all', presence: 'offline', how: 'signs-off' },
    { atMs: at(0.78), who: 'all', presence: 'online' },
  ];
}

/** When the whole team is off: customers who ask then must be told nobody is available. */
export function nobodyOnlineWindow(s: SoakSettings): { fromMs: number; toMs: number } {
  const events = teamPlan(s).filter((e) => e.who === 'all');
  return { fromMs: events.find((e) => e.presence === 'offline')!.atMs, toMs: events.find((e) => e.presence === 'online')!.atMs };
}

/** The server restarts (SIGTERM, then started again on the same data) half-way through. */
export const restartAtMs = (s: SoakSettings) => Math.round(s.durationMs * 0.5);
