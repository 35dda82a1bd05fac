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
