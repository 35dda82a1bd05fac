import type { TicketListArgs } from '../../../shared/contract';
import { ticketPriorities, type Ticket } from '../../../shared/tickets';
import { breachingFrom, type TicketViewer } from './ticket-list';

/** Sorts a ticket without a due time after every one with (ms, past any real date). */
const NO_DUE = Number.MAX_SAFE_INTEGER;

/** The clear columns of a cached ticket that the list filters and sorts by (cache migration 0009). */
export type TicketListColumns = {
  assignee_id: string | null;
  department_id: string | null;
  type_id: string | null;
  priority_rank: number;
  created_at: string;
  due_order: number;
  breaching_from: number | null;
};

export function ticketListColumns(ticket: Ticket): TicketListColumns {
  const due = ticket.dueAt ?? ticket.resolutionDueAt;
  return {
    assignee_id: ticket.assigneeId,
    department_id: ticket.departmentId,
    type_id: ticket.typeId,
    priority_rank: ticketPriorities.indexOf(ticket.priority),
    created_at: ticket.createdAt,
    due_order: due ? Date.parse(due) : NO_DUE,
    breaching_from: breachingFrom(ticket),
  };
}

/** A list query over the cache's `tickets` table: its condition with parameters, and its order. */
export type TicketListSql = { where: string; params: unknown[]; orderBy: string };

const ORDER: Record<NonNullable<TicketListArgs['sort']>, string> = {
  updated: 'updated_at DESC, number DESC',
  created: 'created_at DESC, number DESC',
  number: 'number DESC',
  priority: 'priority_rank DESC, updated_at DESC, number DESC',
  // The one due first on top; tickets without any due time last.
  due: 'due_order ASC, number ASC',
};

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** The same tickets and order as selectTickets (ticket-list.ts), as SQL on the clear columns. */
export function ticketListSql(args: TicketListArgs, viewer: TicketViewer, now: number): TicketListSql {
  const where: string[] = [];
  const params: unknown[] = [];
  switch (args.view ?? 'all') {
    case 'mine':
      where.push('assignee_id = ?');
      params.push(viewer.userId);
      break;
    case 'my_department':
      where.push(`department_id IN (${marks(viewer.myDepartmentIds.length)})`);
      params.push(...viewer.myDepartmentIds);
      break;
    case 'breaching':
      where.push('breaching_from <= ?');
      params.push(now);
      break;
    case 'unassigned':
      where.push('assignee_id IS NULL');
      break;
    case 'all':
      break;
  }
  if (args.status && args.status.length > 0) {
    where.push(`status IN (${marks(args.status.length)})`);
    params.push(...args.status);
  }
  if (args.priority) {
    where.push('priority_rank = ?');
    params.push(ticketPriorities.indexOf(args.priority));
  }
  if (args.typeId) {
    where.push('type_id = ?');
    params.push(args.typeId);
  }
  if (args.departmentId) {
    where.push('department_id = ?');
    params.push(args.departmentId);
  }
  return { where: where.length > 0 ? where.join(' AND ') : '1', params, orderBy: ORDER[args.sort ?? 'updated'] };
}
