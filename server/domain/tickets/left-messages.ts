import type { Queryable } from '../../db/db';
import { insertTicket } from './create-ticket';
import type { TicketOutcome } from './ticket-change';
import { latestOrderRef } from './ticket-references';

const SUBJECT_LENGTH = 60;

/** Open conversations holding a message left while nobody could answer that have no ticket yet (oldest first). */
export async function leftMessagesWithoutTicket(db: Queryable, limit: number): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT c.id FROM conversations c
      WHERE c.left_message AND c.status = 'open'
        AND NOT EXISTS (SELECT 1 FROM ticket_conversations tc WHERE tc.conversation_id = c.id)
      ORDER BY c.created_at, c.id LIMIT $1`,
    [limit],
  );
  return rows.map((r) => r.id);
}

/**
 * Turns a left message (留言) into a ticket, once per conversation on any channel (none when the
 * conversation already has a ticket, as a mail to the ticket address does): its subject
 * is the start of what the customer wrote, its description all of it, with the customer and their
 * latest order attached. The customer, already told their message is kept, hears the ticket's
 * number in their chat (a system line, so the conversation still waits for an agent's answer).
 * Null when another node did it first or the conversation is no longer waiting.
 */
export async function ticketFromLeftMessage(tx: Queryable, conversationId: string, at: Date): Promise<TicketOutcome | null> {
  const locked = await tx.query<{ account_id: string; contact_id: string }>(
    `SELECT account_id, contact_id FROM conversations WHERE id = $1 AND left_message AND status = 'open' FOR UPDATE`,
    [conversationId],
  );
  const conversation = locked[0];
  if (!conversation) return null;
  const exists = await tx.query('SELECT 1 FROM ticket_conversations WHERE conversation_id = $1', [conversationId]);
  if (exists.length > 0) return null;
  const said = await tx.query<{ body: string }>(
    "SELECT body FROM messages WHERE conversation_id = $1 AND sender_type = 'contact' ORDER BY seq",
    [conversationId],
  );
  const text = said.map((m) => m.body.trim()).filter(Boolean).join('\n');
  const firstLine = (text.split('\n')[0] ?? '').replace(/\s+/g, ' ').trim();
  const subject = firstLine.length > SUBJECT_LENGTH ? `${firstLine.slice(0, SUBJECT_LENGTH - 1)}…` : firstLine || '留言 / Left message';
  return insertTicket(tx, {
    accountId: conversation.account_id,
    subject,
    typeId: null,
    priority: 'normal',
    departmentId: null,
    assigneeId: null,
    dueAt: null,
    contactId: conversation.contact_id,
    orderRef: await latestOrderRef(tx, conversation.contact_id),
    source: 'left_message',
    createdById: null,
    conversationIds: [conversationId],
    actor: { type: 'system', id: null },
    description: text,
  }, at);
}
