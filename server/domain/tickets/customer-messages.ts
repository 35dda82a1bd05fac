import { randomUUID } from 'node:crypto';
import type { Lang } from '../../../shared/domain';
import type { Queryable } from '../../db/db';
import { nextSeq } from '../../db/sequence';
import { getConversationView, lockConversation } from '../conversations/conversation-repository';
import { previewOf, type ConversationChange } from '../conversations/message-change';
import { getMessageView, insertMessage } from '../conversations/message-repository';
import { scriptOf } from '../routing/classify';

/**
 * Messages a ticket sends its customer go into the ticket's conversation like any reply: the
 * delivery queue takes them to WhatsApp, Telegram, WeChat or email (migration 0007's trigger), the
 * widget hears them live, and agents see them in the thread. Internal comments never come here.
 */

/** The conversation a ticket talks to its customer in: the linked one they wrote in last. */
export async function customerConversationOf(db: Queryable, ticketId: string): Promise<string | null> {
  const rows = await db.query<{ id: string }>(
    `SELECT c.id FROM ticket_conversations tc JOIN conversations c ON c.id = tc.conversation_id
      WHERE tc.ticket_id = $1 ORDER BY c.last_message_at DESC, c.id LIMIT 1`,
    [ticketId],
  );
  return rows[0]?.id ?? null;
}

/** The language the customer writes in, in this conversation (Chinese unless they wrote in Latin script). */
export async function customerLangOf(db: Queryable, conversationId: string): Promise<Lang> {
  const rows = await db.query<{ body: string }>(
    "SELECT body FROM messages WHERE conversation_id = $1 AND sender_type = 'contact' ORDER BY seq DESC LIMIT 5",
    [conversationId],
  );
  return rows.length === 0 ? 'zh' : scriptOf(rows.map((r) => r.body).join(''));
}

export type CustomerMessage = {
  accountId: string;
  conversationId: string;
  body: string;
  /** An agent's public reply (by `senderId`) or the system's notice. */
  senderType: 'agent' | 'system';
  senderId: string | null;
};

/** Stores a message to the customer in their conversation, under its own sequence number; the conversation takes the next. */
export async function writeCustomerMessage(tx: Queryable, m: CustomerMessage): Promise<ConversationChange | null> {
  const locked = await lockConversation(tx, m.conversationId);
  if (!locked || locked.accountId !== m.accountId) return null;
  const id = randomUUID();
  await insertMessage(tx, {
    id, accountId: m.accountId, conversationId: m.conversationId, seq: await nextSeq(tx, m.accountId),
    senderType: m.senderType, senderId: m.senderId, body: m.body, clientId: null,
  });
  await tx.query(
    `UPDATE conversations SET seq = $2, last_message_at = now(), last_message_preview = $3, last_message_sender_type = $4 WHERE id = $1`,
    [m.conversationId, await nextSeq(tx, m.accountId), previewOf(m.body), m.senderType],
  );
  const message = await getMessageView(tx, id);
  const conversation = await getConversationView(tx, m.conversationId);
  if (!message || !conversation) throw new Error('stored message vanished inside its transaction');
  return { message, conversation, previousAssigneeId: locked.assigneeId, created: true };
}
