import type { TicketListArgs } from '../../../shared/contract';
import { isTicketActive, ticketPriorities, type SlaState, type Ticket } from '../../../shared/tickets';

/** Who is asking, for the saved filters that depend on it. */
export type TicketViewer = { userId: string; myDepartmentIds: readonly string[] };

/** The nearest target a working ticket still runs against (its first response while unanswered, its resolution), ms; Infinity for none. */
function nextDue(ticket: Ticket): number {
  const firstDue = ticket.firstRespondedAt === null && ticket.firstResponseDueAt ? Date.parse(ticket.firstResponseDueAt) : Infinity;
  const resolutionDue = ticket.resolutionDueAt ? Date.parse(ticket.resolutionDueAt) : Infinity;
  return Math.min(firstDue, resolutionDue);
}

/**
 * A cached ticket's SLA as of `now`: the server's state, made worse when a target it knew passed
 * since (a desktop offline for a while still shows a breach that happened meanwhile).
 */
export function slaAt(ticket: Ticket, now: number): SlaState {
  if (!isTicketActive(ticket.status) || ticket.sla === 'breached' || ticket.sla === 'none' || ticket.sla === 'met') return ticket.sla;
  return nextDue(ticket) <= now ? 'breached' : ticket.sla;
}

/**
 * From when the "breaching" view shows a cached ticket (slaAt says warning or breached), ms: 0 when
 * it already does whatever the time, null when it never will until the server says otherwise.
 * Stored with the ticket, so the cache finds the view's tickets with `breaching_from <= now`.
 */
export function breachingFrom(ticket: Ticket): number | null {
  if (ticket.sla === 'warning' || ticket.sla === 'breached') return 0;
  if (ticket.sla !== 'ok' || !isTicketActive(ticket.status)) return null;
  const due = nextDue(ticket);
  return Number.isFinite(due) ? due : null;
}

const priorityRank = (t: Ticket) => ticketPriorities.indexOf(t.priority);
const time = (iso: string | null) => (iso ? Date.parse(iso) : Infinity);

/**
 * The tickets of a saved filter and the field filters, in the chosen order: the list's rules in
 * plain code. The cache answers the same in SQL (ticket-list-sql.ts); tests and the benchmark
 * hold the two together.
 */
export function selectTickets(all: readonly Ticket[], args: TicketListArgs, viewer: TicketViewer, now: number): Ticket[] {
  const view = args.view ?? 'all';
  const statuses = args.status && args.status.length > 0 ? new Set(args.status) : null;
  const shown = all
    .map((t) => ({ ...t, sla: slaAt(t, now) }))
    .filter((t) => {
      if (view === 'mine' && t.assigneeId !== viewer.userId) return false;
      if (view === 'my_department' && (t.departmentId === null || !viewer.myDepartmentIds.includes(t.departmentId))) return false;
      if (view === 'breaching' && t.sla !== 'warning' && t.sla !== 'breached') return false;
      if (view === 'unassigned' && t.assigneeId !== null) return false;
      if (statuses && !statuses.has(t.status)) return false;
      if (args.priority && t.priority !== args.priority) return false;
      if (args.typeId && t.typeId !== args.typeId) return false;
      if (args.departmentId && t.departmentId !== args.departmentId) return false;
      return true;
    });
  const byUpdated = (a: Ticket, b: Ticket) => b.updatedAt.localeCompare(a.updatedAt) || b.number - a.number;
  const order: Record<NonNullable<TicketListArgs['sort']>, (a: Ticket, b: Ticket) => number> = {
    updated: byUpdated,
    created: (a, b) => b.createdAt.localeCompare(a.createdAt) || b.number - a.number,
    number: (a, b) => b.number - a.number,
    priority: (a, b) => priorityRank(b) - priorityRank(a) || byUpdated(a, b),
    // The one due first on top; tickets without any due time last.
    due: (a, b) => time(a.dueAt ?? a.resolutionDueAt) - time(b.dueAt ?? b.resolutionDueAt) || a.number - b.number,
  };
  return shown.sort(order[args.sort ?? 'updated']);
}
