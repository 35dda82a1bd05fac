import { describe, expect, it } from 'vitest';
import { businessHoursInputSchema, isKnownTimeZone } from './business-hours';

describe('business hours an admin saves', () => {
  it('accepts intervals in order within a known time zone', () => {
    const hours = { timezone: 'Asia/Shanghai', days: { mon: [['09:00', '12:00'], ['13:00', '24:00']], sun: [] } };
    expect(businessHoursInputSchema.parse(hours)).toEqual(hours);
  });

  it('refuses an unknown time zone, a range that ends before it starts, and ranges that overlap', () => {
    expect(isKnownTimeZone('Europe/London')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(businessHoursInputSchema.safeParse({ timezone: 'Mars/Olympus_Mons', days: {} }).success).toBe(false);
    expect(businessHoursInputSchema.safeParse({ timezone: 'UTC', days: { tue: [['18:00', '09:00']] } }).success).toBe(false);
    expect(businessHoursInputSchema.safeParse({ timezone: 'UTC', days: { tue: [['09:00', '13:00'], ['12:00', '18:00']] } }).success).toBe(false);
    expect(businessHoursInputSchema.safeParse({ timezone: 'UTC', days: { tue: [['9:00', '18:00']] } }).success).toBe(false);
    expect(businessHoursInputSchema.safeParse({ timezone: 'UTC', days: { someday: [['09:00', '18:00']] } }).success).toBe(false);
  });
});
