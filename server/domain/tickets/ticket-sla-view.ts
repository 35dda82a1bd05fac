import { isTicketActive, type SlaState, type TicketStatus } from '../../../shared/tickets';

/** The SLA clocks of a ticket (ms since the epoch; null when unset). */
export type TicketSlaClock = {
  status: TicketStatus;
  firstResponseDueAt: number | null;
  resolutionDueAt: number | null;
  firstRespondedAt: number | null;
  solvedAt: number | null;
  closedAt: number | null;
};

const MINUTE = 60_000;
/** Warn this long before a target when the account set no warn-before for it. */
export const DEFAULT_WARN_BEFORE_MINUTES = 60;
const severity: Record<SlaState, number> = { breached: 4, warning: 3, ok: 2, met: 1, none: 0 };

/**
 * Where a ticket's SLA stands at `now` (pure): the worse of its first-response target (done by the
 * first public reply, or by solving) and its resolution target (done by solving or closing).
 */
export function ticketSlaState(clock: TicketSlaClock, now: number, warnBeforeMinutes: number | null): SlaState {
  const warn = (warnBeforeMinutes ?? DEFAULT_WARN_BEFORE_MINUTES) * MINUTE;
  const finished = isTicketActive(clock.status) ? null : (clock.solvedAt ?? clock.closedAt);
  const one = (due: number | null, done: number | null): SlaState => {
    if (due === null) return 'none';
    if (done !== null) return done <= due ? 'met' : 'breached';
    if (now >= due) return 'breached';
    return now >= due - warn ? 'warning' : 'ok';
  };
  const a = one(clock.firstResponseDueAt, clock.firstRespondedAt ?? finished);
  const b = one(clock.resolutionDueAt, finished);
  return severity[a] >= severity[b] ? a : b;
}
