import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/translate';
import { formatPercent, formatSpan, lastThirtyDays, statsQueryOf } from './ticket-stats-logic';

const en = translator('en');
const zh = translator('zh-CN');

describe('the stats period and figures', () => {
  it('covers the last 30 local days including today, to the midnight after the last day', () => {
    const now = new Date(2026, 11, 7, 15, 30).getTime();
    const period = lastThirtyDays(now);
    expect(period).toEqual({ fromDay: '2026-11-08', toDay: '2026-12-07' });
    const query = statsQueryOf(period, { departmentId: 'd1', typeId: '' })!;
    expect(query).toEqual({ from: new Date(2026, 10, 8).toISOString(), to: new Date(2026, 11, 8).toISOString(), departmentId: 'd1' });
    expect(statsQueryOf({ fromDay: '', toDay: '2026-12-07' }, {})).toBeNull();
  });

  it('says durations as people say them, in both languages', () => {
    expect(formatSpan(en, null)).toBe('—');
    expect(formatSpan(en, 42)).toBe('42 s');
    expect(formatSpan(en, 754)).toBe('13 min');
    expect(formatSpan(en, 3 * 3600 + 5 * 60)).toBe('3 h 5 min');
    expect(formatSpan(zh, 2 * 86_400 + 4 * 3600)).toBe('2 天 4 小时');
    expect(formatPercent(92.5)).toBe('92.5 %');
    expect(formatPercent(null)).toBe('—');
  });
});
