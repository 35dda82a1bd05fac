import { z } from 'zod';

/**
 * When a skill group answers: per weekday, intervals of local time [start, end) in one time zone.
 * A missing day is closed; no hours at all (null) means always open. Stored as JSON on the group.
 */

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');

/** Hours as they are stored and read (lenient: what routing can use). */
export const businessHoursSchema = z.object({
  timezone: z.string().min(1),
  days: z.partialRecord(z.enum(weekdays), z.array(z.tuple([time, time]))),
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;

/** Minutes since midnight of an "HH:MM" time (24:00 is the end of the day). */
export const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether the runtime knows an IANA time zone such as "Asia/Shanghai". */
export function isKnownTimeZone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/** At most this many intervals on one day (a morning and an afternoon shift, with room to spare). */
export const MAX_INTERVALS_PER_DAY = 4;

/**
 * Hours as an admin saves them: a time zone the runtime knows, each interval starting before it
 * ends, a day's intervals in order without overlapping.
 */
export const businessHoursInputSchema = businessHoursSchema
  .extend({
    timezone: z.string().trim().min(1).max(64).refine(isKnownTimeZone, 'unknown time zone'),
    days: z.partialRecord(z.enum(weekdays), z.array(z.tuple([time, time])).max(MAX_INTERVALS_PER_DAY)),
  })
  .strict()
  .superRefine((hours, ctx) => {
    for (const day of weekdays) {
      const intervals = hours.days[day] ?? [];
      let lastEnd = -1;
      for (const [start, end] of intervals) {
        if (minutesOf(start) >= minutesOf(end)) {
          ctx.addIssue({ code: 'custom', path: ['days', day], message: `${start}–${end} ends before it starts` });
          return;
        }
        if (minutesOf(start) < lastEnd) {
          ctx.addIssue({ code: 'custom', path: ['days', day], message: 'intervals overlap or are out of order' });
          return;
        }
        lastEnd = minutesOf(end);
      }
    }
  });
