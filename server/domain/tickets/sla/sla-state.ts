import type { SlaState, SlaTarget, TicketPriority, TicketStatus } from '../../../../shared/tickets';
import { isTicketActive } from '../../../../shared/tickets';

/** The two clocks of a ticket's SLA. */
export type SlaTargetKind = 'first_response' | 'resolution';

/** What the SLA of one ticket is decided from (times in ms since the epoch, null when unset). */
export type SlaClock = {
  status: TicketStatus;
  firstResponseDueAt: number | null;
  resolutionDueAt: number | null;
  firstRespondedAt: number | null;
  solvedAt: number | null;
  closedAt: number | null;
};

const MINUTE = 60_000;

/**
 * When the work a target measures was done, or null while it is still running: the first public
 * reply for the first-response target (solving or closing without one also stops it), solving or
 * closing for the resolution target. A reopened ticket runs its resolution clock again.
 */
export function targetDoneAt(clock: SlaClock, target: SlaTargetKind): number | null {
  const finished = isTicketActive(clock.status) ? null : (clock.solvedAt ?? clock.closedAt);
  return target === 'first_response' ? (clock.firstRespondedAt ?? finished) : finished;
}

export const targetDueAt = (clock: SlaClock, target: SlaTargetKind): number | null =>
  target === 'first_response' ? clock.firstResponseDueAt : clock.resolutionDueAt;

/**
 * Where one target stands at `now`: none without a due time; met or breached once done (by when
 * it was done); while running, breached from the due time, warning from `warnBeforeMinutes`
 * before it, ok before that.
 */
export function targetState(clock: SlaClock, target: SlaTargetKind, now: number, warnBeforeMinutes: number): SlaState {
  const due = targetDueAt(clock, target);
  if (due === null) return 'none';
  const done = targetDoneAt(clock, target);
  if (done !== null) return done <= due ? 'met' : 'breached';
  if (now >= due) return 'breached';
  return now >= due - warnBeforeMinutes * MINUTE ? 'warning' : 'ok';
}

/** Worst first: a ticket shows the worse of its two targets. */
const severity: Record<SlaState, number> = { breached: 4, warning: 3, ok: 2, met: 1, none: 0 };

/** The SLA state of a ticket at `now` (pure): the worse of its first-response and resolution targets. */
export function slaState(clock: SlaClock, now: number, warnBeforeMinutes: number): SlaState {
  const first = targetState(clock, 'first_response', now, warnBeforeMinutes);
  const resolution = targetState(clock, 'resolution', now, warnBeforeMinutes);
  return severity[first] >= severity[resolution] ? first : resolution;
}

/** Warned this long before a breach when a ticket's target is gone (the column's default). */
export const DEFAULT_WARN_BEFORE_MINUTES = 60;

/** The target that applies to a ticket: its type's for its priority, else the account's default (type null) for it. */
export function slaTargetFor<T extends Pick<SlaTarget, 'typeId' | 'priority'>>(
  targets: readonly T[], typeId: string | null, priority: TicketPriority,
): T | null {
  const own = typeId === null ? undefined : targets.find((t) => t.typeId === typeId && t.priority === priority);
  return own ?? targets.find((t) => t.typeId === null && t.priority === priority) ?? null;
}

/** How long before a breach a ticket warns, from the targets of its account. */
export function warnBeforeFor(targets: readonly SlaTarget[], typeId: string | null, priority: TicketPriority): number {
  return slaTargetFor(targets, typeId, priority)?.warnBeforeMinutes ?? DEFAULT_WARN_BEFORE_MINUTES;
}
