import type { PendingTicket, TicketDraft, TicketMeta } from '../../../shared/contract';
import type { AppErrorShape } from '../../../shared/errors';
import type { Ticket, TicketEvent } from '../../../shared/tickets';
import { ticketListColumns, type TicketListColumns, type TicketListSql } from '../tickets/ticket-list-sql';
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
      const c = ticketListColumns(ticket);
      const { changes } = await tx.run(
        `INSERT INTO tickets (id, seq, number, status, updated_at, assignee_id, department_id, type_id, priority_rank, created_at, due_order, breaching_from, data)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, number = excluded.number, status = excluded.status,
           updated_at = excluded.updated_at, assignee_id = excluded.assignee_id, department_id = excluded.department_id,
           type_id = excluded.type_id, priority_rank = excluded.priority_rank, created_at = excluded.created_at,
           due_order = excluded.due_order, breaching_from = excluded.breaching_from, data = excluded.data
         WHERE excluded.seq >= tickets.seq`,
        [ticket.id, ticket.seq, ticket.number, ticket.status, ticket.updatedAt,
          c.assignee_id, c.department_id, c.type_id, c.priority_rank, c.created_at, c.due_order, c.breaching_from, this.cipher.seal(ticket)],
      );
      if (changes > 0) changed.push(ticket);
    }
    return changed;
  }

  /**
   * Gives tickets cached before the list had its clear columns (cache migration 0009) their
   * columns from their sealed data, in one transaction. One that cannot be opened is dropped and
   * the tickets are synced again from the start, which brings it back.
   */
  async fillListColumns(): Promise<number> {
    const waiting = await this.db.get<{ n: number }>('SELECT count(*) AS n FROM tickets WHERE created_at IS NULL');
    if (!waiting?.n) return 0;
    return this.db.write(async (tx) => {
      await tx.run(`CREATE TEMP TABLE ticket_list_fill (id TEXT PRIMARY KEY, assignee_id TEXT, department_id TEXT, type_id TEXT,
        priority_rank INTEGER, created_at TEXT, due_order INTEGER, breaching_from INTEGER)`);
      const unreadable: string[] = [];
      let filled = 0;
      // A few thousand sealed rows in memory at a time.
      for (let after = 0; ;) {
        const rows = await tx.all<{ rowid: number; id: string; data: string }>(
          'SELECT rowid, id, data FROM tickets WHERE created_at IS NULL AND rowid > ? ORDER BY rowid LIMIT 2000', [after],
        );
        if (rows.length === 0) break;
        after = rows[rows.length - 1]!.rowid;
        const columns: unknown[][] = [];
        for (const row of rows) {
          const c = this.listColumnsOf(row.data);
          if (c) columns.push([row.id, c.assignee_id, c.department_id, c.type_id, c.priority_rank, c.created_at, c.due_order, c.breaching_from]);
          else unreadable.push(row.id);
        }
        await tx.runMany('INSERT INTO ticket_list_fill VALUES (?, ?, ?, ?, ?, ?, ?, ?)', columns);
        filled += columns.length;
      }
      // The indexes are built again once instead of changed row by row (their definitions stay the migration's).
      const indexes = await tx.all<{ name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tickets' AND sql IS NOT NULL");
      for (const index of indexes) await tx.run(`DROP INDEX ${index.name}`);
      await tx.run(`UPDATE tickets SET assignee_id = f.assignee_id, department_id = f.department_id, type_id = f.type_id, priority_rank = f.priority_rank,
          created_at = f.created_at, due_order = f.due_order, breaching_from = f.breaching_from
        FROM ticket_list_fill f WHERE f.id = tickets.id`);
      for (const index of indexes) await tx.run(index.sql);
      await tx.run('DROP TABLE ticket_list_fill');
      for (const id of unreadable) await this.removeTicket(tx, id);
      if (unreadable.length > 0) await this.setCursor(tx, 0);
      return filled;
    });
  }

  /** The list columns of a sealed ticket, or null when it cannot be opened as one. */
  private listColumnsOf(data: string): TicketListColumns | null {
    try {
      const ticket = this.cipher.open<Ticket | null>(data);
      return typeof ticket?.createdAt === 'string' ? ticketListColumns(ticket) : null;
    } catch {
      return null;
    }
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

  /** The first `limit` tickets of a list query (only those are opened), and how many it matches in all. */
  async page(query: TicketListSql, limit: number): Promise<{ tickets: Ticket[]; total: number }> {
    const rows = await this.db.all<{ data: string }>(`SELECT data FROM tickets WHERE ${query.where} ORDER BY ${query.orderBy} LIMIT ?`, [...query.params, limit]);
    const tickets = rows.map((r) => this.cipher.open<Ticket>(r.data));
    // A short page is the whole list: no need to count.
    if (tickets.length < limit) return { tickets, total: tickets.length };
    const count = await this.db.get<{ n: number }>(`SELECT count(*) AS n FROM tickets WHERE ${query.where}`, query.params);
    return { tickets, total: count?.n ?? tickets.length };
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
