import { randomUUID } from 'node:crypto';
import type { User } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { TicketCreate, TicketEvent, TicketPriority, TicketSource } from '../../../shared/tickets';
import type { Queryable } from '../../db/db';
import { recordAudit } from '../audit/audit-log';
import { getConversationAccess } from '../conversations/conversation-repository';
import { loadMember } from '../conversations/member-repository';
import { isClientIdConflict } from '../conversations/message-change';
import { agentReadsSql, canAct } from '../conversations/permissions';
import { sendOpenedNotice } from './customer-notices';
import { publishTicketOutcome, TicketChange, type TicketDeps, type TicketOutcome } from './ticket-change';
import { mayAssign, seesWholeAccount, ticketForbidden, type TicketViewer } from './ticket-permissions';
import { checkAssignee, checkDepartment, checkType, latestOrderRef } from './ticket-references';
import { findTicketEventByClientId, getTicketRecord, type TicketRecord } from './ticket-repository';
import { nextTicketNumber, slaDueTimes } from './ticket-settings';
import { loadTicketViewer } from './ticket-viewer';

/** Everything a new ticket is made of, whoever opens it (an agent, the shop's API, an email, a left message). */
export type NewTicket = {
  accountId: string;
  subject: string;
  typeId: string | null;
  priority: TicketPriority;
  departmentId: string | null;
  assigneeId: string | null;
  dueAt: Date | null;
  contactId: string | null;
  orderRef: string | null;
  source: TicketSource;
  createdById: string | null;
  conversationIds: string[];
  actor: { type: TicketEvent['actorType']; id: string | null };
  clientId?: string;
  /** Messages copied from the conversation (the agent's selection). */
  excerpt?: { id: string; senderType: string; senderName: string | null; body: string; createdAt: string }[];
  /** A first internal comment. */
  note?: string;
  /** The first customer message (email, left message), kept as the ticket's description. */
  description?: string;
};

/**
 * Stores a new ticket with the next number of the account, its SLA due times, its conversations
 * and its first history lines, and tells the customer its number when it has a conversation.
 */
export async function insertTicket(tx: Queryable, spec: NewTicket, at: Date): Promise<TicketOutcome> {
  const id = randomUUID();
  const number = await nextTicketNumber(tx, spec.accountId);
  const due = await slaDueTimes(tx, spec.accountId, spec.typeId, spec.priority, at.getTime());
  const change = new TicketChange(tx, spec.accountId, id, at);
  await tx.query(
    `INSERT INTO tickets (id, account_id, number, subject, type_id, priority, status, department_id, assignee_id, contact_id, order_ref,
       source, created_by_id, due_at, first_response_due_at, resolution_due_at, seq, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'new', $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)`,
    [id, spec.accountId, number, spec.subject, spec.typeId, spec.priority, spec.departmentId, spec.assigneeId, spec.contactId, spec.orderRef,
      spec.source, spec.createdById, spec.dueAt, due.firstResponseDueAt, due.resolutionDueAt, await change.sequence(), at],
  );
  for (const conversationId of new Set(spec.conversationIds)) {
    await tx.query('INSERT INTO ticket_conversations (ticket_id, conversation_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [id, conversationId]);
  }
  const actor = { actorType: spec.actor.type, actorId: spec.actor.id };
  await change.event({ ...actor, kind: 'created', body: spec.description ?? '', data: { source: spec.source, subject: spec.subject }, clientId: spec.clientId ?? null });
  if (spec.excerpt && spec.excerpt.length > 0) await change.event({ ...actor, kind: 'excerpt', data: { messages: spec.excerpt } });
  if (spec.note) await change.event({ ...actor, kind: 'comment', body: spec.note });
  if (spec.assigneeId) {
    await change.event({ ...actor, kind: 'assigned', data: { from: null, to: spec.assigneeId } });
    await recordAudit(tx, { accountId: spec.accountId, actorId: spec.actor.type === 'user' ? spec.actor.id : null, action: 'ticket.assign', targetType: 'ticket', targetId: id, details: { number, from: null, to: spec.assigneeId } });
  }
  if (spec.conversationIds.length > 0) {
    const told = await sendOpenedNotice(change, number, spec.subject);
    if (!told) await change.event({ actorType: 'system', actorId: null, kind: 'changed', data: { customerNotice: 'not_sent' } });
  }
  return change.finish();
}

/**
 * An agent (or department member) opens a ticket. From a conversation they may work on: its
 * contact, their latest order and the selected messages come along. Department staff open
 * tickets in their own departments, without a customer. A create retried with the same client id
 * answers the ticket it made.
 */
export async function createTicket(deps: TicketDeps, user: User, input: TicketCreate): Promise<TicketRecord> {
  if (input.clientId) {
    const done = await retried(deps, user, input.clientId);
    if (done) return done;
  }
  const viewer = await loadTicketViewer(deps.db, user);
  const at = new Date(deps.clock());
  try {
    const outcome = await deps.db.transaction(async (tx) => insertTicket(tx, await agentTicket(tx, viewer, input), at));
    await publishTicketOutcome(deps, outcome);
    return outcome.ticket;
  } catch (err) {
    if (input.clientId && isClientIdConflict(err)) {
      const done = await retried(deps, user, input.clientId);
      if (done) return done;
    }
    throw err;
  }
}

async function retried(deps: TicketDeps, user: User, clientId: string): Promise<TicketRecord | null> {
  const event = await findTicketEventByClientId(deps.db, clientId);
  if (!event) return null;
  if (event.accountId !== user.accountId || event.kind !== 'created' || event.actorId !== user.id) {
    throw new AppError('conflict', 'This client id was already used for something else.');
  }
  return getTicketRecord(deps.db, event.ticketId, deps.clock());
}

async function agentTicket(tx: Queryable, viewer: TicketViewer, input: TicketCreate): Promise<NewTicket> {
  const { accountId } = viewer;
  let departmentId = input.departmentId;
  if (input.typeId) {
    const type = await checkType(tx, accountId, input.typeId);
    departmentId ??= type.defaultDepartmentId;
  }
  if (departmentId) await checkDepartment(tx, accountId, departmentId);
  if (viewer.role === 'staff') {
    if (input.conversationId || input.contactId) throw ticketForbidden('open tickets for a customer');
    if (!departmentId || !viewer.departmentIds.includes(departmentId)) throw ticketForbidden('open tickets outside your departments');
  }
  if (input.assigneeId) {
    const assignee = await checkAssignee(tx, accountId, input.assigneeId);
    if (!mayAssign(viewer, { departmentId, assigneeId: null }, input.assigneeId, assignee.departmentIds)) throw ticketForbidden('assign tickets to others');
  }

  let contactId = input.contactId;
  const conversationIds: string[] = [];
  let excerpt: NewTicket['excerpt'];
  if (input.conversationId) {
    const access = await getConversationAccess(tx, input.conversationId);
    if (!access || access.accountId !== accountId) throw new AppError('not_found', 'conversation not found');
    if (!canAct(await loadMember(tx, viewer), access)) throw ticketForbidden('open a ticket from a conversation you cannot work on');
    const [row] = await tx.query<{ contact_id: string }>('SELECT contact_id FROM conversations WHERE id = $1', [input.conversationId]);
    if (contactId && contactId !== row!.contact_id) throw new AppError('bad_request', 'The contact is not the customer of this conversation.');
    contactId = row!.contact_id;
    conversationIds.push(input.conversationId);
    excerpt = await excerptOf(tx, input.conversationId, input.excerptMessageIds);
  } else if (contactId) {
    await checkContact(tx, viewer, contactId);
  } else if (input.excerptMessageIds.length > 0) {
    throw new AppError('bad_request', 'An excerpt needs the conversation it comes from.');
  }
  return {
    accountId,
    subject: input.subject,
    typeId: input.typeId,
    priority: input.priority,
    departmentId,
    assigneeId: input.assigneeId,
    dueAt: input.dueAt ? new Date(input.dueAt) : null,
    contactId,
    orderRef: input.orderRef ?? (contactId ? await latestOrderRef(tx, contactId) : null),
    source: 'agent',
    createdById: viewer.id,
    conversationIds,
    actor: { type: 'user', id: viewer.id },
    clientId: input.clientId,
    excerpt,
    note: input.note,
  };
}

/** A customer the viewer may open a ticket for without a conversation: supervisors and admins any, agents those they serve. */
async function checkContact(tx: Queryable, viewer: TicketViewer, contactId: string): Promise<void> {
  const exists = await tx.query('SELECT 1 FROM contacts WHERE id = $1 AND account_id = $2', [contactId, viewer.accountId]);
  if (exists.length === 0) throw new AppError('bad_request', 'There is no such customer.');
  if (seesWholeAccount(viewer.role)) return;
  const reads = await tx.query(
    `SELECT 1 FROM conversations c WHERE c.contact_id = $1 AND c.account_id = $4 AND ${agentReadsSql('c', '$2', '$3')} LIMIT 1`,
    [contactId, viewer.id, [...viewer.groupIds], viewer.accountId],
  );
  if (reads.length === 0) throw ticketForbidden('open a ticket for a customer you do not serve');
}

async function excerptOf(tx: Queryable, conversationId: string, ids: readonly string[]): Promise<NewTicket['excerpt']> {
  if (ids.length === 0) return undefined;
  const rows = await tx.query<{ id: string; sender_type: string; sender_name: string | null; body: string; created_at: Date | string }>(
    `SELECT m.id, m.sender_type, CASE m.sender_type WHEN 'agent' THEN u.name WHEN 'contact' THEN ct.name ELSE NULL END AS sender_name, m.body, m.created_at
       FROM messages m LEFT JOIN users u ON m.sender_type = 'agent' AND u.id = m.sender_id
       LEFT JOIN contacts ct ON m.sender_type = 'contact' AND ct.id = m.sender_id
      WHERE m.conversation_id = $1 AND m.id = ANY($2::text[]) AND NOT m.internal ORDER BY m.seq`,
    [conversationId, [...ids]],
  );
  if (rows.length !== new Set(ids).size) throw new AppError('bad_request', 'Some selected messages are not in this conversation.');
  return rows.map((r) => ({ id: r.id, senderType: r.sender_type, senderName: r.sender_name, body: r.body, createdAt: new Date(r.created_at).toISOString() }));
}

