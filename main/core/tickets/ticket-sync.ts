import type { EventSink } from '../../../shared/contract';
import type { Ticket, TicketEvent } from '../../../shared/tickets';
import type { TicketCache } from '../cache/ticket-cache';
import { Coalescer } from '../coalescer';
import { asHistoryItem } from './history-item';
import type { TicketTransport } from './ticket-transport';

export interface TicketSyncOptions {
  pageSize?: number;
  /** More tickets than this in one page are announced as `tickets.reloaded`, not one by one. */
  eventBatchLimit?: number;
}

/**
 * Keeps the ticket cache equal to what the server lets this user see: on every connect it pages
 * through `tickets:changes` after its own stored cursor; live `ticket:changed` pushes are applied
 * as they come (they never move the cursor, so a push missed while away is fetched again).
 */
export class TicketSync {
  private readonly pages = new Coalescer(() => this.pageThrough());
  private readonly pageSize: number;
  private readonly eventBatchLimit: number;
  private startOverPending = false;

  constructor(
    private readonly cache: TicketCache,
    private readonly transport: TicketTransport,
    private readonly emit: EventSink,
    options: TicketSyncOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 500;
    this.eventBatchLimit = options.eventBatchLimit ?? 100;
  }

  /** Fetches every change after the stored cursor, page by page; concurrent callers share one run. */
  catchUp(): Promise<void> {
    return this.pages.run();
  }

  /** What this user may see changed (a new role): the next catch-up starts from nothing. */
  startOver(): void {
    this.startOverPending = true;
  }

  /** A live push: the ticket and the history line that changed it. */
  async onChanged(ticket: Ticket, event: TicketEvent | null): Promise<void> {
    await this.apply([ticket], event ? [event] : [], true);
  }

  /** The server says the ticket is not there (deleted): it leaves the cache. */
  async gone(ticketId: string): Promise<void> {
    await this.cache.db.write((tx) => this.cache.removeTicket(tx, ticketId));
    this.emit('ticket.removed', { ticketId });
  }

  /** Stores what the server answered to one of this user's own actions, and announces it. */
  stored(tickets: readonly Ticket[], events: readonly TicketEvent[]): Promise<void> {
    return this.apply(tickets, events, true);
  }

  private async pageThrough(): Promise<void> {
    if (this.startOverPending) {
      this.startOverPending = false;
      await this.cache.db.write((tx) => this.cache.resetSynced(tx));
      this.emit('tickets.reloaded', {});
    }
    let after = await this.cache.cursor();
    for (;;) {
      const page = await this.transport.request('tickets:changes', { after, limit: this.pageSize });
      const large = page.tickets.length + page.events.length > this.eventBatchLimit;
      await this.apply(page.tickets, page.events, !large, page.cursor);
      if (large) this.emit('tickets.reloaded', {});
      // A short page, or one that did not move the cursor, was the last.
      if (page.cursor <= after || page.tickets.length + page.events.length < this.pageSize) break;
      after = page.cursor;
    }
  }

  private async apply(tickets: readonly Ticket[], events: readonly TicketEvent[], announce: boolean, cursor?: number): Promise<void> {
    const deleted = new Set(events.filter((e) => e.kind === 'deleted').map((e) => e.ticketId));
    const changed = await this.cache.db.write(async (tx) => {
      const kept = await this.cache.putTickets(tx, tickets.filter((t) => !deleted.has(t.id)));
      await this.cache.putEvents(tx, events.filter((e) => !deleted.has(e.ticketId)));
      for (const id of deleted) await this.cache.removeTicket(tx, id);
      if (cursor !== undefined) await this.cache.setCursor(tx, cursor);
      return kept;
    });
    if (!announce) return;
    for (const ticket of changed) this.emit('ticket.updated', ticket);
    for (const event of events) if (!deleted.has(event.ticketId)) this.emit('ticket.history', asHistoryItem(event));
    for (const ticketId of deleted) this.emit('ticket.removed', { ticketId });
  }
}
