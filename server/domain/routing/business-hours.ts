import { businessHoursSchema, minutesOf, type BusinessHours } from '../../../shared/business-hours';

export { businessHoursSchema, type BusinessHours };

const dayKeys = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
type DayKey = (typeof dayKeys)[number];

/** Parses stored hours; null (or unreadable hours) means always open, so a typo never hides a team. */
export function parseBusinessHours(value: unknown): BusinessHours | null {
  if (value === null || value === undefined) return null;
  const parsed = businessHoursSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function localParts(now: number, timezone: string): { day: DayKey; minutes: number } | null {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', { timeZone: timezone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    } catch {
      return null;
    }
    formatters.set(timezone, formatter);
  }
  const parts = formatter.formatToParts(new Date(now));
  const weekday = parts.find((p) => p.type === 'weekday')?.value.toLowerCase().slice(0, 3);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value);
  const minute = Number(parts.find((p) => p.type === 'minute')?.value);
  if (!weekday || !(dayKeys as readonly string[]).includes(weekday)) return null;
  return { day: weekday as DayKey, minutes: hour * 60 + minute };
}

/** Whether `hours` (null = always) are open at `now` (ms since the epoch). An unknown time zone counts as open. */
export function isOpenAt(hours: BusinessHours | null, now: number): boolean {
  if (!hours) return true;
  const local = localParts(now, hours.timezone);
  if (!local) return true;
  const intervals = hours.days[local.day] ?? [];
  return intervals.some(([start, end]) => local.minutes >= minutesOf(start) && local.minutes < minutesOf(end));
}

/** Open every day, all day: the demo's hours. */
export const ALWAYS_OPEN: BusinessHours = {
  timezone: 'Asia/Shanghai',
  days: Object.fromEntries(dayKeys.map((d) => [d, [['00:00', '24:00']]])) as BusinessHours['days'],
};

const MINUTE = 60_000;
/** How far ahead a business-time deadline is looked for before giving up (hours that never open). */
const MAX_DAYS_AHEAD = 400;

/**
 * The moment `minutes` of open business time have passed after `from` (ms since the epoch): an SLA
 * clock that stops outside `hours`. Null hours run around the clock. Null when the hours never
 * open (no day has an interval), so no deadline can be given.
 */
export function addBusinessMinutes(hours: BusinessHours | null, from: number, minutes: number): number | null {
  if (!hours) return from + minutes * MINUTE;
  if (!weekdaysWithHours(hours)) return null;
  let at = Math.floor(from / MINUTE) * MINUTE;
  let left = minutes;
  const giveUpAt = from + MAX_DAYS_AHEAD * 1440 * MINUTE;
  while (at < giveUpAt) {
    const local = localParts(at, hours.timezone);
    if (!local) return from + minutes * MINUTE;
    const intervals = (hours.days[local.day] ?? []).map(([s, e]) => [minutesOf(s), minutesOf(e)] as const);
    const current = intervals.find(([s, e]) => local.minutes >= s && local.minutes < e);
    if (current) {
      const open = current[1] - local.minutes;
      if (left <= open) return at + left * MINUTE;
      left -= open;
      at += open * MINUTE;
      continue;
    }
    const next = intervals.find(([s]) => s > local.minutes);
    at += ((next ? next[0] : 1440) - local.minutes) * MINUTE;
  }
  return null;
}

const weekdaysWithHours = (hours: BusinessHours): boolean =>
  Object.values(hours.days).some((intervals) => (intervals ?? []).some(([s, e]) => minutesOf(e) > minutesOf(s)));
