import { AppError } from '../../../shared/errors';
import type { Ticket, TicketEvent } from '../../../shared/tickets';
import type { ShopTicketComment, ShopTicketCreate } from '../../../shared/tickets-api';
import { insertTicket } from './create-ticket';
import { sendPublicReply } from './customer-notices';
import { publishTicketOutcome, TicketChange, type TicketDeps } from './ticket-change';
import { ticketNotFound } from './ticket-permissions';
import { checkDepartment, checkType } from './ticket-references';
import { getTicketRecord, listTicketEvents, lockTicket, toTicket } from './ticket-repository';

/** What the shop's systems read of a ticket's history: everything but colleagues' internal comments and the excerpts they chose. */
const shownToShop = (e: TicketEvent) => e.kind !== 'excerpt' && (e.kind !== 'comment' || e.actorType === 'api');

async function ticketIdOf(deps: TicketDeps, accountId: string, number: number): Promise<string> {
  const rows = await deps.db.query<{ id: string }>('SELECT id FROM tickets WHERE account_id = $1 AND number = $2 AND deleted_at IS NULL', [accountId, number]);
  if (!rows[0]) throw ticketNotFound();
  return rows[0].id;
}

/** The shop's system opens a ticket (source `api`); a known customer's latest conversation is linked and they are told its number. */
export async function createShopTicket(deps: TicketDeps, accountId: string, input: ShopTicketCreate): Promise<Ticket> {
  const at = new Date(deps.clock());
  const outcome = await deps.db.transaction(async (tx) => {
    let departmentId = input.departmentId;
    if (input.typeId) departmentId ??= (await checkType(tx, accountId, input.typeId)).defaultDepartmentId;
    if (departmentId) await checkDepartment(tx, accountId, departmentId);
    const { email, phone } = input.customer ?? {};
    const contacts = email || phone
      ? await tx.query<{ id: string }>(
        'SELECT id FROM contacts WHERE account_id = $1 AND ((email IS NOT NULL AND lower(email) = $2) OR (phone IS NOT NULL AND phone = $3)) ORDER BY created_at LIMIT 1',
        [accountId, email ?? null, phone ?? null],
      )
      : [];
    const contactId = contacts[0]?.id ?? null;
    const conversations = contactId
      ? await tx.query<{ id: string }>('SELECT id FROM conversations WHERE contact_id = $1 ORDER BY last_message_at DESC, id LIMIT 1', [contactId])
      : [];
    return insertTicket(tx, {
      accountId, subject: input.subject, typeId: input.typeId, priority: input.priority, departmentId, assigneeId: null, dueAt: null,
      contactId, orderRef: input.orderRef, source: 'api', createdById: null, conversationIds: conversations.map((c) => c.id),
      actor: { type: 'api', id: null }, description: input.description,
    }, at);
  });
  await publishTicketOutcome(deps, outcome);
  return toTicket(outcome.ticket);
}

/** A ticket of the account by its number, with the history the shop's systems read. */
export async function readShopTicket(deps: TicketDeps, accountId: string, number: number): Promise<{ ticket: Ticket; events: TicketEvent[] }> {
  const id = await ticketIdOf(deps, accountId, number);
  const ticket = await getTicketRecord(deps.db, id, deps.clock());
  if (!ticket) throw ticketNotFound();
  return { ticket: toTicket(ticket), events: (await listTicketEvents(deps.db, id)).filter(shownToShop) };
}

/** The shop's system comments on a ticket: internal, or (public) sent to the customer on their channel. */
export async function commentShopTicket(deps: TicketDeps, accountId: string, number: number, input: ShopTicketComment): Promise<{ ticket: Ticket; event: TicketEvent }> {
  const id = await ticketIdOf(deps, accountId, number);
  const at = new Date(deps.clock());
  const outcome = await deps.db.transaction(async (tx) => {
    if (!(await lockTicket(tx, id))) throw ticketNotFound();
    const ticket = await getTicketRecord(tx, id, at.getTime());
    if (!ticket || ticket.deleted) throw ticketNotFound();
    if (ticket.status === 'closed' && input.public) throw new AppError('conflict', 'This ticket is closed.');
    const change = new TicketChange(tx, accountId, id, at);
    if (input.public) {
      const conversationId = await sendPublicReply(change, ticket.number, null, input.body);
      await change.event({ kind: 'reply', public: true, actorType: 'api', actorId: null, body: input.body, data: { conversationId } });
      await tx.query('UPDATE tickets SET first_responded_at = COALESCE(first_responded_at, $2) WHERE id = $1', [id, at]);
    } else {
      await change.event({ kind: 'comment', actorType: 'api', actorId: null, body: input.body });
    }
    return change.finish();
  });
  await publishTicketOutcome(deps, outcome);
  return { ticket: toTicket(outcome.ticket), event: outcome.events[0]! };
}
