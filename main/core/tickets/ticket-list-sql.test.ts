import { describe, expect, it } from 'vitest';
import type { TicketListArgs } from '../../../shared/contract';
import { ticketSortSchema, ticketViewSchema } from '../../../shared/tickets';
import { ticketCorpus } from '../testing/ticket-corpus';
import { memoryTicketCache } from '../testing/ticket-fixtures';
import { breachingFrom, selectTickets, slaAt } from './ticket-list';
import { ticketListSql } from './ticket-list-sql';

const now = Date.parse('2026-12-01T12:00:00Z');
const viewer = { userId: 'u1', myDepartmentIds: ['d1', 'd3'] };
const corpus = ticketCorpus(600, { now, assignees: ['u1', 'u2', 'u3'], departments: ['d1', 'd2', 'd3', 'd4'], types: ['repair', 'refund'] });

async function cached() {
  const cache = await memoryTicketCache();
  await cache.db.write((tx) => cache.putTickets(tx, corpus));
  return cache;
}

const fieldFilters: Omit<TicketListArgs, 'view' | 'sort'>[] = [
  {},
  { status: ['new', 'open', 'in_progress', 'waiting_on_customer'] },
  { status: ['solved'], priority: 'high' },
  { typeId: 'repair', departmentId: 'd1' },
  { priority: 'urgent', typeId: 'refund' },
];

describe('the cached ticket list in SQL', () => {
  it('lists the same tickets in the same order as the list rules, for every saved filter, sort and field filter', async () => {
    const cache = await cached();
    let compared = 0;
    for (const view of ticketViewSchema.options) {
      for (const sort of ticketSortSchema.options) {
        for (const filters of fieldFilters) {
          const args: TicketListArgs = { view, sort, ...filters };
          const expected = selectTickets(corpus, args, viewer, now).map((t) => t.id);
          const { tickets, total } = await cache.page(ticketListSql(args, viewer, now), corpus.length);
          expect(tickets.map((t) => t.id), JSON.stringify(args)).toEqual(expected);
          expect(total).toBe(expected.length);
          compared += expected.length;
        }
      }
    }
    // The corpus must give every combination something to compare.
    expect(compared).toBeGreaterThan(10_000);
  });

  it('opens only the first page and counts the rest', async () => {
    const cache = await cached();
    const args: TicketListArgs = { view: 'all', sort: 'due' };
    const all = selectTickets(corpus, args, viewer, now);
    const { tickets, total } = await cache.page(ticketListSql(args, viewer, now), 50);
    expect(tickets.map((t) => t.id)).toEqual(all.slice(0, 50).map((t) => t.id));
    expect(total).toBe(corpus.length);
  });

  it('shows a ticket as breaching from the moment its SLA state turns warning or breached', () => {
    for (const ticket of corpus) {
      const from = breachingFrom(ticket);
      for (const at of [now - 3 * 86_400_000, now, now + 3 * 86_400_000, ...(from ? [from - 1, from] : [])]) {
        const shown = slaAt(ticket, at) === 'warning' || slaAt(ticket, at) === 'breached';
        expect(from !== null && from <= at, `${ticket.id} at ${new Date(at).toISOString()}`).toBe(shown);
      }
    }
  });
});
