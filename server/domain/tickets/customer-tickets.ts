import { AppError } from '../../../shared/errors';
import type { VisitorTicket } from '../../../shared/tickets-customer';
import type { Queryable } from '../../db/db';
import { toIso } from '../conversations/conversation-repository';
import { customerAdds } from './customer-returns';
import { publishTicketOutcome, TicketChange, type TicketDeps } from './ticket-change';
import { ticketNotFound } from './ticket-permissions';
import { getTicketRecord, lockTicket } from './ticket-repository';
import { readTicketSettings } from './ticket-settings';

const DAY = 86_400_000;
const toVisitorTicket = (r: { number: number; subject: string; status: VisitorTicket['status']; updated_at: Date | string }): VisitorTicket => ({
  number: Number(r.number), subject: r.subject, status: r.status, updatedAt: toIso(r.updated_at),
});

/** The customer's tickets that are not closed, most recently changed first. */
export async function listCustomerTickets(db: Queryable, accountId: string, contactId: string): Promise<VisitorTicket[]> {
  const rows = await db.query<{ number: number; subject: string; status: VisitorTicket['status']; updated_at: Date | string }>(
    `SELECT number, subject, status, updated_at FROM tickets
      WHERE account_id = $1 AND contact_id = $2 AND deleted_at IS NULL AND status <> 'closed'
      ORDER BY updated_at DESC, number DESC LIMIT 50`,
    [accountId, contactId],
  );
  return rows.map(toVisitorTicket);
}

/**
 * The customer adds information to one of their own tickets (by number; another customer's is
 * `not_found`, a closed one `conflict`): it joins the history, and a ticket waiting on them (or
 * solved within the reopen window) is open again.
 */
export async function customerAddsToTicket(
  deps: TicketDeps, customer: { accountId: string; contactId: string }, number: number, body: string,
): Promise<VisitorTicket> {
  const at = new Date(deps.clock());
  const outcome = await deps.db.transaction(async (tx) => {
    const rows = await tx.query<{ id: string }>(
      'SELECT id FROM tickets WHERE account_id = $1 AND number = $2 AND contact_id = $3 AND deleted_at IS NULL',
      [customer.accountId, number, customer.contactId],
    );
    if (!rows[0] || !(await lockTicket(tx, rows[0].id))) throw ticketNotFound();
    const ticket = await getTicketRecord(tx, rows[0].id, at.getTime());
    if (!ticket) throw ticketNotFound();
    if (ticket.status === 'closed') throw new AppError('conflict', 'This ticket is closed; write to us in the chat instead.');
    const { reopenDays } = await readTicketSettings(tx, customer.accountId);
    const change = new TicketChange(tx, customer.accountId, ticket.id, at);
    await customerAdds(change, ticket, customer.contactId, body, { via: 'widget' }, new Date(at.getTime() - reopenDays * DAY));
    return change.finish();
  });
  await publishTicketOutcome(deps, outcome);
  const { ticket } = outcome;
  return { number: ticket.number, subject: ticket.subject, status: ticket.status, updatedAt: ticket.updatedAt };
}
