import { TICKET_LIST_PAGE, type EventSink, type PendingTicket, type TicketDraft, type TicketHistoryItem, type TicketListArgs, type TicketMeta } from '../../../shared/contract';
import type { User } from '../../../shared/domain';
import { AppError, toAppError } from '../../../shared/errors';
import type { Ticket, TicketCreate, TicketEvent, TicketUpdate } from '../../../shared/tickets';
import type { TicketCache } from '../cache/ticket-cache';
import { systemClock, type CoreClock } from '../clock';
import { asHistoryItem } from './history-item';
import { slaAt } from './ticket-list';
import { ticketListSql } from './ticket-list-sql';
import { TicketOutbox, type TicketOutboxOptions } from './ticket-outbox';
import { TicketSync, type TicketSyncOptions } from './ticket-sync';
import { TRANSIENT_CODES, type TicketTransport } from './ticket-transport';

export interface TicketsOptions {
  sync?: TicketSyncOptions;
  outbox?: TicketOutboxOptions;
  clock?: CoreClock;
}

const NO_META: TicketMeta = { types: [], departments: [], myDepartmentIds: [], leadOf: [] };

/**
 * The Tickets view's services. Reading is answered from the local cache, so tickets and their
 * history open offline; a ticket's whole history is fetched once when online. Changes of fields
 * need the connection; comments and new tickets go through the ticket outbox.
 */
export class TicketsService {
  readonly sync: TicketSync;
  readonly outbox: TicketOutbox;
  private readonly clock: CoreClock;

  constructor(
    private readonly cache: TicketCache,
    private readonly transport: TicketTransport,
    private readonly emit: EventSink,
    private readonly user: () => User,
    options: TicketsOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.sync = new TicketSync(cache, transport, emit, options.sync);
    this.outbox = new TicketOutbox(cache, this.sync, transport, emit, user, { clock: this.clock, ...options.outbox });
  }

  /** After every (re)connect: the types and departments, the changes after the cursor, then what waits. */
  async resume(): Promise<void> {
    await this.refreshMeta().catch(() => undefined);
    await this.sync.catchUp();
    await this.outbox.flush();
  }

  /** A `ticket:changed` push. */
  onChanged(ticket: Ticket, event: TicketEvent | null): Promise<void> {
    return this.sync.onChanged(ticket, event);
  }

  async meta(): Promise<TicketMeta> {
    if (this.transport.isOnline()) {
      try {
        return await this.refreshMeta();
      } catch (err) {
        if (!TRANSIENT_CODES.has(toAppError(err).code)) throw err;
      }
    }
    return (await this.cache.meta()) ?? NO_META;
  }

  /** The first tickets of the list as filtered and sorted, read in SQL from the cache: only those are opened. */
  async list(args: TicketListArgs): Promise<{ tickets: Ticket[]; total: number; pending: PendingTicket[] }> {
    const meta = (await this.cache.meta()) ?? NO_META;
    const viewer = { userId: this.user().id, myDepartmentIds: meta.myDepartmentIds };
    const now = this.clock.now();
    const { tickets, total } = await this.cache.page(ticketListSql(args, viewer, now), args.limit ?? TICKET_LIST_PAGE);
    return { tickets: tickets.map((t) => ({ ...t, sla: slaAt(t, now) })), total, pending: await this.outbox.pendingCreates() };
  }

  async get(id: string): Promise<{ ticket: Ticket; history: TicketHistoryItem[]; draft: TicketDraft | null }> {
    if (this.transport.isOnline() && !(await this.cache.historyComplete(id))) await this.fetchWhole(id);
    const ticket = await this.cache.ticket(id);
    if (!ticket) throw new AppError('not_found', 'This ticket is not on this computer yet; try again when online');
    const history = [...(await this.cache.events(id)).map(asHistoryItem), ...(await this.outbox.pending(id))];
    return { ticket, history, draft: await this.cache.draft(id) };
  }

  create(input: Omit<TicketCreate, 'clientId'>): Promise<{ ticket: Ticket | null; clientId: string }> {
    return this.outbox.create(input);
  }

  comment(input: { ticketId: string; body: string; public: boolean; mentions?: string[] }): Promise<TicketHistoryItem> {
    return this.outbox.comment({ ...input, mentions: input.mentions ?? [] });
  }

  async update(input: TicketUpdate): Promise<Ticket> {
    this.requireOnline();
    const { ticket } = await this.transport.request('tickets:update', input);
    await this.sync.stored([ticket], []);
    return (await this.cache.ticket(ticket.id)) ?? ticket;
  }

  /** Many tickets at once; the cache learns the new states from the changes that follow. */
  async bulk(input: { ids: string[]; assigneeId?: string | null; status?: Ticket['status'] }) {
    this.requireOnline();
    const result = await this.transport.request('tickets:bulk', input);
    await this.sync.catchUp().catch(() => undefined);
    return result;
  }

  /** Deletes on the server, then drops the cached copy at once (the change feed would drop it too). */
  async delete(id: string): Promise<{ deleted: boolean }> {
    this.requireOnline();
    const result = await this.transport.request('tickets:delete', { id });
    await this.sync.gone(id);
    return result;
  }

  async saveDraft(ticketId: string, body: string, isPublic: boolean): Promise<TicketDraft | null> {
    return this.cache.db.write(async (tx) => {
      const existing = await this.cache.draft(ticketId);
      // The reason a comment came back stays while its text does.
      const reason = body.length > 0 ? (existing?.reason ?? null) : null;
      return this.cache.putDraft(tx, { ticketId, body, public: isPublic, updatedAt: new Date(this.clock.now()).toISOString(), reason });
    });
  }

  discardPending(clientId: string): Promise<{ discarded: boolean }> {
    return this.outbox.discard(clientId);
  }

  dispose(): void {
    this.outbox.dispose();
  }

  private async refreshMeta(): Promise<TicketMeta> {
    const meta = await this.transport.request('tickets:meta', {});
    await this.cache.setMeta(meta);
    return meta;
  }

  private async fetchWhole(id: string): Promise<void> {
    try {
      const { ticket, events } = await this.transport.request('tickets:get', { id });
      await this.sync.stored([ticket], events);
      await this.cache.db.write((tx) => this.cache.markHistoryComplete(tx, id));
    } catch (err) {
      const error = toAppError(err);
      // Deleted meanwhile: it leaves the cache (the change feed would drop it at the next catch-up).
      if (error.code === 'not_found') await this.sync.gone(id);
      // Without the network the cached part of the history is still worth showing.
      if (!TRANSIENT_CODES.has(error.code)) throw error;
    }
  }

  private requireOnline(): void {
    if (!this.transport.isOnline()) throw new AppError('offline', 'You are offline; try again when the connection is back');
  }
}
