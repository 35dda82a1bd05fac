import { describe, expect, it } from 'vitest';
import { addDays, localDay, NO_FILTERS, presetPeriod, reportQueryOf } from './report-period';

describe('report periods', () => {
  it('counts each preset back from the day given as today, today included', () => {
    expect(presetPeriod('today', '2026-03-15')).toEqual({ preset: 'today', fromDay: '2026-03-15', toDay: '2026-03-15' });
    expect(presetPeriod('last7', '2026-03-03')).toEqual({ preset: 'last7', fromDay: '2026-02-25', toDay: '2026-03-03' });
    expect(presetPeriod('last30', '2026-01-10')).toEqual({ preset: 'last30', fromDay: '2025-12-12', toDay: '2026-01-10' });
    expect(presetPeriod('thisMonth', '2024-02-29')).toEqual({ preset: 'thisMonth', fromDay: '2024-02-01', toDay: '2024-02-29' });
  });

  it('asks the server for [first day, the day after the last day)', () => {
    expect(reportQueryOf({ fromDay: '2026-02-25', toDay: '2026-03-03' }, NO_FILTERS, true)).toEqual({ from: '2026-02-25', to: '2026-03-04' });
    expect(reportQueryOf(presetPeriod('today', '2026-12-31'), NO_FILTERS, true)).toEqual({ from: '2026-12-31', to: '2027-01-01' });
  });

  it('passes the filters chosen, and the agent only for those who may filter by agent', () => {
    const filters = { channelKind: 'telegram', groupId: 'g1', agentId: 'u7' };
    expect(reportQueryOf({ fromDay: '2026-05-01', toDay: '2026-05-01' }, filters, true)).toEqual({
      from: '2026-05-01', to: '2026-05-02', channelKind: 'telegram', groupId: 'g1', agentId: 'u7',
    });
    expect(reportQueryOf({ fromDay: '2026-05-01', toDay: '2026-05-01' }, filters, false)).toEqual({
      from: '2026-05-01', to: '2026-05-02', channelKind: 'telegram', groupId: 'g1',
    });
  });

  it('refuses a missing, unreal, backwards or over-long period', () => {
    expect(reportQueryOf({ fromDay: '', toDay: '2026-05-01' }, NO_FILTERS, true)).toBeNull();
    expect(reportQueryOf({ fromDay: '2026-02-30', toDay: '2026-03-05' }, NO_FILTERS, true)).toBeNull();
    expect(reportQueryOf({ fromDay: '2026-05-02', toDay: '2026-05-01' }, NO_FILTERS, true)).toBeNull();
    expect(reportQueryOf({ fromDay: '2025-01-01', toDay: '2026-01-01' }, NO_FILTERS, true)).toEqual({ from: '2025-01-01', to: '2026-01-02' });
    expect(reportQueryOf({ fromDay: '2024-01-01', toDay: '2025-01-01' }, NO_FILTERS, true)).toBeNull();
  });

  it('moves days across months and years, and reads today from the local clock', () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    const noon = new Date(2026, 6, 4, 12, 0, 0).getTime();
    expect(localDay(noon)).toBe('2026-07-04');
  });
});
