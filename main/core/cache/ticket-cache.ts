import type { PendingTicket, TicketDraft, TicketMeta } from '../../../shared/contract';
import type { AppErrorShape } from '../../../shared/errors';
import type { Ticket, TicketEvent } from '../../../shared/tickets';
import type { FieldCipher } from './field-cipher';
import type { SqliteDb, SqlWriter } from './sqlite';

/** A comment or a new ticket written here, waiting to reach the server under its client id. */
export type TicketOutboxRow =
  | { kind: 'comment'; clientId: string; ticketId: string; payload: { body: string; public: boolean; mentions: string[] }; createdAt: string; state: 'queued' | 'failed'; error: AppErrorShape | null }
  | { kind: 'create'; clientId: string; ticketId: null; payload: Record<string, unknown> & { subject: string }; createdAt: string; state: 'queued' | 'failed'; error: AppErrorShape | null };

type OutboxSqlRow = { client_id: string; kind: 'comment' | 'create'; ticket_id: string | null; payload: string; created_at: string; state: 'queued' | 'failed'; error: string | null };

const CURSOR_KEY = 'tickets_cursor';
const META_KEY = 'tickets_meta';

/**
 * The tickets this user may see and their history, kept for reading offline, with the ticket
 * outbox and the comment boxes' drafts. Everything a person wrote or that names a customer is
 * sealed; ids, numbers, statuses and times stay clear for SQL.
 */
export class TicketCache {
  constructor(
    readonly db: SqliteDb,
    private readonly cipher: FieldCipher,
  ) {}

  // ---- cursor and meta ----------------------------------------------------------------------

  async cursor(): Promise<number> {
    const row = await this.db.get<{ value: string }>('SELECT value FROM sync_state WHERE key = ?', [CURSOR_KEY]);
    return row ? Number(row.value) : 0;
  }

  async setCursor(tx: SqlWriter, cursor: number): Promise<void> {
    await tx.run('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [CURSOR_KEY, String(cursor)]);
  }

  async meta(): Promise<TicketMeta | null> {
    const row = await this.db.get<{ value: string }>('SELECT value FROM sync_state WHERE key = ?', [META_KEY]);
    return row ? this.cipher.open<TicketMeta>(row.value) : null;
  }

  async setMeta(meta: TicketMeta): Promise<void> {
    await this.db.write((tx) =>
      tx.run('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [META_KEY, this.cipher.seal(meta)]),
    );
  }

  // ---- tickets and history ------------------------------------------------------------------

  /** Stores tickets, each only if newer than the stored copy (a late page never undoes a push). */
  async putTickets(tx: SqlWriter, tickets: readonly Ticket[]): Promise<Ticket[]> {
    const changed: Ticket[] = [];
    for (const ticket of tickets) {
      const { changes } = await tx.run(
        `INSERT INTO tickets (id, seq, number, status, updated_at, data) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, number = excluded.number, status = excluded.status,
           updated_at = excluded.updated_at, data = excluded.data
         WHERE excluded.seq >= tickets.seq`,
        [ticket.id, ticket.seq, ticket.number, ticket.status, ticket.updatedAt, this.cipher.seal(ticket)],
      );
      if (changes > 0) changed.push(ticket);
    }
    return changed;
  }

  /** Stores history lines once each; a line carrying a waiting comment's client id takes it out of the outbox. */
  async putEvents(tx: SqlWriter, events: readonly TicketEvent[]): Promise<void> {
    for (const event of events) {
      await tx.run(
        `INSERT INTO ticket_events (id, ticket_id, seq, created_at, client_id, data) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, data = excluded.data`,
        [event.id, event.ticketId, event.seq, event.createdAt, event.clientId, this.cipher.seal(event)],
      );
      if (event.clientId) await tx.run("DELETE FROM ticket_outbox WHERE client_id = ? AND kind = 'comment'", [event.clientId]);
    }
  }

  /** Drops the synced tickets and history and the cursor (what this user may see changed); the outbox and drafts stay. */
  async resetSynced(tx: SqlWriter): Promise<void> {
    await tx.run('DELETE FROM ticket_events');
    await tx.run('DELETE FROM tickets');
    await this.setCursor(tx, 0);
  }

  async removeTicket(tx: SqlWriter, id: string): Promise<void> {
    await tx.run('DELETE FROM ticket_events WHERE ticket_id = ?', [id]);
    await tx.run('DELETE FROM tickets WHERE id = ?', [id]);
  }

  async ticket(id: string): Promise<Ticket | null> {
    const row = await this.db.get<{ data: string }>('SELECT data FROM tickets WHERE id = ?', [id]);
    return row ? this.cipher.open<Ticket>(row.data) : null;
  }

  /** Every cached ticket, most recently changed first. */
  async tickets(): Promise<Ticket[]> {
    const rows = await this.db.all<{ data: string }>('SELECT data FROM tickets ORDER BY updated_at DESC, number DESC');
    return rows.map((r) => this.cipher.open<Ticket>(r.data));
  }

  /** A ticket's history, oldest first. */
  async events(ticketId: string): Promise<TicketEvent[]> {
    const rows = await this.db.all<{ data: string }>('SELECT data FROM ticket_events WHERE ticket_id = ? ORDER BY created_at, seq, id', [ticketId]);
    return rows.map((r) => this.cipher.open<TicketEvent>(r.data));
  }

  async historyComplete(ticketId: string): Promise<boolean> {
    const row = await this.db.get<{ history_complete: number }>('SELECT history_complete FROM tickets WHERE id = ?', [ticketId]);
    return row?.history_complete === 1;
  }

  async markHistoryComplete(tx: SqlWriter, ticketId: string): Promise<void> {
    await tx.run('UPDATE tickets SET history_complete = 1 WHERE id = ?', [ticketId]);
  }

  // ---- outbox -------------------------------------------------------------------------------

  async addToOutbox(tx: SqlWriter, row: TicketOutboxRow): Promise<void> {
    await tx.run(
      'INSERT INTO ticket_outbox (client_id, kind, ticket_id, payload, created_at, state, error) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [row.clientId, row.kind, row.ticketId, this.cipher.seal(row.payload), row.createdAt, row.state, row.error ? JSON.stringify(row.error) : null],
    );
  }

  /** What waits, in the order written (all of it, or one ticket's comments). */
  async outbox(ticketId?: string): Promise<TicketOutboxRow[]> {
    const rows = ticketId
      ? await this.db.all<OutboxSqlRow>("SELECT * FROM ticket_outbox WHERE ticket_id = ? AND kind = 'comment' ORDER BY client_id", [ticketId])
      : await this.db.all<OutboxSqlRow>('SELECT * FROM ticket_outbox ORDER BY client_id');
    return rows.map((r) => this.toOutboxRow(r));
  }

  async outboxEntry(clientId: string): Promise<TicketOutboxRow | null> {
    const row = await this.db.get<OutboxSqlRow>('SELECT * FROM ticket_outbox WHERE client_id = ?', [clientId]);
    return row ? this.toOutboxRow(row) : null;
  }

  async setOutboxFailed(tx: SqlWriter, clientId: string, error: AppErrorShape): Promise<void> {
    await tx.run("UPDATE ticket_outbox SET state = 'failed', error = ? WHERE client_id = ?", [JSON.stringify(error), clientId]);
  }

  async removeFromOutbox(tx: SqlWriter, clientId: string): Promise<boolean> {
    return (await tx.run('DELETE FROM ticket_outbox WHERE client_id = ?', [clientId])).changes > 0;
  }

  /** New tickets waiting to be created, as the list shows them. */
  async pendingCreates(sending: ReadonlySet<string>): Promise<PendingTicket[]> {
    return (await this.outbox())
      .filter((r) => r.kind === 'create')
      .map((r) => ({
        clientId: r.clientId,
        subject: r.payload.subject,
        createdAt: r.createdAt,
        delivery: r.state === 'failed' ? 'failed' : sending.has(r.clientId) ? 'sending' : 'queued',
        error: r.error,
      }));
  }

  private toOutboxRow(r: OutboxSqlRow): TicketOutboxRow {
    const base = { clientId: r.client_id, createdAt: r.created_at, state: r.state, error: r.error ? (JSON.parse(r.error) as AppErrorShape) : null };
    return r.kind === 'comment'
      ? { ...base, kind: 'comment', ticketId: r.ticket_id!, payload: this.cipher.open(r.payload) }
      : { ...base, kind: 'create', ticketId: null, payload: this.cipher.open(r.payload) };
  }

  // ---- drafts -------------------------------------------------------------------------------

  async draft(ticketId: string): Promise<TicketDraft | null> {
    const row = await this.db.get<{ body: string; public: number; updated_at: string; reason: string | null }>(
      'SELECT body, public, updated_at, reason FROM ticket_drafts WHERE ticket_id = ?',
      [ticketId],
    );
    if (!row) return null;
    return {
      ticketId,
      body: this.cipher.open<string>(row.body),
      public: row.public === 1,
      updatedAt: row.updated_at,
      reason: row.reason ? (JSON.parse(row.reason) as AppErrorShape) : null,
    };
  }

  /** Saves a draft; an empty body deletes it (answers null). */
  async putDraft(tx: SqlWriter, draft: TicketDraft): Promise<TicketDraft | null> {
    if (draft.body.length === 0) {
      await tx.run('DELETE FROM ticket_drafts WHERE ticket_id = ?', [draft.ticketId]);
      return null;
    }
    await tx.run(
      `INSERT INTO ticket_drafts (ticket_id, body, public, updated_at, reason) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (ticket_id) DO UPDATE SET body = excluded.body, public = excluded.public, updated_at = excluded.updated_at, reason = excluded.reason`,
      [draft.ticketId, this.cipher.seal(draft.body), draft.public ? 1 : 0, draft.updatedAt, draft.reason ? JSON.stringify(draft.reason) : null],
    );
    return draft;
  }
}
