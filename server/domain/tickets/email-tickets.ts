import type { Queryable } from '../../db/db';
import { insertTicket } from './create-ticket';
import { sendOpenedNotice } from './customer-notices';
import { publishTicketOutcome, TicketChange, type TicketDeps } from './ticket-change';
import { latestOrderRef } from './ticket-references';

const SUBJECT_LENGTH = 200;

/** The account whose ticket address this is (ticket settings), if any. */
export async function accountOfTicketAddress(db: Queryable, address: string): Promise<string | null> {
  const rows = await db.query<{ account_id: string }>('SELECT account_id FROM ticket_settings WHERE lower(email_address) = lower($1) LIMIT 1', [address.trim()]);
  return rows[0]?.account_id ?? null;
}

/**
 * A mail to the account's ticket address opens a ticket (source `email`) for its conversation:
 * the mail's subject is the ticket's, its text the description, the sender its customer, who is
 * answered with the ticket's number by email. A mail in a conversation that already has a ticket
 * only joins its history (as every customer message does).
 */
export async function ticketFromEmail(deps: TicketDeps, accountId: string, conversationId: string, subject: string): Promise<void> {
  const at = new Date(deps.clock());
  const outcome = await deps.db.transaction(async (tx) => {
    const locked = await tx.query<{ contact_id: string }>('SELECT contact_id FROM conversations WHERE id = $1 AND account_id = $2 FOR UPDATE', [conversationId, accountId]);
    const conversation = locked[0];
    if (!conversation) return null;
    const said = await tx.query<{ body: string }>("SELECT body FROM messages WHERE conversation_id = $1 AND sender_type = 'contact' ORDER BY seq", [conversationId]);
    const text = said.map((m) => m.body.trim()).filter(Boolean).join('\n\n');
    const title = (subject.trim() || text.split('\n')[0] || '').replace(/\s+/g, ' ').trim();
    const ticketSubject = (title.length > SUBJECT_LENGTH ? `${title.slice(0, SUBJECT_LENGTH - 1)}…` : title) || 'Email';
    const linked = await tx.query<{ id: string; source: string }>(
      'SELECT t.id, t.source FROM ticket_conversations tc JOIN tickets t ON t.id = tc.ticket_id WHERE tc.conversation_id = $1 AND t.deleted_at IS NULL',
      [conversationId],
    );
    // Sent while nobody was at work, the mail may already be a left-message ticket: that one becomes the mail's ticket.
    if (linked.length === 1 && linked[0]!.source === 'left_message') {
      const id = linked[0]!.id;
      await tx.query("UPDATE tickets SET source = 'email', subject = $2 WHERE id = $1", [id, ticketSubject]);
      const change = new TicketChange(tx, accountId, id, at);
      await change.event({ actorType: 'system', actorId: null, kind: 'changed', data: { source: { from: 'left_message', to: 'email' }, subject: { to: ticketSubject } } });
      const number = (await tx.query<{ number: number }>('SELECT number FROM tickets WHERE id = $1', [id]))[0]!.number;
      await sendOpenedNotice(change, Number(number), ticketSubject);
      return change.finish();
    }
    if (linked.length > 0) return null;
    return insertTicket(tx, {
      accountId,
      subject: ticketSubject,
      typeId: null, priority: 'normal', departmentId: null, assigneeId: null, dueAt: null,
      contactId: conversation.contact_id, orderRef: await latestOrderRef(tx, conversation.contact_id), source: 'email', createdById: null,
      conversationIds: [conversationId], actor: { type: 'contact', id: conversation.contact_id }, description: text,
    }, at);
  });
  if (outcome) await publishTicketOutcome(deps, outcome);
}
