// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TicketStats, TicketStatsQuery } from '../../../../shared/ticket-stats';
import { AppUnderTest } from '../../testing/app-under-test';
import { ticket } from '../../testing/fixtures';
import { signedIn } from '../../testing/workstation-harness';
import { NoticeCenter } from '../notices/NoticeCenter';
import { TicketsView } from './TicketsView';

let app: AppUnderTest;

const repair = ticket({ id: 't1', number: 101, subject: 'Blender repair', assigneeId: 'u1', sla: 'warning' });
const dep = { id: 'd1', name: 'Repairs', archived: false, members: [] };
const type = { id: 'y1', name: '维修', defaultDepartmentId: 'd1', position: 0, archived: false };

const figures = { tickets: 0, open: 0, solved: 0, avgFirstResponseSeconds: null, avgSolveSeconds: null, slaMet: 0, slaBreached: 0, slaMetPercent: null };
const stats: TicketStats = {
  from: '2026-11-07T00:00:00.000Z',
  to: '2026-12-07T00:00:00.000Z',
  scope: 'account',
  totals: { tickets: 12, open: 4, solved: 8, avgFirstResponseSeconds: 754, avgSolveSeconds: 3 * 86_400 + 5 * 3600, slaMet: 9, slaBreached: 1, slaMetPercent: 90 },
  byStatus: [{ status: 'open', tickets: 4 }, { status: 'solved', tickets: 8 }],
  byType: [{ ...figures, id: 'y1', name: '维修', tickets: 7, open: 2, solved: 5, avgSolveSeconds: 7200, slaMetPercent: 85.7 }],
  byDepartment: [{ ...figures, id: null, name: null, tickets: 12 }],
};

beforeEach(() => {
  app = new AppUnderTest('en');
  app.signIn(signedIn);
  app.stores.connection.getState().setConnection({ status: 'online', since: '2026-01-01T09:00:00.000Z', error: null, nextRetryAt: null });
  app.fake
    .answer('team.list', () => ({ agents: [], groups: [] }))
    .answer('tickets.meta', () => ({ types: [type], departments: [dep], myDepartmentIds: [], leadOf: [] }))
    .answer('tickets.list', () => ({ tickets: [repair], total: 1, pending: [] }))
    .answer('tickets.stats', () => stats);
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('SLA notices in the Tickets view', () => {
  it('shows a pushed warning in amber and a breach in red; one opens its ticket, the other is dismissed', async () => {
    const stop = app.tickets.start();
    app.fake.answer('tickets.get', () => ({ ticket: repair, history: [], draft: null }));
    render(<TicketsView />, { wrapper: app.wrapper });
    await screen.findAllByTestId('ticket-row');
    const base = { ticketId: 't1', number: 101, subject: 'Blender repair', priority: 'high', departmentId: null, assigneeId: 'u1', dueAt: '2026-12-07T10:00:00.000Z', at: '2026-12-07T09:30:00.000Z' } as const;
    app.fake.emit('ticket.sla', { ...base, target: 'first_response', kind: 'warning' });
    app.fake.emit('ticket.sla', { ...base, ticketId: 't9', number: 109, subject: 'Invoice', target: 'resolution', kind: 'breach' });

    const notices = await screen.findAllByTestId('ticket-sla-notice');
    expect(notices.map((n) => n.getAttribute('data-kind'))).toEqual(['breach', 'warning']);
    expect(notices[0]!.textContent).toContain('Ticket #109 missed its resolution target');
    expect(notices[1]!.textContent).toContain('Ticket #101 needs a first reply by');

    await userEvent.click(screen.getByRole('button', { name: 'Dismiss the SLA notice on #109' }));
    expect(screen.getAllByTestId('ticket-sla-notice')).toHaveLength(1);

    await userEvent.click(screen.getByRole('button', { name: /Ticket #101 needs a first reply/ }));
    expect(await screen.findByTestId('ticket-detail')).toBeTruthy();
    expect(app.fake.callsOf('tickets.get')).toEqual([{ id: 't1' }]);
    expect(screen.queryByTestId('ticket-sla-notices')).toBeNull();
    stop();
  });
});

describe('ticket figures', () => {
  it('counts the last 30 days, shows the figures as tables with spans and SLA met, and filters by department', async () => {
    render(<TicketsView />, { wrapper: app.wrapper });
    await userEvent.click(screen.getByTestId('ticket-stats-toggle'));
    expect((await screen.findByTestId('ticket-stats-total')).textContent).toBe('12');
    expect(screen.getByTestId('ticket-stats-first-response').textContent).toBe('13 min');
    expect(screen.getByTestId('ticket-stats-solve').textContent).toBe('3 d 5 h');
    expect(screen.getByTestId('ticket-stats-sla').textContent).toBe('90 %');
    const byType = screen.getByRole('table', { name: 'By type' });
    expect(within(byType).getByRole('row', { name: /维修/ }).textContent).toBe('维修725—2 h 0 min85.7 %');
    expect(within(screen.getByRole('table', { name: 'By department' })).getByText('None')).toBeTruthy();
    expect(within(screen.getByRole('table', { name: 'By status' })).getByRole('row', { name: /Solved/ }).textContent).toBe('Solved8');

    const first = app.fake.callsOf('tickets.stats')[0] as TicketStatsQuery;
    const days = (Date.parse(first.to) - Date.parse(first.from)) / 86_400_000;
    expect(Math.round(days)).toBe(30);
    expect(Date.parse(first.to)).toBeGreaterThan(Date.now());

    await userEvent.selectOptions(screen.getByLabelText('Department'), 'Repairs');
    await expect.poll(() => app.fake.callsOf('tickets.stats').at(-1)).toMatchObject({ departmentId: 'd1' });
  });

  it('exports the figures shown as a CSV file', async () => {
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob);
      return 'blob:stats';
    });
    app.fake.answer('tickets.statsCsv', () => ({ filename: 'tickets-2026-11-07-2026-12-07.csv', csv: 'scope,from\naccount,2026-11-07\n' }));
    render(<TicketsView />, { wrapper: app.wrapper });
    await userEvent.click(screen.getByTestId('ticket-stats-toggle'));
    await screen.findByTestId('ticket-stats-total');
    await userEvent.click(screen.getByTestId('ticket-stats-export'));
    expect((await screen.findByTestId('ticket-stats-export-note')).textContent).toBe('Saved as tickets-2026-11-07-2026-12-07.csv.');
    expect(app.fake.callsOf('tickets.statsCsv')).toEqual([app.fake.callsOf('tickets.stats').at(-1)]);
    expect(await created[0]!.text()).toBe('scope,from\naccount,2026-11-07\n');
  });

  it('says in Chinese why the figures could not be counted', async () => {
    app = new AppUnderTest('zh-CN');
    app.signIn(signedIn);
    app.stores.connection.getState().setConnection({ status: 'online', since: '2026-01-01T09:00:00.000Z', error: null, nextRetryAt: null });
    app.fake
      .answer('team.list', () => ({ agents: [], groups: [] }))
      .answer('tickets.meta', () => ({ types: [], departments: [], myDepartmentIds: [], leadOf: [] }))
      .answer('tickets.list', () => ({ tickets: [], total: 0, pending: [] }))
      .failWith('tickets.stats', 'forbidden', 'not your department');
    render(<TicketsView />, { wrapper: app.wrapper });
    await userEvent.click(screen.getByTestId('ticket-stats-toggle'));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^无法统计：/);
  });
});

describe('SLA notices in the notice centre', () => {
  it('opens the ticket in the Tickets view from wherever the user is', async () => {
    app.fake.answer('tickets.get', () => ({ ticket: repair, history: [], draft: null }));
    app.stores.view.getState().setView('inbox');
    app.stores.notices.getState().push({
      kind: 'ticketSla',
      sla: { ticketId: 't1', number: 101, subject: 'Blender repair', priority: 'high', departmentId: null, assigneeId: 'u1', target: 'resolution', kind: 'breach', dueAt: '2026-12-07T10:00:00.000Z', at: '2026-12-07T10:00:00.000Z' },
    });
    render(<NoticeCenter />, { wrapper: app.wrapper });
    const notice = screen.getByTestId('notice');
    expect(notice.getAttribute('data-sla')).toBe('breach');
    expect(notice.textContent).toMatch(/Ticket #101 missed its resolution target .*Blender repair/);
    await userEvent.click(within(notice).getByTestId('notice-open'));
    expect(app.stores.view.getState().view).toBe('tickets');
    await app.fake.untilCalled('tickets.get');
    expect(app.fake.callsOf('tickets.get')).toEqual([{ id: 't1' }]);
    expect(screen.queryByTestId('notice')).toBeNull();
  });
});
