import { describe, expect, it } from 'vitest';
import type { BusinessHours } from '../../../shared/business-hours';
import { addBusinessMinutes } from './business-hours';

const weekdays9to18: BusinessHours = {
  timezone: 'Asia/Shanghai',
  days: { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '12:00'], ['13:00', '18:00']] },
};
// 2026-12-07 is a Monday; Shanghai is UTC+8.
const shanghai = (iso: string) => Date.parse(`${iso}+08:00`);

describe('an SLA clock that runs only in business hours', () => {
  it('runs around the clock without hours', () => {
    expect(addBusinessMinutes(null, shanghai('2026-12-07T23:30:00'), 60)).toBe(shanghai('2026-12-08T00:30:00'));
  });

  it('counts within the open day', () => {
    expect(addBusinessMinutes(weekdays9to18, shanghai('2026-12-07T10:00:00'), 120)).toBe(shanghai('2026-12-07T12:00:00'));
  });

  it('stops at closing time and goes on the next open morning', () => {
    expect(addBusinessMinutes(weekdays9to18, shanghai('2026-12-07T17:00:00'), 120)).toBe(shanghai('2026-12-08T10:00:00'));
  });

  it('starts at the next opening when the ticket arrives at night', () => {
    expect(addBusinessMinutes(weekdays9to18, shanghai('2026-12-07T22:15:00'), 30)).toBe(shanghai('2026-12-08T09:30:00'));
  });

  it('skips the lunch break and the weekend', () => {
    expect(addBusinessMinutes(weekdays9to18, shanghai('2026-12-11T11:00:00'), 120)).toBe(shanghai('2026-12-11T14:00:00'));
    expect(addBusinessMinutes(weekdays9to18, shanghai('2026-12-11T17:00:00'), 120)).toBe(shanghai('2026-12-14T10:00:00'));
  });

  it('gives no deadline when the hours never open', () => {
    expect(addBusinessMinutes({ timezone: 'Asia/Shanghai', days: {} }, shanghai('2026-12-07T10:00:00'), 30)).toBeNull();
  });
});
