import { describe, expect, it } from 'vitest';
import { previousDays, reportDays, reportPeriodError, reportQuerySchema } from './reports';

describe('report periods', () => {
  it('lists every day from `from` up to, not including, `to`, across a month end', () => {
    expect(reportDays('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });

  it('the previous period has the same length and ends where the period starts', () => {
    expect(previousDays({ from: '2026-03-01', to: '2026-03-08' })).toEqual({ from: '2026-02-22', to: '2026-03-01' });
    expect(previousDays({ from: '2026-03-02', to: '2026-03-03' })).toEqual({ from: '2026-03-01', to: '2026-03-02' });
  });

  it('refuses a period backwards, empty or longer than a year', () => {
    expect(reportPeriodError({ from: '2026-03-02', to: '2026-03-02' })).toBe('from must be before to');
    expect(reportPeriodError({ from: '2026-03-03', to: '2026-03-02' })).toBe('from must be before to');
    expect(reportPeriodError({ from: '2025-01-01', to: '2026-03-02' })).toMatch(/at most 366 days/);
    expect(reportPeriodError({ from: '2025-03-02', to: '2026-03-02' })).toBeNull();
  });

  it('takes calendar days only, not instants or impossible dates', () => {
    expect(reportQuerySchema.safeParse({ from: '2026-03-01', to: '2026-03-08' }).success).toBe(true);
    expect(reportQuerySchema.safeParse({ from: '2026-02-30', to: '2026-03-08' }).success).toBe(false);
    expect(reportQuerySchema.safeParse({ from: '2026-03-01T00:00:00Z', to: '2026-03-08' }).success).toBe(false);
    expect(reportQuerySchema.safeParse({ from: '2026-03-01', to: '2026-03-08', extra: 1 }).success).toBe(false);
  });
});
