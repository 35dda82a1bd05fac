import { describe, expect, it } from 'vitest';
import { lastFullWeek, latestDueWeek, localInstant, localParts, mondayOf, weekLastDay } from './weekly-schedule';

const at = (iso: string) => Date.parse(iso);
const monday8 = { weekday: 1, hour: 8 };

describe('the weekly summary schedule', () => {
  it('reads local days, weekdays and hours in the account time zone', () => {
    // 2026-12-06 20:00 UTC is already Monday 04:00 in Shanghai.
    expect(localParts(at('2026-12-06T20:00:00Z'), 'Asia/Shanghai')).toEqual({ date: '2026-12-07', weekday: 1, hour: 4 });
    expect(localParts(at('2026-12-06T20:00:00Z'), 'UTC')).toEqual({ date: '2026-12-06', weekday: 7, hour: 20 });
    expect(localInstant('2026-12-07', 8, 'Asia/Shanghai')).toBe(at('2026-12-07T00:00:00Z'));
    expect(localInstant('2026-12-07', 8, 'UTC')).toBe(at('2026-12-07T08:00:00Z'));
    expect(mondayOf('2026-12-06')).toBe('2026-11-30');
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
  });

  it('Monday 08:00 in Shanghai mails the Monday-to-Sunday week before it', () => {
    const due = latestDueWeek(at('2026-12-07T08:00:00+08:00'), 'Asia/Shanghai', monday8);
    expect(due).toEqual({ weekStart: '2026-11-30', weekEnd: '2026-12-07', dueAt: at('2026-12-07T00:00:00Z') });
    expect(weekLastDay(due)).toBe('2026-12-06');
  });

  it('a minute before the due hour, the week before is still the latest due one', () => {
    expect(latestDueWeek(at('2026-12-07T07:59:00+08:00'), 'Asia/Shanghai', monday8)).toEqual({
      weekStart: '2026-11-23', weekEnd: '2026-11-30', dueAt: at('2026-11-30T00:00:00Z'),
    });
  });

  it('the same instant is a different week in UTC and in Shanghai', () => {
    // Sunday 2026-12-06 23:30 UTC = Monday 07:30 in Shanghai.
    const now = at('2026-12-06T23:30:00Z');
    expect(latestDueWeek(now, 'UTC', monday8)).toMatchObject({ weekStart: '2026-11-23', weekEnd: '2026-11-30', dueAt: at('2026-11-30T08:00:00Z') });
    expect(latestDueWeek(now, 'Asia/Shanghai', monday8)).toMatchObject({ weekStart: '2026-11-23', weekEnd: '2026-11-30' });
    // Half an hour later Shanghai has reached Monday 08:00; UTC is still on Sunday night.
    expect(latestDueWeek(now + 30 * 60_000, 'Asia/Shanghai', monday8)).toMatchObject({ weekStart: '2026-11-30', weekEnd: '2026-12-07' });
    expect(latestDueWeek(now + 30 * 60_000, 'UTC', monday8)).toMatchObject({ weekStart: '2026-11-23' });
  });

  it('a Friday 17:00 schedule mails the full week before the one it falls in', () => {
    const friday = { weekday: 5, hour: 17 };
    expect(latestDueWeek(at('2026-12-11T17:00:00Z'), 'UTC', friday)).toEqual({
      weekStart: '2026-11-30', weekEnd: '2026-12-07', dueAt: at('2026-12-11T17:00:00Z'),
    });
    // Thursday of that week: last Friday's mail, about the week before.
    expect(latestDueWeek(at('2026-12-10T12:00:00Z'), 'UTC', friday)).toMatchObject({ weekStart: '2026-11-23', dueAt: at('2026-12-04T17:00:00Z') });
  });

  it('weeks across a year end', () => {
    expect(latestDueWeek(at('2027-01-04T09:00:00+08:00'), 'Asia/Shanghai', monday8)).toMatchObject({ weekStart: '2026-12-28', weekEnd: '2027-01-04' });
  });

  it('in a time zone with summer time, the due hour stays 08:00 local on both sides of the change', () => {
    // Europe/Berlin moves to summer time on 2026-03-29 (Sunday).
    expect(latestDueWeek(at('2026-03-23T12:00:00Z'), 'Europe/Berlin', monday8).dueAt).toBe(at('2026-03-23T07:00:00Z'));
    expect(latestDueWeek(at('2026-03-30T12:00:00Z'), 'Europe/Berlin', monday8)).toEqual({
      weekStart: '2026-03-23', weekEnd: '2026-03-30', dueAt: at('2026-03-30T06:00:00Z'),
    });
  });

  it('the last full week before now, for a test mail', () => {
    expect(lastFullWeek(at('2026-12-09T10:00:00+08:00'), 'Asia/Shanghai')).toEqual({ weekStart: '2026-11-30', weekEnd: '2026-12-07' });
    expect(lastFullWeek(at('2026-12-06T23:30:00Z'), 'Asia/Shanghai')).toEqual({ weekStart: '2026-11-30', weekEnd: '2026-12-07' });
    expect(lastFullWeek(at('2026-12-06T23:30:00Z'), 'UTC')).toEqual({ weekStart: '2026-11-23', weekEnd: '2026-11-30' });
  });
});
