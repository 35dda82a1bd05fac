// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MethodArgs } from '../../../../shared/contract';
import type { ReportResult } from '../../../../shared/report-results';
import { previousDays, reportDays, type ReportFigures, type ReportName } from '../../../../shared/reports';
import { AppUnderTest } from '../../testing/app-under-test';
import { offline, online, sessionOf } from '../../testing/workstation-harness';
import { ReportsView } from './ReportsView';

let app: AppUnderTest;
// Noon on 10 December 2026 on this computer's clock: "last 7 days" is 4–10 December.
const NOW = new Date(2026, 11, 10, 12, 0, 0).getTime();

const duration = (count: number, medianSeconds: number | null, p90Seconds: number | null) => ({ count, medianSeconds, p90Seconds });

/** Each report's figures for a period; `scale` 1 is this period, 0.5 the previous one (so the changes are known). */
function figuresOf(name: ReportName, days: string[], previous: boolean): ReportFigures[ReportName] {
  switch (name) {
    case 'volume':
      return {
        conversations: previous ? 2 : 3,
        byChannel: previous ? [{ channelKind: 'widget', conversations: 2 }] : [{ channelKind: 'widget', conversations: 2 }, { channelKind: 'telegram', conversations: 1 }],
        byHour: Array.from({ length: 24 }, (_, hour) => ({ hour, conversations: hour === 9 ? (previous ? 2 : 3) : 0 })),
        byDay: days.map((date, i) => ({ date, conversations: i === days.length - 1 ? (previous ? 2 : 3) : 0 })),
      };
    case 'times':
      return { firstResponse: duration(3, previous ? 120 : 90, 200), handling: duration(3, 600, 900), resolution: duration(3, 700, 1000) };
    case 'queue':
      return { queued: 3, answered: previous ? 1 : 3, abandoned: previous ? 2 : 0, abandonedPercent: previous ? 66.7 : 0, leftMessages: 0, wait: duration(3, 20, 40) };
    case 'csat':
      return previous
        ? { total: { answers: 2, average: 4, satisfiedPercent: 50 }, byAgent: [{ id: 'u1', name: '王芳', answers: 2, average: 4, satisfiedPercent: 50 }], byGroup: [], byChannel: [{ channelKind: 'widget', answers: 2, average: 4, satisfiedPercent: 50 }] }
        : {
          total: { answers: 3, average: 4.33, satisfiedPercent: 66.7 },
          byAgent: [{ id: 'u1', name: '王芳', answers: 2, average: 4.5, satisfiedPercent: 100 }, { id: 'u2', name: '李雷', answers: 1, average: 4, satisfiedPercent: 100 }],
          byGroup: [{ id: 'g1', name: '售后', answers: 3, average: 4.33, satisfiedPercent: 66.7 }],
          byChannel: [{ channelKind: 'widget', answers: 2, average: 4.5, satisfiedPercent: 100 }, { channelKind: 'telegram', answers: 1, average: 4, satisfiedPercent: 100 }],
        };
    case 'bot':
      return { botConversations: 0, resolvedByBot: 0, handedOver: 0, resolutionPercent: null, handoffPercent: null };
    case 'sentiment':
      return { messages: 0, average: null, upset: 0, byDay: days.map((date) => ({ date, messages: 0, average: null, upset: 0 })) };
    case 'tags':
      return { tags: [{ id: 't1', name: '物流', kind: 'reason', conversations: previous ? 1 : 2 }] };
  }
}

function answer({ report, from, to, agentId }: MethodArgs<'reports.get'>, scope: 'account' | 'own' = 'account', me: string | null = null): ReportResult {
  const before = previousDays({ from, to });
  const period = (f: string, t: string) => ({ from: f, to: t, start: `${f}T00:00:00.000Z`, end: `${t}T00:00:00.000Z` });
  return {
    report, timeZone: 'UTC', scope, agentId: me ?? agentId ?? null,
    period: period(from, to), previousPeriod: period(before.from, before.to),
    current: figuresOf(report, reportDays(from, to), false), previous: figuresOf(report, reportDays(before.from, before.to), true),
  } as ReportResult;
}

beforeEach(() => {
  app = new AppUnderTest('en');
  app.signIn(sessionOf({ id: 'sup', accountId: 'acc', email: 'sup@example.com', name: 'Zhou', role: 'supervisor' }));
  app.stores.connection.getState().setConnection(online);
  app.stores.team.getState().setLoaded(
    [
      { id: 'u1', name: '王芳', role: 'agent', presence: 'online', load: 0, maxChats: 5, groupIds: ['g1'] },
      { id: 'u2', name: '李雷', role: 'agent', presence: 'online', load: 0, maxChats: 5, groupIds: ['g1'] },
    ],
    [{ id: 'g1', name: '售后', open: true }],
  );
  app.fake.answer('reports.get', (args) => answer(args));
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('the Reports screen', () => {
  it('reads every report for the last seven days and shows the satisfaction answers in the chart and the tables, beside the previous period', async () => {
    render(<ReportsView now={NOW} />, { wrapper: app.wrapper });
    const csat = await screen.findByTestId('report-csat');
    await within(csat).findByTestId('report-csat-by-agent');
    expect(app.fake.callsOf('reports.get').map((c) => (c as { report: string }).report).sort()).toEqual(['bot', 'csat', 'queue', 'sentiment', 'tags', 'times', 'volume']);
    expect(app.fake.callsOf('reports.get')[0]).toMatchObject({ from: '2026-12-04', to: '2026-12-11' });

    const total = within(within(csat).getByRole('table', { name: 'Satisfaction (CSAT)' }));
    const answers = total.getByRole('row', { name: /^Answers/ });
    expect(within(answers).getAllByRole('cell').map((c) => c.textContent)).toEqual(['3', '2', '▲ 50 %up 50 % on the previous period']);
    const satisfied = total.getByRole('row', { name: /^Satisfied/ });
    expect(within(satisfied).getAllByRole('cell')[2]!.textContent).toContain('▲ 16.7 pt');

    expect(within(csat).getByRole('img', { name: /^Average rating per agent/ }).getAttribute('aria-label')).toBe('Average rating per agent: 王芳 4.50, 李雷 4.00');
    const byAgent = within(within(csat).getByRole('table', { name: 'Satisfaction per agent' }));
    const wang = byAgent.getByRole('row', { name: /^王芳/ });
    expect(within(wang).getAllByRole('cell').map((c) => within(c).getByTestId('report-current').textContent)).toEqual(['2', '4.50', '100 %']);
    expect(within(wang).getAllByRole('cell')[0]!.textContent).toContain('before: 2');
    // 李雷 had no answers before: his rise is new, his rating has nothing to compare with.
    const li = byAgent.getByRole('row', { name: /^李雷/ });
    expect(within(li).getAllByRole('cell')[0]!.textContent).toContain('▲ new');
    expect(within(li).getAllByRole('cell')[1]!.textContent).toContain('—');
    const byChannel = within(within(csat).getByRole('table', { name: 'Satisfaction per channel' }));
    expect(byChannel.getAllByRole('row').slice(1).map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['Web chat', 'Telegram']);

    const volume = screen.getByTestId('report-volume');
    expect(within(volume).getByRole('img', { name: /^Conversations per channel/ }).getAttribute('aria-label')).toBe('Conversations per channel: Web chat 2, Telegram 1');
    // Times are durations; shorter first responses are good news.
    const times = screen.getByTestId('report-times');
    const firstMedian = within(times).getByRole('row', { name: /^First response: median/ });
    expect(within(firstMedian).getAllByRole('cell').map((c) => c.textContent)).toEqual(['1 min 30 s', '2 min', '▼ 25 %down 25 % on the previous period']);
    expect(within(firstMedian).getByTestId('report-change').className).toContain('report-change--good');
    // Each queue figure beside its own previous value.
    const queue = screen.getByTestId('report-queue');
    expect(within(within(queue).getByRole('row', { name: /^Answered/ })).getAllByRole('cell').slice(0, 2).map((c) => c.textContent)).toEqual(['3', '1']);
    expect(within(within(queue).getByRole('row', { name: /^Abandoned \d/ })).getAllByRole('cell').slice(0, 2).map((c) => c.textContent)).toEqual(['0', '2']);
    // Nothing counted for the bot: said so, and no chart.
    const bot = screen.getByTestId('report-bot');
    expect(within(bot).getByText('The bot had no conversations in this period.')).toBeTruthy();
    expect(within(bot).queryByRole('img')).toBeNull();
    expect(screen.queryByTestId('reports-own-note')).toBeNull();
  });

  it('reads again for a preset, a custom period and an agent; a backwards period is refused before asking', async () => {
    render(<ReportsView now={NOW} />, { wrapper: app.wrapper });
    await screen.findByTestId('report-csat-by-agent');
    const last = () => app.fake.callsOf('reports.get').at(-1);

    await userEvent.selectOptions(screen.getByLabelText('Period'), 'thisMonth');
    await expect.poll(last).toMatchObject({ from: '2026-12-01', to: '2026-12-11' });
    await userEvent.selectOptions(screen.getByLabelText('Agent'), '王芳');
    await expect.poll(last).toMatchObject({ from: '2026-12-01', to: '2026-12-11', agentId: 'u1' });
    await userEvent.selectOptions(screen.getByLabelText('Channel'), 'Telegram');
    await expect.poll(last).toMatchObject({ channelKind: 'telegram', agentId: 'u1' });

    const asked = app.fake.callsOf('reports.get').length;
    const from = screen.getByLabelText('From');
    // A date field takes a whole day at once from its picker.
    fireEvent.change(from, { target: { value: '2026-12-20' } });
    expect((await screen.findByTestId('reports-bad-period')).textContent).toContain('Pick a start day on or before the end day');
    expect((screen.getByLabelText('Period') as HTMLSelectElement).value).toBe('custom');
    expect(app.fake.callsOf('reports.get').length).toBe(asked);
  });

  it('shows agents their own figures only: a note says so and there is no agent filter', async () => {
    app.signIn(sessionOf({ id: 'u1', accountId: 'acc', email: 'wang@example.com', name: '王芳', role: 'agent' }));
    app.fake.answer('reports.get', (args) => answer(args, 'own', 'u1'));
    render(<ReportsView now={NOW} />, { wrapper: app.wrapper });
    await screen.findByTestId('report-csat-by-agent');
    expect(screen.getByTestId('reports-own-note').textContent).toBe('These are your own figures: the conversations you handled and the answers about them.');
    expect(screen.queryByLabelText('Agent')).toBeNull();
    expect(app.fake.callsOf('reports.get').every((c) => !('agentId' in (c as object)))).toBe(true);
  });

  it('says when the period had no conversations', async () => {
    app.fake.answer('reports.get', (args) => {
      const a = answer(args);
      return a.report === 'volume' ? { ...a, current: { ...a.current, conversations: 0, byChannel: [] } } : a;
    });
    render(<ReportsView now={NOW} />, { wrapper: app.wrapper });
    expect((await screen.findByTestId('report-volume-empty')).textContent).toBe('No conversations in this period.');
    expect(within(screen.getByTestId('report-volume')).queryByRole('img')).toBeNull();
  });

  it('exports a report’s tables as a CSV file for the same period and filters', async () => {
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob);
      return 'blob:report';
    });
    app.fake.answer('reports.csv', ({ report, from, to }) => ({ filename: `report-${report}-${from}-${to}.csv`, csv: 'period,from\ncurrent,2026-12-04\n' }));
    render(<ReportsView now={NOW} />, { wrapper: app.wrapper });
    await screen.findByTestId('report-csat-by-agent');
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV: Satisfaction (CSAT)' }));
    expect((await screen.findByTestId('report-csat-export-note')).textContent).toBe('Saved as report-csat-2026-12-04-2026-12-11.csv');
    expect(app.fake.callsOf('reports.csv')).toEqual([{ report: 'csat', from: '2026-12-04', to: '2026-12-11' }]);
    expect(await created[0]!.text()).toBe('period,from\ncurrent,2026-12-04\n');
  });

  it('asks nothing offline and says reports need the connection; a refusal is shown in words', async () => {
    app.stores.connection.getState().setConnection(offline);
    const { unmount } = render(<ReportsView now={NOW} />, { wrapper: app.wrapper });
    expect(screen.getByTestId('reports-offline').textContent).toBe('Reports need the connection. They are read again when it is back.');
    expect(app.fake.callsOf('reports.get')).toEqual([]);
    unmount();

    app.stores.connection.getState().setConnection(online);
    app.fake.failWith('reports.get', 'forbidden', 'Department staff have no reports.');
    render(<ReportsView now={NOW} />, { wrapper: app.wrapper });
    const alerts = await screen.findAllByRole('alert');
    expect(alerts[0]!.textContent).toMatch(/^This report could not be read: /);
  });
});
