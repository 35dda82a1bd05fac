import type { EventSink, TicketHistoryItem } from '../../../shared/contract';
import type { User } from '../../../shared/domain';
import { AppError, retryAfterMs, toAppError } from '../../../shared/errors';
import type { Ticket, TicketCreate } from '../../../shared/tickets';
import type { TicketCache, TicketOutboxRow } from '../cache/ticket-cache';
import { systemClock, type CoreClock, type ScheduledTimer } from '../clock';
import { Coalescer } from '../coalescer';
import { uuidv7 } from '../ids';
import { asHistoryItem } from './history-item';
import type { TicketSync } from './ticket-sync';
import { TRANSIENT_CODES, type TicketTransport } from './ticket-transport';

export interface TicketOutboxOptions {
  /** Wait before trying again after the server did not answer in time while still connected. */
  retryDelayMs?: number;
  clock?: CoreClock;
}

type CommentInput = { ticketId: string; body: string; public: boolean; mentions: string[] };
type Delivered = { ok: true; ticket: Ticket } | { ok: false; error: AppError; transient: boolean };

/**
 * Comments and new tickets are written to the ticket outbox before anything is sent, each under
 * a client id the server keeps unique, so one sent again after a lost answer is stored once.
 * They leave it when the server stored them, or when it refused them: a refused comment goes back
 * to the ticket's draft with the reason; a refused new ticket stays listed as failed.
 */
export class TicketOutbox {
  private readonly sending = new Set<string>();
  private readonly flusher = new Coalescer(
    () => this.flushOnce(),
    () => this.transport.isOnline(),
  );
  private retryTimer: ScheduledTimer | null = null;
  private readonly retryDelayMs: number;
  private readonly clock: CoreClock;

  constructor(
    private readonly cache: TicketCache,
    private readonly sync: TicketSync,
    private readonly transport: TicketTransport,
    private readonly emit: EventSink,
    private readonly author: () => User | null,
    options: TicketOutboxOptions = {},
  ) {
    this.retryDelayMs = options.retryDelayMs ?? 5_000;
    this.clock = options.clock ?? systemClock;
  }

  /**
   * Writes the comment (and clears the draft) in one transaction, then sends it when online.
   * Answers the line as it stands: sent, or queued. A refusal throws after the text went back to the draft.
   */
  async comment(input: CommentInput): Promise<TicketHistoryItem> {
    const row: TicketOutboxRow = {
      kind: 'comment',
      clientId: uuidv7(this.clock.now()),
      ticketId: input.ticketId,
      payload: { body: input.body, public: input.public, mentions: input.mentions },
      createdAt: this.stamp(),
      state: 'queued',
      error: null,
    };
    await this.cache.db.write(async (tx) => {
      await this.cache.addToOutbox(tx, row);
      await this.cache.putDraft(tx, { ticketId: input.ticketId, body: '', public: input.public, updatedAt: row.createdAt, reason: null });
    });
    this.emit('ticket.history', this.pendingItem(row));
    if (!this.transport.isOnline()) return this.pendingItem(row);
    const sent = await this.deliver(row);
    if (sent.ok) return (await this.storedLine(row.clientId, input.ticketId)) ?? this.pendingItem(row);
    if (sent.transient) return this.pendingItem(row);
    throw sent.error;
  }

  /** Writes a new ticket to the outbox and creates it when online; a refusal throws and nothing stays queued. */
  async create(input: Omit<TicketCreate, 'clientId'>): Promise<{ ticket: Ticket | null; clientId: string }> {
    const row: TicketOutboxRow = {
      kind: 'create',
      clientId: uuidv7(this.clock.now()),
      ticketId: null,
      payload: { ...input },
      createdAt: this.stamp(),
      state: 'queued',
      error: null,
    };
    await this.cache.db.write((tx) => this.cache.addToOutbox(tx, row));
    if (!this.transport.isOnline()) {
      this.emit('tickets.reloaded', {});
      return { ticket: null, clientId: row.clientId };
    }
    const sent = await this.deliver(row, { dropOnRefusal: true });
    if (sent.ok) return { ticket: sent.ticket, clientId: row.clientId };
    if (sent.transient) {
      this.emit('tickets.reloaded', {});
      return { ticket: null, clientId: row.clientId };
    }
    throw sent.error;
  }

  /** The comments of a ticket not stored on the server yet, in the order written. */
  async pending(ticketId: string): Promise<TicketHistoryItem[]> {
    return (await this.cache.outbox(ticketId)).map((row) => this.pendingItem(row));
  }

  pendingCreates() {
    return this.cache.pendingCreates(this.sending);
  }

  async discard(clientId: string): Promise<{ discarded: boolean }> {
    if (this.sending.has(clientId)) throw new AppError('conflict', 'This is being sent right now');
    const row = await this.cache.outboxEntry(clientId);
    if (!row) return { discarded: false };
    await this.cache.db.write((tx) => this.cache.removeFromOutbox(tx, clientId));
    if (row.kind === 'comment') this.emit('ticket.historyRemoved', { ticketId: row.ticketId, clientId });
    else this.emit('tickets.reloaded', {});
    return { discarded: true };
  }

  /** Sends everything queued, in the order written; concurrent callers share one run. */
  flush(): Promise<void> {
    return this.flusher.run();
  }

  dispose(): void {
    this.retryTimer?.cancel();
    this.retryTimer = null;
  }

  private async flushOnce(): Promise<void> {
    for (const row of await this.cache.outbox()) {
      if (!this.transport.isOnline()) return;
      if (row.state === 'failed') continue;
      const sent = await this.deliver(row);
      if (!sent.ok && sent.transient) return;
    }
  }

  private async deliver(row: TicketOutboxRow, options: { dropOnRefusal?: boolean } = {}): Promise<Delivered> {
    if (this.sending.has(row.clientId)) return { ok: false, error: new AppError('conflict', 'Already being sent'), transient: true };
    this.sending.add(row.clientId);
    if (row.kind === 'comment') this.emit('ticket.history', this.pendingItem(row));
    try {
      if (row.kind === 'comment') {
        const { event, ticket } = await this.transport.request('tickets:comment', { ticketId: row.ticketId, ...row.payload, clientId: row.clientId });
        // Stored with its client id, the line takes the comment out of the outbox in the same write.
        await this.sync.stored([ticket], [event]);
        return { ok: true, ticket };
      }
      const { ticket } = await this.transport.request('tickets:create', { ...(row.payload as Omit<TicketCreate, 'clientId'>), clientId: row.clientId });
      await this.cache.db.write((tx) => this.cache.removeFromOutbox(tx, row.clientId));
      await this.sync.stored([ticket], []);
      this.emit('tickets.reloaded', {});
      return { ok: true, ticket };
    } catch (err) {
      const error = toAppError(err);
      if (TRANSIENT_CODES.has(error.code)) {
        this.sending.delete(row.clientId);
        if (row.kind === 'comment') this.emit('ticket.history', this.pendingItem(row));
        if ((error.code === 'timeout' || error.code === 'rate_limited') && this.transport.isOnline()) this.scheduleRetry(retryAfterMs(error));
        return { ok: false, error, transient: true };
      }
      await this.refused(row, error, options.dropOnRefusal ?? false);
      return { ok: false, error, transient: false };
    } finally {
      this.sending.delete(row.clientId);
    }
  }

  /** A comment goes back into the comment box ahead of what is typed there; a new ticket is kept as failed (or dropped). */
  private async refused(row: TicketOutboxRow, error: AppError, drop: boolean): Promise<void> {
    if (row.kind === 'create') {
      await this.cache.db.write(async (tx) => {
        if (drop) await this.cache.removeFromOutbox(tx, row.clientId);
        else await this.cache.setOutboxFailed(tx, row.clientId, error.toJSON());
      });
      this.emit('tickets.reloaded', {});
      return;
    }
    const draft = await this.cache.db.write(async (tx) => {
      await this.cache.removeFromOutbox(tx, row.clientId);
      const existing = await this.cache.draft(row.ticketId);
      const body = [row.payload.body, existing?.body ?? ''].filter((b) => b.length > 0).join('\n\n');
      return this.cache.putDraft(tx, { ticketId: row.ticketId, body, public: row.payload.public, updatedAt: this.stamp(), reason: error.toJSON() });
    });
    this.emit('ticket.historyRemoved', { ticketId: row.ticketId, clientId: row.clientId });
    this.emit('ticket.draft', { ticketId: row.ticketId, draft });
    // The ticket is gone (deleted meanwhile): the list stops showing it; the text stays as its draft.
    if (error.code === 'not_found') await this.sync.gone(row.ticketId);
  }

  private async storedLine(clientId: string, ticketId: string): Promise<TicketHistoryItem | null> {
    const event = (await this.cache.events(ticketId)).find((e) => e.clientId === clientId);
    return event ? asHistoryItem(event) : null;
  }

  private scheduleRetry(atLeastMs = 0): void {
    if (this.retryTimer) return;
    this.retryTimer = this.clock.after(Math.max(this.retryDelayMs, atLeastMs), () => {
      this.retryTimer = null;
      return this.flush();
    });
  }

  private stamp(): string {
    return new Date(this.clock.now()).toISOString();
  }

  private pendingItem(row: TicketOutboxRow): TicketHistoryItem {
    const user = this.author();
    const payload = row.kind === 'comment' ? row.payload : { body: '', public: false, mentions: [] };
    return {
      id: row.clientId,
      ticketId: row.ticketId ?? '',
      kind: payload.public ? 'reply' : 'comment',
      public: payload.public,
      actorType: 'user',
      actorId: user?.id ?? null,
      actorName: user?.name ?? null,
      body: payload.body,
      data: payload.mentions.length > 0 ? { mentions: payload.mentions } : {},
      clientId: row.clientId,
      seq: 0,
      createdAt: row.createdAt,
      delivery: row.state === 'failed' ? 'failed' : this.sending.has(row.clientId) ? 'sending' : 'queued',
      error: row.error,
    };
  }
}
