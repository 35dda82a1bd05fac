import { describe, expect, it } from 'vitest';
import type { ReportAnswer, ReportFigures, ReportName } from '../../../shared/reports';
import type { WeeklyFigures } from './weekly-figures';
import { composeWeeklySummary } from './weekly-summary';

const week = { weekStart: '2026-11-30', weekEnd: '2026-12-07' };
const span = { start: '', end: '' };

function answer<K extends ReportName>(current: ReportFigures[K], previous: ReportFigures[K]): ReportAnswer<K> {
  return {
    timeZone: 'Asia/Shanghai', scope: 'account', agentId: null,
    period: { from: '2026-11-30', to: '2026-12-07', ...span }, previousPeriod: { from: '2026-11-23', to: '2026-11-30', ...span }, current, previous,
  };
}
const duration = (count: number, medianSeconds: number | null, p90Seconds: number | null) => ({ count, medianSeconds, p90Seconds });
const queue = (abandonedPercent: number | null, leftMessages: number) => ({ queued: 0, answered: 0, abandoned: 0, abandonedPercent, leftMessages, wait: duration(0, null, null) });
const csat = (answers: number, average: number | null, satisfiedPercent: number | null) => ({ total: { answers, average, satisfiedPercent }, byAgent: [], byGroup: [], byChannel: [] });

const figures: WeeklyFigures = {
  volume: answer<'volume'>(
    { conversations: 7, byChannel: [{ channelKind: 'widget', conversations: 5 }, { channelKind: 'telegram', conversations: 2 }], byHour: [], byDay: [] },
    { conversations: 1, byChannel: [{ channelKind: 'widget', conversations: 1 }], byHour: [], byDay: [] },
  ),
  times: answer<'times'>(
    { firstResponse: duration(3, 600, 1080), handling: duration(0, null, null), resolution: duration(3, 1800, 3240) },
    { firstResponse: duration(1, 90, 90), handling: duration(0, null, null), resolution: duration(1, 3930, 3930) },
  ),
  queue: answer<'queue'>(queue(33.3, 1), queue(0, 0)),
  csat: answer<'csat'>(csat(3, 4, 66.7), csat(1, 2, 0)),
  bot: answer<'bot'>(
    { botConversations: 2, resolvedByBot: 1, handedOver: 1, resolutionPercent: 50, handoffPercent: 50 },
    { botConversations: 0, resolvedByBot: 0, handedOver: 0, resolutionPercent: null, handoffPercent: null },
  ),
  tags: answer<'tags'>(
    { tags: [{ id: 't1', name: 'Refund', kind: 'reason', conversations: 2 }, { id: 't2', name: '<b>已解决</b>', kind: 'outcome', conversations: 1 }] },
    { tags: [{ id: 't1', name: 'Refund', kind: 'reason', conversations: 3 }] },
  ),
};

describe('the weekly summary mail', () => {
  it('in English: subject with the Monday and the Sunday, each figure with the previous week and the change', () => {
    const mail = composeWeeklySummary({ accountName: 'Demo shop', language: 'en', week, figures });
    expect(mail.subject).toBe('Weekly service summary 2026-11-30 – 2026-12-06');
    const lines = mail.text.split('\n');
    expect(lines[1]).toBe('Week 2026-11-30 – 2026-12-06 (Asia/Shanghai), compared with 2026-11-23 – 2026-11-29.');
    expect(lines).toEqual(expect.arrayContaining([
      'Conversations: 7 (previous week 1, change +6)',
      '  Web chat: 5 (previous week 1, change +4)',
      '  Telegram: 2 (previous week 0, change +2)',
      'First response, median: 10 min (previous week 1 min 30 s, change +8 min 30 s)',
      'First response, 90th percentile: 18 min (previous week 1 min 30 s, change +16 min 30 s)',
      'Resolution time, median: 30 min (previous week 1 h 5 min, change -35 min 30 s)',
      'Abandoned in the queue: 33.3% (previous week 0.0%, change +33.3 pts)',
      'Messages left while nobody was available: 1 (previous week 0, change +1)',
      'Satisfaction (CSAT), average: 4.00 (previous week 2.00, change +2.00)',
      'Satisfaction answers: 3 (previous week 1, change +2)',
      'Satisfied (4–5 stars): 66.7% (previous week 0.0%, change +66.7 pts)',
      'Resolved by the bot: 50.0% (previous week —, change —)',
      'Handed over by the bot: 50.0% (previous week —, change —)',
      'Top conversation tags:',
      '  Refund: 2 (previous week 3, change -1)',
      '  <b>已解决</b>: 1 (previous week 0, change +1)',
    ]));
    // The HTML part carries the same figures, with what people typed escaped.
    expect(mail.html).toContain('&lt;b&gt;已解决&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>已解决');
    expect(mail.html).toContain('+8 min 30 s');
  });

  it('in Chinese', () => {
    const mail = composeWeeklySummary({ accountName: '演示店铺', language: 'zh-CN', week, figures });
    expect(mail.subject).toBe('每周服务报告 2026-11-30 – 2026-12-06');
    expect(mail.text).toContain('会话数：7（上周 1，变化 +6）');
    expect(mail.text).toContain('  网页聊天：5（上周 1，变化 +4）');
    expect(mail.text).toContain('首次响应时间（中位数）：10 分（上周 1 分 30 秒，变化 +8 分 30 秒）');
    expect(mail.text).toContain('排队放弃率：33.3%（上周 0.0%，变化 +33.3 个百分点）');
    expect(mail.html).toContain('<html lang="zh-CN">');
  });

  it('says when there were no tags', () => {
    const mail = composeWeeklySummary({ accountName: 'Demo shop', language: 'en', week, figures: { ...figures, tags: answer<'tags'>({ tags: [] }, { tags: [] }) } });
    expect(mail.text).toContain('No conversation tags this week.');
    expect(mail.text).not.toContain('Top conversation tags');
  });
});
