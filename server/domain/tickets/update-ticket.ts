import type { User } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { canMoveTicket, type TicketStatus, type TicketUpdate } from '../../../shared/tickets';
import type { Queryable } from '../../db/db';
import { recordAudit } from '../audit/audit-log';
import { sendReopenedNotice, sendStatusNotice } from './customer-notices';
import { publishTicketOutcome, TicketChange, type TicketDeps, type TicketOutcome } from './ticket-change';
import { canSeeTicket, mayAssign, mayMoveDepartment, ticketForbidden, ticketNotFound, type TicketViewer } from './ticket-permissions';
import { checkAssignee, checkDepartment, checkType } from './ticket-references';
import { getTicketRecord, lockTicket, ticketAccess, type TicketRecord } from './ticket-repository';
import { slaDueTimes } from './ticket-settings';
import { loadTicketViewer } from './ticket-viewer';

/**
 * A ticket the viewer may see, locked for a change; `not_found` for another account's or a
 * deleted one, `forbidden` for one of the account the viewer may not see.
 */
export async function lockVisibleTicket(tx: Queryable, viewer: TicketViewer, id: string, now: number): Promise<TicketRecord> {
  if (!(await lockTicket(tx, id))) throw ticketNotFound();
  const ticket = await getTicketRecord(tx, id, now);
  if (!ticket || ticket.accountId !== viewer.accountId || ticket.deleted) throw ticketNotFound();
  if (!canSeeTicket(viewer, await ticketAccess(tx, viewer, ticket))) throw ticketForbidden('work on this ticket');
  return ticket;
}

/** Applies a move to `status` (already allowed) with its stamps, history line, audit entry and the customer's notice. */
export async function moveStatus(change: TicketChange, ticket: TicketRecord, status: TicketStatus, actor: { type: 'user' | 'system' | 'contact' | 'api'; id: string | null }): Promise<void> {
  const { tx, at } = change;
  const reopening = (ticket.status === 'solved' || ticket.status === 'closed') && status !== 'solved' && status !== 'closed';
  await tx.query(
    `UPDATE tickets SET status = $2,
       solved_at = CASE WHEN $2 = 'solved' THEN $3::timestamptz WHEN $4 THEN NULL ELSE solved_at END,
       closed_at = CASE WHEN $2 = 'closed' THEN $3::timestamptz WHEN $4 THEN NULL ELSE closed_at END,
       reopened_count = reopened_count + CASE WHEN $4 THEN 1 ELSE 0 END,
       sla_notices = CASE WHEN $4 THEN array_remove(array_remove(sla_notices, 'resolution_warn'), 'resolution_breach') ELSE sla_notices END
     WHERE id = $1`,
    [ticket.id, status, at, reopening],
  );
  await change.event({ actorType: actor.type, actorId: actor.id, kind: reopening ? 'reopened' : 'status', data: { from: ticket.status, to: status } });
  await recordAudit(tx, {
    accountId: ticket.accountId, actorId: actor.type === 'user' ? actor.id : null, action: 'ticket.status', targetType: 'ticket', targetId: ticket.id,
    details: { number: ticket.number, from: ticket.status, to: status },
  });
  const told = reopening ? await sendReopenedNotice(change, ticket.number) : await sendStatusNotice(change, ticket.number, status);
  if (!told && ticket.conversationIds.length > 0) await change.event({ actorType: 'system', actorId: null, kind: 'changed', data: { customerNotice: 'not_sent' } });
}

/**
 * Changes a ticket's fields, department, assignee or status (along `ticketTransitions`). Each
 * change is a history line; assignment and status are audited; the customer is told of each new
 * status. Nothing changed: the ticket is answered as it is.
 */
export async function updateTicket(deps: TicketDeps, user: User, input: TicketUpdate): Promise<TicketRecord> {
  const viewer = await loadTicketViewer(deps.db, user);
  const outcome = await deps.db.transaction((tx) => updateInTransaction(tx, viewer, input, new Date(deps.clock())));
  if (outcome.events.length > 0) await publishTicketOutcome(deps, outcome);
  return outcome.ticket;
}

async function updateInTransaction(tx: Queryable, viewer: TicketViewer, input: TicketUpdate, at: Date): Promise<TicketOutcome> {
  const ticket = await lockVisibleTicket(tx, viewer, input.id, at.getTime());
  const change = new TicketChange(tx, viewer.accountId, ticket.id, at);
  const actor = { actorType: 'user' as const, actorId: viewer.id };
  const fields: Record<string, { from: unknown; to: unknown }> = {};

  if (input.subject !== undefined && input.subject !== ticket.subject) fields.subject = { from: ticket.subject, to: input.subject };
  if (input.typeId !== undefined && input.typeId !== ticket.typeId) {
    if (input.typeId) await checkType(tx, viewer.accountId, input.typeId);
    fields.typeId = { from: ticket.typeId, to: input.typeId };
  }
  if (input.priority !== undefined && input.priority !== ticket.priority) fields.priority = { from: ticket.priority, to: input.priority };
  const dueAt = input.dueAt === undefined ? undefined : input.dueAt === null ? null : new Date(input.dueAt).toISOString();
  if (dueAt !== undefined && dueAt !== ticket.dueAt) fields.dueAt = { from: ticket.dueAt, to: dueAt };
  if (input.departmentId !== undefined && input.departmentId !== ticket.departmentId) {
    if (!mayMoveDepartment(viewer, ticket.departmentId, input.departmentId)) throw ticketForbidden('move this ticket to another department');
    if (input.departmentId) await checkDepartment(tx, viewer.accountId, input.departmentId);
    fields.departmentId = { from: ticket.departmentId, to: input.departmentId };
  }
  if (Object.keys(fields).length > 0) {
    await tx.query(
      `UPDATE tickets SET subject = COALESCE($2, subject), type_id = CASE WHEN $3 THEN $4 ELSE type_id END, priority = COALESCE($5, priority),
         due_at = CASE WHEN $6 THEN $7::timestamptz ELSE due_at END, department_id = CASE WHEN $8 THEN $9 ELSE department_id END
       WHERE id = $1`,
      [ticket.id, fields.subject ? input.subject : null, 'typeId' in fields, input.typeId ?? null, fields.priority ? input.priority : null,
        'dueAt' in fields, dueAt ?? null, 'departmentId' in fields, input.departmentId ?? null],
    );
    if (fields.typeId || fields.priority) {
      // A new type or priority has other targets: the due times are counted again from the opening.
      const due = await slaDueTimes(tx, viewer.accountId, input.typeId !== undefined ? input.typeId : ticket.typeId, input.priority ?? ticket.priority, new Date(ticket.createdAt).getTime());
      await tx.query('UPDATE tickets SET first_response_due_at = $2, resolution_due_at = $3 WHERE id = $1', [ticket.id, due.firstResponseDueAt, due.resolutionDueAt]);
    }
    await change.event({ ...actor, kind: 'changed', data: fields });
  }

  if (input.assigneeId !== undefined && input.assigneeId !== ticket.assigneeId) {
    const assignee = input.assigneeId ? await checkAssignee(tx, viewer.accountId, input.assigneeId) : null;
    const departmentId = input.departmentId !== undefined ? input.departmentId : ticket.departmentId;
    if (!mayAssign(viewer, { departmentId, assigneeId: ticket.assigneeId }, input.assigneeId, assignee?.departmentIds ?? [])) {
      throw ticketForbidden('assign this ticket to someone else');
    }
    await tx.query('UPDATE tickets SET assignee_id = $2 WHERE id = $1', [ticket.id, input.assigneeId]);
    await change.event({ ...actor, kind: 'assigned', data: { from: ticket.assigneeId, to: input.assigneeId } });
    await recordAudit(tx, {
      accountId: viewer.accountId, actorId: viewer.id, action: 'ticket.assign', targetType: 'ticket', targetId: ticket.id,
      details: { number: ticket.number, from: ticket.assigneeId, to: input.assigneeId },
    });
  }

  if (input.status !== undefined && input.status !== ticket.status) {
    if (!canMoveTicket(ticket.status, input.status)) {
      throw new AppError('bad_request', `A ${ticket.status} ticket cannot become ${input.status}.`, { from: ticket.status, to: input.status });
    }
    await moveStatus(change, ticket, input.status, { type: 'user', id: viewer.id });
  }
  return change.finish();
}

/** Assigns or moves many tickets; each one the viewer may not change is listed with the refusal's code. */
export async function bulkUpdateTickets(
  deps: TicketDeps, user: User, input: { ids: string[]; assigneeId?: string | null; status?: TicketStatus },
): Promise<{ updated: number; refused: { id: string; code: string }[] }> {
  let updated = 0;
  const refused: { id: string; code: string }[] = [];
  for (const id of new Set(input.ids)) {
    try {
      await updateTicket(deps, user, { id, assigneeId: input.assigneeId, status: input.status });
      updated += 1;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      refused.push({ id, code: err.code });
    }
  }
  return { updated, refused };
}

/** Supervisors and admins: removes a ticket from every list (kept for the record); audited. */
export async function deleteTicket(deps: TicketDeps, user: User, id: string): Promise<boolean> {
  if (user.role !== 'supervisor' && user.role !== 'admin') throw ticketForbidden('delete tickets');
  const viewer = await loadTicketViewer(deps.db, user);
  const at = new Date(deps.clock());
  const outcome = await deps.db.transaction(async (tx) => {
    const ticket = await lockVisibleTicket(tx, viewer, id, at.getTime());
    await tx.query('UPDATE tickets SET deleted_at = $2 WHERE id = $1', [ticket.id, at]);
    const change = new TicketChange(tx, viewer.accountId, ticket.id, at);
    await change.event({ actorType: 'user', actorId: viewer.id, kind: 'deleted' });
    await recordAudit(tx, {
      accountId: viewer.accountId, actorId: viewer.id, action: 'ticket.delete', targetType: 'ticket', targetId: ticket.id,
      details: { number: ticket.number, subject: ticket.subject },
    });
    return change.finish();
  });
  await publishTicketOutcome(deps, outcome);
  return true;
}
