import type { Queryable } from '../../db/db';
import type { MessageView } from '../conversations/message-repository';
import { publishTicketOutcome, TicketChange, type TicketDeps, type TicketOutcome } from './ticket-change';
import { getTicketRecord, lockTicket, type TicketRecord } from './ticket-repository';
import { readTicketSettings } from './ticket-settings';
import { moveStatus } from './update-ticket';

const DAY = 86_400_000;

/**
 * The customer wrote again. Each unclosed ticket of that conversation keeps their words in its
 * history; one waiting on the customer is open again; one solved within the account's reopen
 * window reopens (and the customer is told). Writing in a new conversation reopens their most
 * recently solved ticket within the window, and links the new conversation to it. Closed tickets
 * stay closed: a new problem is a new ticket.
 */
export async function customerWrote(deps: TicketDeps, message: MessageView, contactId: string): Promise<void> {
  // Most messages concern no ticket: one indexed look before any transaction.
  const concerned = await deps.db.query(
    `SELECT 1 FROM ticket_conversations WHERE conversation_id = $1
     UNION ALL SELECT 1 FROM tickets WHERE contact_id = $2 AND status = 'solved' LIMIT 1`,
    [message.conversationId, contactId],
  );
  if (concerned.length === 0) return;
  const at = new Date(deps.clock());
  const outcomes = await deps.db.transaction(async (tx) => {
    const { reopenDays } = await readTicketSettings(tx, message.accountId);
    const since = new Date(at.getTime() - reopenDays * DAY);
    const linked = await tx.query<{ id: string }>(
      `SELECT t.id FROM tickets t JOIN ticket_conversations tc ON tc.ticket_id = t.id
        WHERE tc.conversation_id = $1 AND t.deleted_at IS NULL AND t.status <> 'closed' ORDER BY t.number`,
      [message.conversationId],
    );
    const ids = linked.map((r) => r.id);
    let newlyLinked: string | null = null;
    if (ids.length === 0 && reopenDays > 0) {
      const solved = await tx.query<{ id: string }>(
        `SELECT id FROM tickets WHERE account_id = $1 AND contact_id = $2 AND deleted_at IS NULL AND status = 'solved' AND solved_at >= $3
          ORDER BY solved_at DESC, number DESC LIMIT 1`,
        [message.accountId, contactId, since],
      );
      if (solved[0]) {
        newlyLinked = solved[0].id;
        ids.push(newlyLinked);
      }
    }
    const done: TicketOutcome[] = [];
    for (const id of ids) {
      if (!(await lockTicket(tx, id))) continue;
      const ticket = await getTicketRecord(tx, id, at.getTime());
      if (!ticket || ticket.deleted || ticket.status === 'closed') continue;
      done.push(await returnTo(tx, ticket, message, contactId, since, at, id === newlyLinked));
    }
    return done;
  });
  for (const outcome of outcomes) await publishTicketOutcome(deps, outcome);
}

async function returnTo(tx: Queryable, ticket: TicketRecord, message: MessageView, contactId: string, since: Date, at: Date, link: boolean): Promise<TicketOutcome> {
  const change = new TicketChange(tx, ticket.accountId, ticket.id, at);
  if (link) {
    await tx.query('INSERT INTO ticket_conversations (ticket_id, conversation_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [ticket.id, message.conversationId]);
    await change.event({ actorType: 'contact', actorId: contactId, kind: 'linked', data: { conversationId: message.conversationId } });
  }
  await customerAdds(change, ticket, contactId, message.body, { conversationId: message.conversationId, messageId: message.id }, since);
  return change.finish();
}

/**
 * The customer's words join a ticket's history; a ticket waiting on them is open again, and one
 * solved since `since` (the reopen window) reopens.
 */
export async function customerAdds(change: TicketChange, ticket: TicketRecord, contactId: string, body: string, data: Record<string, unknown>, since: Date): Promise<void> {
  const contact = { type: 'contact' as const, id: contactId };
  await change.event({ actorType: 'contact', actorId: contactId, kind: 'customer_message', body, data });
  const solvedInWindow = ticket.status === 'solved' && ticket.solvedAt !== null && new Date(ticket.solvedAt) >= since;
  if (solvedInWindow || ticket.status === 'waiting_on_customer') await moveStatus(change, ticket, 'open', contact);
}
