import type { Role } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';

/**
 * Who may see and change a ticket (pure rules; ticket-viewer.ts loads what they read). Supervisors
 * and admins: every ticket of the account. Agents: tickets they created or are assigned, tickets
 * of their departments, and tickets of a conversation they may read. Department staff: tickets of
 * their departments and tickets assigned to them, nothing else.
 */

/** A signed-in user with the departments they belong to and lead. */
export type TicketViewer = {
  id: string;
  accountId: string;
  role: Role;
  name: string;
  departmentIds: readonly string[];
  leadOf: readonly string[];
  /** Skill groups (agents read conversations routed to them). */
  groupIds: readonly string[];
};

/** What the rules read of a ticket; `readsConversation`: the viewer may read one of its conversations. */
export type TicketAccess = {
  accountId: string;
  departmentId: string | null;
  assigneeId: string | null;
  createdById: string | null;
  readsConversation: boolean;
  deleted: boolean;
};

export const seesWholeAccount = (role: Role) => role === 'supervisor' || role === 'admin';

export function canSeeTicket(viewer: TicketViewer, ticket: TicketAccess): boolean {
  if (ticket.accountId !== viewer.accountId || ticket.deleted) return false;
  if (seesWholeAccount(viewer.role)) return true;
  if (ticket.assigneeId === viewer.id) return true;
  if (ticket.departmentId !== null && viewer.departmentIds.includes(ticket.departmentId)) return true;
  if (viewer.role === 'staff') return false;
  return ticket.createdById === viewer.id || ticket.readsConversation;
}

/**
 * Whether `viewer` may give a ticket to `assigneeId` (null: nobody). Supervisors, admins and
 * agents may assign anyone; department staff may take a ticket or give it up, and a department
 * lead may assign within their department.
 */
export function mayAssign(viewer: TicketViewer, ticket: Pick<TicketAccess, 'departmentId' | 'assigneeId'>, assigneeId: string | null, assigneeDepartments: readonly string[]): boolean {
  if (viewer.role !== 'staff') return true;
  if (assigneeId === viewer.id || (assigneeId === null && ticket.assigneeId === viewer.id)) return true;
  const leads = ticket.departmentId !== null && viewer.leadOf.includes(ticket.departmentId);
  return leads && (assigneeId === null || assigneeDepartments.includes(ticket.departmentId!));
}

/** Whether `viewer` may move a ticket to another department: not department staff, unless they lead both. */
export function mayMoveDepartment(viewer: TicketViewer, from: string | null, to: string | null): boolean {
  if (viewer.role !== 'staff') return true;
  return from !== null && to !== null && viewer.leadOf.includes(from) && viewer.leadOf.includes(to);
}

export const ticketForbidden = (what: string) => new AppError('forbidden', `You may not ${what}.`);
export const ticketNotFound = () => new AppError('not_found', 'There is no such ticket.');
