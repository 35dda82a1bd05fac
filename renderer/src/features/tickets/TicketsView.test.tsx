// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TicketListArgs } from '../../../../shared/contract';
import { AppUnderTest } from '../../testing/app-under-test';
import { historyItem, ticket } from '../../testing/fixtures';
import { sessionOf, signedIn } from '../../testing/workstation-harness';
import { TicketsView } from './TicketsView';

let app: AppUnderTest;

const repair = ticket({ id: 't1', number: 101, subject: 'Blender repair', assigneeId: 'u1', sla: 'breached', conversationIds: ['c1'], contactName: 'Zhang Wei' });
const refund = ticket({ id: 't2', number: 102, subject: 'Refund for order 88', sla: 'warning' });
const invoice = ticket({ id: 't3', number: 103, subject: 'Invoice title', sla: 'ok' });

function serveTickets() {
  app.fake
    .answer('tickets.meta', () => ({ types: [], departments: [], myDepartmentIds: [], leadOf: [] }))
    .answer('tickets.list', (args: TicketListArgs) => {
      const tickets = args.view === 'unassigned' ? [refund, invoice] : args.view === 'mine' ? [repair] : [repair, refund, invoice];
      return { tickets, total: tickets.length, pending: [] };
    });
}

beforeEach(() => {
  app = new AppUnderTest('en');
  app.signIn(signedIn);
  app.stores.connection.getState().setConnection({ status: 'online', since: '2026-01-01T09:00:00.000Z', error: null, nextRetryAt: null });
  app.fake.answer('team.list', () => ({ agents: [], groups: [] }));
  serveTickets();
});

afterEach(() => cleanup());

describe('the Tickets view', () => {
  it('lists the tickets of the chosen saved filter with their SLA marked, and reads the list again for another filter', async () => {
    render(<TicketsView />, { wrapper: app.wrapper });
    const rows = await screen.findAllByTestId('ticket-row');
    expect(rows.map((r) => r.getAttribute('data-ticket-id'))).toEqual(['t1']);
    expect(rows[0]!.getAttribute('data-sla')).toBe('breached');
    expect(within(rows[0]!).getByText('SLA breached')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Unassigned' }));
    await expect.poll(() => screen.queryAllByTestId('ticket-row').map((r) => r.getAttribute('data-ticket-id'))).toEqual(['t2', 't3']);
    expect(screen.getByRole('button', { name: 'Unassigned' }).getAttribute('aria-pressed')).toBe('true');
    const warned = screen.getAllByTestId('ticket-row')[0]!;
    expect(warned.getAttribute('data-sla')).toBe('warning');
    expect(within(warned).getByText('SLA due soon')).toBeTruthy();
    // An ok SLA is not marked.
    expect(screen.getAllByTestId('ticket-row')[1]!.getAttribute('data-sla')).toBeNull();
    expect(app.fake.callsOf('tickets.list').at(-1)).toMatchObject({ view: 'unassigned', sort: 'updated' });
  });

  it('filters by status and sorts as chosen', async () => {
    render(<TicketsView />, { wrapper: app.wrapper });
    await screen.findAllByTestId('ticket-row');
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'Waiting on customer');
    await userEvent.selectOptions(screen.getByLabelText('Sort by'), 'Due first');
    await expect.poll(() => app.fake.callsOf('tickets.list').at(-1)).toMatchObject({ status: ['waiting_on_customer'], sort: 'due' });
  });

  it('shows the first page of a long list with how many match, a page more on request, and the first page again for another filter', async () => {
    const many = Array.from({ length: 260 }, (_, i) => ticket({ id: `m${i}`, number: 1000 + i }));
    app.fake.answer('tickets.list', (args: TicketListArgs) => ({ tickets: many.slice(0, args.limit ?? 200), total: many.length, pending: [] }));
    render(<TicketsView />, { wrapper: app.wrapper });
    await expect.poll(() => screen.queryAllByTestId('ticket-row').length).toBe(200);
    expect(screen.getByText('Showing the first 200 of 260 tickets.')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Show more' }));
    await expect.poll(() => screen.queryAllByTestId('ticket-row').length).toBe(260);
    expect(app.fake.callsOf('tickets.list').at(-1)).toMatchObject({ view: 'mine', limit: 400 });
    expect(screen.queryByTestId('ticket-more')).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Unassigned' }));
    await expect.poll(() => app.fake.callsOf('tickets.list').at(-1)).toMatchObject({ view: 'unassigned', limit: 200 });
  });

  it('closes the ticked tickets in one action and says how many changed', async () => {
    app.fake.answer('tickets.bulk', ({ ids }) => ({ updated: ids.length - 1, refused: [{ id: ids[1]!, code: 'forbidden' }] }));
    render(<TicketsView />, { wrapper: app.wrapper });
    await userEvent.click(screen.getByRole('button', { name: 'All' }));
    await expect.poll(() => screen.queryAllByTestId('ticket-row').length).toBe(3);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select ticket #101' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select ticket #103' }));
    const bar = screen.getByRole('toolbar', { name: 'Actions for the selected tickets' });
    expect(within(bar).getByText('2 selected')).toBeTruthy();
    await userEvent.click(within(bar).getByRole('button', { name: 'Close' }));
    expect(app.fake.callsOf('tickets.bulk')).toEqual([{ ids: ['t1', 't3'], status: 'closed' }]);
    expect(await within(bar).findByText('1 changed, 1 refused')).toBeTruthy();
    // The refused one stays ticked, to try again or look at.
    expect((screen.getByRole('checkbox', { name: 'Select ticket #103' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('checkbox', { name: 'Select ticket #101' }) as HTMLInputElement).checked).toBe(false);
  });

  it('opens a ticket with internal comments marked internal and replies marked as sent to the customer, and its conversation in the inbox', async () => {
    app.fake.answer('tickets.get', () => ({
      ticket: repair,
      history: [
        historyItem({ id: 'e1', ticketId: 't1', kind: 'comment', public: false, body: '@Li the motor is burnt' }),
        historyItem({ id: 'e2', ticketId: 't1', kind: 'reply', public: true, body: 'We will send a new one.' }),
        historyItem({ id: 'e3', ticketId: 't1', kind: 'excerpt', body: '', data: { messages: [{ id: 'm1', senderType: 'contact', senderName: 'Zhang Wei', body: 'It smells burnt', createdAt: '2026-01-01T08:00:00.000Z' }] } }),
        historyItem({ id: 'e4', ticketId: 't1', kind: 'status', body: '', data: { from: 'open', to: 'in_progress' } }),
      ],
      draft: null,
    }));
    app.fake.answer('contacts.profile', () => {
      throw new Error('not needed');
    });
    render(<TicketsView />, { wrapper: app.wrapper });
    await userEvent.click(await screen.findByRole('button', { name: /Blender repair/ }));
    const items = await screen.findAllByTestId('ticket-history-item');
    expect(items.map((i) => i.getAttribute('data-visibility'))).toEqual(['internal', 'public', null, null]);
    // The excerpt shows the customer's own words; a status line says from what to what.
    expect(within(items[2]!).getByText('It smells burnt')).toBeTruthy();
    expect(within(items[2]!).queryByText('Internal')).toBeNull();
    expect(within(items[3]!).getByText('Open → In progress')).toBeTruthy();
    expect(within(items[0]!).getByText('Internal')).toBeTruthy();
    expect(within(items[0]!).queryByText('Sent to the customer')).toBeNull();
    expect(within(items[1]!).getByText('Sent to the customer')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2 }).textContent).toContain('Blender repair');

    await userEvent.click(screen.getByRole('button', { name: 'Open conversation with Zhang Wei in the inbox' }));
    expect(app.stores.view.getState().view).toBe('inbox');
    expect(app.stores.inbox.getState().selectedId).toBe('c1');
  });

  it('shows where a colleague mentioned this user, and opens that ticket', async () => {
    const stop = app.tickets.start();
    app.fake.answer('tickets.get', () => ({ ticket: refund, history: [], draft: null }));
    render(<TicketsView />, { wrapper: app.wrapper });
    await screen.findAllByTestId('ticket-row');
    app.fake.emit('ticket.mentioned', { ticketId: 't2', number: 102, subject: refund.subject, eventId: 'e5', byName: 'Li Lei', excerpt: 'can you call the customer?' });
    const mention = await screen.findByRole('button', { name: 'Li Lei mentioned you on #102: can you call the customer?' });
    await userEvent.click(mention);
    expect(await screen.findByTestId('ticket-detail')).toBeTruthy();
    expect(app.fake.callsOf('tickets.get')).toEqual([{ id: 't2' }]);
    expect(screen.queryByTestId('ticket-mentions')).toBeNull();
    stop();
  });

  it('saves a changed field and shows the refusal when it is not allowed', async () => {
    app.fake.answer('tickets.get', () => ({ ticket: refund, history: [], draft: null }));
    app.fake.failWith('tickets.update', 'forbidden', 'not your department');
    render(<TicketsView />, { wrapper: app.wrapper });
    await userEvent.click(screen.getByRole('button', { name: 'Unassigned' }));
    await userEvent.click(await screen.findByRole('button', { name: /Refund for order 88/ }));
    await screen.findByTestId('ticket-detail');
    const fields = screen.getByRole('group', { name: 'Ticket fields' });
    await userEvent.selectOptions(within(fields).getByLabelText('Status'), 'Solved');
    expect(app.fake.callsOf('tickets.update')).toEqual([{ id: 't2', status: 'solved' }]);
    expect((await within(fields).findByRole('alert')).textContent).toMatch(/^Not saved:/);
  });

  it('lets a supervisor delete a ticket after confirming, and offers agents no delete', async () => {
    app.fake.answer('tickets.get', () => ({ ticket: repair, history: [], draft: null }));
    app.fake.answer('contacts.profile', () => {
      throw new Error('not needed');
    });
    render(<TicketsView />, { wrapper: app.wrapper });
    await userEvent.click(await screen.findByRole('button', { name: /Blender repair/ }));
    await screen.findByTestId('ticket-detail');
    expect(screen.queryByRole('button', { name: 'Delete ticket' })).toBeNull();
    cleanup();

    app.signIn(sessionOf({ id: 'sv', accountId: 'acc', email: 'sv@example.com', name: 'Chen Lin', role: 'supervisor' }));
    app.fake.answer('tickets.delete', () => ({ deleted: true }));
    render(<TicketsView />, { wrapper: app.wrapper });
    await userEvent.click(screen.getByRole('button', { name: 'All' }));
    await userEvent.click(await screen.findByRole('button', { name: /Blender repair/ }));
    await userEvent.click(await screen.findByRole('button', { name: 'Delete ticket' }));
    expect(screen.getByText('Delete ticket #101?')).toBeTruthy();
    expect(app.fake.callsOf('tickets.delete')).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(app.fake.callsOf('tickets.delete')).toEqual([{ id: 't1' }]);
    await expect.poll(() => screen.queryByTestId('ticket-detail')).toBeNull();
    expect(screen.queryAllByTestId('ticket-row').map((r) => r.getAttribute('data-ticket-id'))).not.toContain('t1');
  });
});
