import type { TicketHistoryItem } from '../../../../shared/contract';
import type { Department, SlaState, TicketStatus } from '../../../../shared/tickets';
import { ticketStatusSchema } from '../../../../shared/tickets';
import { canMoveTicket, ticketStatuses } from '../../../../shared/tickets';
import type { CreateTicketForm } from './create-ticket-store';

/**
 * Adds or replaces a history line. A comment written here is matched by its client id, so its
 * stored line replaces the waiting one; the history stays oldest first, waiting lines last.
 */
export function mergeHistory(history: readonly TicketHistoryItem[], item: TicketHistoryItem): TicketHistoryItem[] {
  const same = (h: TicketHistoryItem) => h.id === item.id || (item.clientId !== null && h.clientId === item.clientId);
  const existing = history.find(same);
  // A stored line is never replaced by a late "sending" of the same comment.
  if (existing && existing.delivery === 'sent' && item.delivery !== 'sent') return [...history];
  const rest = history.filter((h) => !same(h));
  const sent = rest.filter((h) => h.delivery === 'sent');
  const waiting = rest.filter((h) => h.delivery !== 'sent');
  if (item.delivery === 'sent') {
    return [...[...sent, item].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.seq - b.seq), ...waiting];
  }
  return [...sent, ...waiting, item];
}

/** How the list marks a ticket's SLA: only the states worth a person's attention. */
export function slaHighlight(sla: SlaState): 'warning' | 'breached' | null {
  return sla === 'warning' || sla === 'breached' ? sla : null;
}

/** The statuses a ticket may move to from its own (its own first, for the select). */
export function statusChoices(current: TicketStatus): TicketStatus[] {
  return [current, ...ticketStatuses.filter((s) => s !== current && canMoveTicket(current, s))];
}

/** Who may be picked as assignee: the members of the ticket's department when it has one, else everyone known. */
export function assigneeChoices<M extends { id: string }>(people: readonly M[], department: Department | null): M[] {
  if (!department) return [...people];
  const members = new Set(department.members.map((m) => m.userId));
  return people.filter((p) => members.has(p.id));
}

/** A due time as the datetime-local input shows it (local time, minutes), and back. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** The subject a new ticket starts with: the customer's latest message, on one line and short. */
export function subjectFrom(text: string | null | undefined, max = 80): string {
  const line = (text ?? '').replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** A new ticket's fields, the subject taken from the customer's latest message. */
export function newTicketForm(latestCustomerText: string | null): CreateTicketForm {
  return { subject: subjectFrom(latestCustomerText), typeId: '', priority: 'normal', departmentId: '', assigneeId: '', due: '' };
}

/** Ctrl+Shift+T (⌘+Shift+T on a Mac): create a ticket from the open conversation. */
export function isCreateTicketKey(event: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }): boolean {
  return (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey && event.key.toLowerCase() === 't';
}

/** One message copied into a ticket as its excerpt. */
export type ExcerptMessage = { id: string; senderType: string; senderName: string | null; body: string };

/** The messages an `excerpt` line carries in its data (anything of another shape is left out). */
export function excerptMessages(data: Record<string, unknown>): ExcerptMessage[] {
  const list = Array.isArray(data.messages) ? (data.messages as unknown[]) : [];
  return list.flatMap((m) => {
    if (!m || typeof m !== 'object') return [];
    const { id, senderType, senderName, body } = m as Record<string, unknown>;
    if (typeof id !== 'string' || typeof body !== 'string' || typeof senderType !== 'string') return [];
    return [{ id, senderType, senderName: typeof senderName === 'string' ? senderName : null, body }];
  });
}

/** The move a `status` line records, when its data names both ends. */
export function statusMove(data: Record<string, unknown>): { from: TicketStatus; to: TicketStatus } | null {
  const from = ticketStatusSchema.safeParse(data.from);
  const to = ticketStatusSchema.safeParse(data.to);
  return from.success && to.success ? { from: from.data, to: to.data } : null;
}

/** The new assignee an `assigned` line records: an id, null for nobody, undefined when it does not say. */
export function assignedTo(data: Record<string, unknown>): string | null | undefined {
  if (!('to' in data)) return undefined;
  return typeof data.to === 'string' ? data.to : null;
}
