/**
 * When the weekly summary is due and which week it covers, in the account's time zone. Weeks run
 * Monday to Sunday; a week is written as its Monday (`weekStart`) and the Monday after
 * (`weekEnd`, not included), the same [from, to) days a report query takes. Pure: time is an input.
 */

const DAY_MS = 86_400_000;

export type WeeklySchedule = { weekday: number; hour: number };

/** A reported week: [weekStart, weekEnd) as local calendar days. */
export type ReportWeek = { weekStart: string; weekEnd: string };

/** The week a due time mails, and that due time (ms). */
export type DueWeek = ReportWeek & { dueAt: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock in `timeZone` at instant `ms`, read as if it were UTC (ms). */
function wallClock(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour! % 24, parts.minute!, parts.second!);
}

/** The local calendar day (YYYY-MM-DD), ISO weekday (1 Monday … 7 Sunday) and hour of an instant. */
export function localParts(ms: number, timeZone: string): { date: string; weekday: number; hour: number } {
  const wall = new Date(wallClock(ms, timeZone));
  return { date: wall.toISOString().slice(0, 10), weekday: ((wall.getUTCDay() + 6) % 7) + 1, hour: wall.getUTCHours() };
}

/**
 * The instant local day `date` reaches `hour`:00 in `timeZone`. An hour a clock change skips
 * resolves to the instant just after the gap.
 */
export function localInstant(date: string, hour: number, timeZone: string): number {
  const wanted = Date.parse(`${date}T00:00:00Z`) + hour * 3_600_000;
  let t = wanted - (wallClock(wanted, timeZone) - wanted);
  // Once more with the offset at the first guess: right across a change of offset too.
  t = wanted - (wallClock(t, timeZone) - t);
  return t;
}

/** `date` moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday of the week `date` is in. */
export function mondayOf(date: string): string {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

/** The last full week (Monday to Sunday) before the local week `now` is in. */
export function lastFullWeek(now: number, timeZone: string): ReportWeek {
  const monday = mondayOf(localParts(now, timeZone).date);
  return { weekStart: addDays(monday, -7), weekEnd: monday };
}

/**
 * The latest due time at or before `now` (the schedule's weekday and hour, local) and the week it
 * mails: the full week before the one the due time falls in.
 */
export function latestDueWeek(now: number, timeZone: string, schedule: WeeklySchedule): DueWeek {
  let monday = mondayOf(localParts(now, timeZone).date);
  let dueAt = localInstant(addDays(monday, schedule.weekday - 1), schedule.hour, timeZone);
  if (dueAt > now) {
    monday = addDays(monday, -7);
    dueAt = localInstant(addDays(monday, schedule.weekday - 1), schedule.hour, timeZone);
  }
  return { weekStart: addDays(monday, -7), weekEnd: monday, dueAt };
}

/** The last day of a week, for people: Sunday. */
export function weekLastDay(week: ReportWeek): string {
  return addDays(week.weekEnd, -1);
}
