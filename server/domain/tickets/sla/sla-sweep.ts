import type { Db } from '../../../db/db';
import type { Clock } from '../../../lib/clock';
import type { ErrorLogger } from '../../../lib/error-logger';
import { systemTimers, type TimerHandle, type Timers } from '../../../lib/timers';
import type { DomainEvents } from '../../events';
import { listAccountIds } from '../../routing/routing-moves-repository';
import { ticketAudience } from '../ticket-change';
import { getTicketRecord, listTicketEvents, toTicket } from '../ticket-repository';
import { longestWarnBefore, recordSlaNotices, slaCandidates } from './sla-repository';

/** How often tickets are looked at when the server is not told otherwise (ms). */
export const DEFAULT_SLA_SWEEP_MS = 30_000;

export type SlaSweepOptions = {
  db: Db;
  events: DomainEvents;
  clock: Clock;
  /** The periodic sweep; real timers when omitted. */
  timers?: Timers;
  logError: ErrorLogger;
  sweepMs?: number;
};

/**
 * The SLA clock: every `sweepMs` it finds tickets whose first-response or resolution target is
 * within its warn-before time or past, records an `sla_warning` or `sla_breach` history line once
 * each, and tells the assignee and the department's leads (`ticket.sla`, pushed as `ticket:sla`).
 * Safe on several nodes at once: each ticket is decided under its row lock.
 */
export class SlaSweep {
  private readonly timers: Timers;
  private timer: TimerHandle | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(private readonly options: SlaSweepOptions) {
    this.timers = options.timers ?? systemTimers;
  }

  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = this.timers.interval(this.options.sweepMs ?? DEFAULT_SLA_SWEEP_MS, () => void this.sweep());
  }

  /** Stops the timer and waits for a sweep in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = null;
    await this.running;
  }

  /** Sweeps every account now; resolves when a sweep that started after this call has ended. Never rejects. */
  sweep(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          for (const accountId of await listAccountIds(this.options.db)) await this.sweepAccount(accountId);
        } catch (err) {
          if (!this.stopped) this.options.logError(err, 'SLA sweep');
        }
      } while (this.again && !this.stopped);
      this.running = null;
    })();
    return this.running;
  }

  private async sweepAccount(accountId: string): Promise<void> {
    const { db, events, clock } = this.options;
    const now = clock();
    const ids = await slaCandidates(db, accountId, now, now + (await longestWarnBefore(db, accountId)));
    for (const id of ids) {
      if (this.stopped) return;
      const recorded = await db.transaction((tx) => recordSlaNotices(tx, id, now));
      if (!recorded) continue;
      void events.emit({ type: 'ticket.sla', ...recorded });
      await this.publishChange(id, recorded.seqs, now);
    }
  }

  /** The ticket's new history lines reach every open Tickets view like any other change (the sequence was told with `ticket.sla`). */
  private async publishChange(id: string, seqs: readonly number[], now: number): Promise<void> {
    const { db, events } = this.options;
    const ticket = await getTicketRecord(db, id, now);
    if (!ticket) return;
    const lines = (await listTicketEvents(db, id)).filter((e) => seqs.includes(e.seq));
    void events.emit({ type: 'ticket.changed', accountId: ticket.accountId, seqs: [], ticket: toTicket(ticket), events: lines, userIds: await ticketAudience(db, ticket) });
  }
}
