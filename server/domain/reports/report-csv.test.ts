import { describe, expect, it } from 'vitest';
import type { ReportAnswer } from '../../../shared/reports';
import { reportCsv, reportFilename } from './report-csv';

const period = { from: '2026-03-02', to: '2026-03-04', start: '2026-03-01T16:00:00.000Z', end: '2026-03-03T16:00:00.000Z' };
const previousPeriod = { from: '2026-02-28', to: '2026-03-02', start: '2026-02-27T16:00:00.000Z', end: '2026-03-01T16:00:00.000Z' };

describe('report CSV', () => {
  it('starts with a BOM, writes both periods and makes formula-looking names harmless', () => {
    const answer: ReportAnswer<'tags'> = {
      timeZone: 'Asia/Shanghai', scope: 'account', agentId: null, period, previousPeriod,
      current: { tags: [{ id: 't1', name: '=HYPERLINK("x")', kind: 'other', conversations: 2 }, { id: 't2', name: '退款, 换货', kind: 'reason', conversations: 1 }] },
      previous: { tags: [{ id: 't3', name: '@sum', kind: 'outcome', conversations: 4 }] },
    };
    const text = reportCsv('tags', answer);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.slice(1).split('\r\n')).toEqual([
      'period,from,to,table,key,name,kind,conversations',
      `current,2026-03-02,2026-03-04,tag,t1,"'=HYPERLINK(""x"")",other,2`,
      'current,2026-03-02,2026-03-04,tag,t2,"退款, 换货",reason,1',
      "previous,2026-02-28,2026-03-02,tag,t3,'@sum,outcome,4",
      '',
    ]);
    expect(reportFilename('tags', answer)).toBe('report-tags-2026-03-02-2026-03-04.csv');
  });

  it('leaves empty cells where a figure has nothing to count', () => {
    const empty = { count: 0, medianSeconds: null, p90Seconds: null };
    const answer: ReportAnswer<'times'> = {
      timeZone: 'UTC', scope: 'own', agentId: 'me', period, previousPeriod,
      current: { firstResponse: { count: 2, medianSeconds: 450, p90Seconds: 570 }, handling: empty, resolution: empty },
      previous: { firstResponse: empty, handling: empty, resolution: empty },
    };
    const lines = reportCsv('times', answer).slice(1).split('\r\n');
    expect(lines[1]).toBe('current,2026-03-02,2026-03-04,first_response,,,2,450,570');
    expect(lines[2]).toBe('current,2026-03-02,2026-03-04,handling,,,0,,');
  });
});
