import type { Db } from '../../db/db';
import type { Clock } from '../../lib/clock';
import type { ErrorLogger } from '../../lib/error-logger';
import { PollingWorker } from '../../lib/polling-worker';
import { systemTimers, type Timers } from '../../lib/timers';
import type { DomainEvents } from '../events';
import { customerWrote } from './customer-returns';
import { accountOfTicketAddress, ticketFromEmail } from './email-tickets';
import { leftMessagesWithoutTicket, ticketFromLeftMessage } from './left-messages';
import { publishTicketOutcome, TicketChange, type TicketDeps } from './ticket-change';
import { getTicketRecord, lockTicket } from './ticket-repository';
import { moveStatus } from './update-ticket';

/**
 * How often left messages and solved tickets are looked at (ms). Not at once after a message is
 * left: its conversation settles first (a colleague may come back and answer it), and the ticket's
 * numbers are not taken in the middle of the chat's own moves.
 */
export const DEFAULT_TICKET_SWEEP_MS = 120_000;
const BATCH = 50;

export type TicketServiceOptions = {
  db: Db;
  events: DomainEvents;
  clock: Clock;
  logError: ErrorLogger;
  timers?: Timers;
  sweepMs?: number;
  /** Looks for due channel deliveries now (a ticket told a platform customer something). */
  kickDeliveries?: () => void;
};

/**
 * What tickets do by themselves: a customer writing again reaches their tickets (history, reopen);
 * a periodic sweep turns left messages into tickets and closes tickets solved
 * longer ago than the account's close-after days. Times come from the injected clock.
 */
export class TicketService {
  private readonly deps: TicketDeps;
  private readonly worker: PollingWorker;
  private readonly unsubscribe: () => void;
  /** Customer messages being carried to their tickets now. */
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly options: TicketServiceOptions) {
    this.deps = { db: options.db, events: options.events, clock: options.clock, kickDeliveries: options.kickDeliveries };
    this.worker = new PollingWorker({
      timers: options.timers ?? systemTimers, pollMs: options.sweepMs ?? DEFAULT_TICKET_SWEEP_MS, runOnce: () => this.runOnce(),
      logError: options.logError, name: 'ticket sweep',
    });
    this.unsubscribe = options.events.on('conversation.changed', async ({ change }) => {
      if (!change.created) return;
      const { message, conversation } = change;
      if (message?.senderType !== 'contact') return;
      const work = customerWrote(this.deps, message, conversation.contactId);
      this.pending.add(work);
      try {
        await work;
      } finally {
        this.pending.delete(work);
      }
    });
  }

  start(): void {
    this.worker.start();
  }

  async stop(): Promise<void> {
    this.unsubscribe();
    await Promise.allSettled([...this.pending]);
    await this.worker.stop();
  }

  /** Mail to an account's ticket address (the SMTP listener asks). */
  readonly mailbox = {
    accountOfAddress: (address: string) => accountOfTicketAddress(this.options.db, address),
    received: (accountId: string, conversationId: string, subject: string) => ticketFromEmail(this.deps, accountId, conversationId, subject),
  };

  /** Carries customer messages already stored to their tickets, runs the sweep now, and resolves when all of it is done. */
  async sweep(): Promise<void> {
    await Promise.allSettled([...this.pending]);
    this.worker.kick();
    await this.worker.settled();
  }

  private async runOnce(): Promise<number> {
    return (await this.leftMessages()) + (await this.closeSolved());
  }

  private async leftMessages(): Promise<number> {
    let made = 0;
    for (const conversationId of await leftMessagesWithoutTicket(this.options.db, BATCH)) {
      const outcome = await this.options.db.transaction((tx) => ticketFromLeftMessage(tx, conversationId, new Date(this.options.clock())));
      if (!outcome) continue;
      made += 1;
      await publishTicketOutcome(this.deps, outcome);
    }
    return made;
  }

  private async closeSolved(): Promise<number> {
    const now = this.options.clock();
    const due = await this.options.db.query<{ id: string }>(
      `SELECT t.id FROM tickets t LEFT JOIN ticket_settings s ON s.account_id = t.account_id
        WHERE t.status = 'solved' AND t.deleted_at IS NULL AND t.solved_at <= $1::timestamptz - make_interval(days => COALESCE(s.close_after_days, 14))
        ORDER BY t.solved_at LIMIT $2`,
      [new Date(now), BATCH],
    );
    let closed = 0;
    for (const { id } of due) {
      const outcome = await this.options.db.transaction(async (tx) => {
        if (!(await lockTicket(tx, id))) return null;
        const ticket = await getTicketRecord(tx, id, now);
        if (!ticket || ticket.deleted || ticket.status !== 'solved') return null;
        const change = new TicketChange(tx, ticket.accountId, ticket.id, new Date(now));
        await moveStatus(change, ticket, 'closed', { type: 'system', id: null });
        return change.finish();
      });
      if (!outcome) continue;
      closed += 1;
      await publishTicketOutcome(this.deps, outcome);
    }
    return closed;
  }
}
