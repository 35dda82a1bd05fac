import { randomUUID } from 'node:crypto';
import type { TicketEvent } from '../../../shared/tickets';
import type { TicketMentionNotice } from '../../../shared/tickets-admin';
import type { Db, Queryable } from '../../db/db';
import { nextSeq } from '../../db/sequence';
import type { Clock } from '../../lib/clock';
import type { ConversationChange } from '../conversations/message-change';
import type { DomainEvents } from '../events';
import type { SensitiveScreen } from '../sensitive/sensitive-screen';
import { getTicketEvent, getTicketRecord, insertTicketEvent, toTicket, type EventInput, type TicketRecord } from './ticket-repository';

/** What ticket flows work with. */
export type TicketDeps = {
  db: Db;
  events: DomainEvents;
  clock: Clock;
  /** Looks for due channel deliveries now (after a message to a platform customer was stored). */
  kickDeliveries?: () => void;
  /** Screens public replies as the composer's replies are screened (sensitive words, personal data). */
  sensitive?: SensitiveScreen;
};

/** What one change to a ticket wrote: what to answer with and what to publish after the commit. */
export type TicketOutcome = {
  ticket: TicketRecord;
  /** The history lines it added, in order. */
  events: TicketEvent[];
  /** Every number of the account's sequence it took. */
  seqs: number[];
  /** Messages it sent the customer. */
  customer: ConversationChange[];
  mentions: { userId: string; notice: TicketMentionNotice }[];
};

type EventFields = Omit<EventInput, 'id' | 'accountId' | 'ticketId' | 'seq' | 'at'>;

/**
 * One change to one ticket inside a transaction: each history line takes the next number of the
 * account's sequence (so lines keep their order), and the ticket the last one, so
 * `tickets:changes` finds the ticket and its new lines after any cursor before them.
 */
export class TicketChange {
  private seq: number | null = null;
  private readonly seqs: number[] = [];
  private readonly eventIds: string[] = [];
  readonly customer: ConversationChange[] = [];
  readonly mentions: TicketOutcome['mentions'] = [];

  constructor(readonly tx: Queryable, readonly accountId: string, readonly ticketId: string, readonly at: Date) {}

  /** The number the ticket row carries (taken once, after the lines written so far). */
  async sequence(): Promise<number> {
    this.seq ??= await this.take();
    return this.seq;
  }

  private async take(): Promise<number> {
    const seq = await nextSeq(this.tx, this.accountId);
    this.seqs.push(seq);
    return seq;
  }

  /** Adds a history line; returns its id. */
  async event(fields: EventFields): Promise<string> {
    const id = randomUUID();
    await insertTicketEvent(this.tx, { ...fields, id, accountId: this.accountId, ticketId: this.ticketId, seq: await this.take(), at: this.at });
    this.eventIds.push(id);
    return id;
  }

  /** Stamps the ticket with the change's number and time; reads back the ticket and the new lines. */
  async finish(): Promise<TicketOutcome> {
    if (this.seqs.length === 0) {
      // Nothing was written: the ticket as it is, without taking a number.
      const unchanged = await getTicketRecord(this.tx, this.ticketId, this.at.getTime());
      if (!unchanged) throw new Error('ticket vanished inside its transaction');
      return { ticket: unchanged, events: [], seqs: [], customer: this.customer, mentions: this.mentions };
    }
    // The row carries the change's last number (a ticket created above took one before its lines).
    const last = this.seqs.length > 0 && this.seq !== this.seqs[this.seqs.length - 1] ? await this.take() : await this.sequence();
    await this.tx.query('UPDATE tickets SET seq = $2, updated_at = $3 WHERE id = $1', [this.ticketId, last, this.at]);
    const ticket = await getTicketRecord(this.tx, this.ticketId, this.at.getTime());
    if (!ticket) throw new Error('changed ticket vanished inside its transaction');
    const events: TicketEvent[] = [];
    for (const id of this.eventIds) {
      const event = await getTicketEvent(this.tx, id);
      if (event) events.push(event);
    }
    return { ticket, events, seqs: [...this.seqs], customer: this.customer, mentions: this.mentions };
  }
}

/**
 * Who is told of a ticket by name (supervisors and admins hear every ticket anyway): its assignee,
 * the agent who opened it, its department's members, and the agents of its conversations.
 */
export async function ticketAudience(db: Queryable, ticket: TicketRecord): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT u.id FROM users u WHERE u.account_id = $1 AND u.deactivated_at IS NULL AND (
        u.id = $2 OR (u.id = $3 AND u.role <> 'staff')
        OR u.id IN (SELECT m.user_id FROM department_members m WHERE m.department_id = $4)
        OR u.id IN (SELECT c.assignee_id FROM ticket_conversations tc JOIN conversations c ON c.id = tc.conversation_id WHERE tc.ticket_id = $5))`,
    [ticket.accountId, ticket.assigneeId, ticket.createdById, ticket.departmentId, ticket.id],
  );
  return rows.map((r) => r.id);
}

/** Tells everyone concerned what a committed change did: the ticket's watchers, the customer's conversation, mentioned people. */
export async function publishTicketOutcome(deps: TicketDeps, outcome: TicketOutcome): Promise<void> {
  const { ticket } = outcome;
  await deps.events.emit({
    type: 'ticket.changed',
    accountId: ticket.accountId,
    seqs: outcome.seqs,
    ticket: toTicket(ticket),
    events: outcome.events,
    userIds: ticket.deleted ? [] : await ticketAudience(deps.db, ticket),
  });
  for (const change of outcome.customer) await deps.events.emit({ type: 'conversation.changed', change });
  if (outcome.customer.length > 0) deps.kickDeliveries?.();
  for (const { userId, notice } of outcome.mentions) await deps.events.emit({ type: 'ticket.mentioned', userId, notice });
}
