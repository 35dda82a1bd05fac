import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/db';
import { nextSeq } from '../../db/sequence';
import { getConversationView, type LockedConversation } from '../conversations/conversation-repository';
import { previewOf, type ConversationChange } from '../conversations/message-change';
import { getMessageView, insertMessage, type MessageView } from '../conversations/message-repository';

/**
 * How the bot's words land in a conversation, whatever prompted them (a customer's message, an
 * order-status event): each as a bot message under its own sequence number, then the
 * conversation under a newer one. The database queues each for its platform channel (migration
 * 0007); `publishChange` pushes them to agents and to the widget.
 */

/** Stores the bot's messages in order on a locked conversation; their ids, in the same order. */
export async function insertBotMessages(tx: Queryable, locked: Pick<LockedConversation, 'id' | 'accountId'>, bodies: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const body of bodies) {
    const id = randomUUID();
    await insertMessage(tx, {
      id, accountId: locked.accountId, conversationId: locked.id, seq: await nextSeq(tx, locked.accountId),
      senderType: 'bot', senderId: null, body, clientId: null,
    });
    ids.push(id);
  }
  return ids;
}

/**
 * The change to publish after the bot wrote: the conversation takes a new sequence number after
 * the messages (and a handoff notice, when there is one), and the inbox shows the bot's last words.
 */
export async function finishBotChange(
  tx: Queryable,
  locked: Pick<LockedConversation, 'id' | 'accountId' | 'assigneeId'>,
  replyIds: readonly string[],
  noticeId: string | null,
  now: number,
): Promise<ConversationChange> {
  const seq = await nextSeq(tx, locked.accountId);
  const messages: MessageView[] = [];
  for (const id of [...replyIds, ...(noticeId ? [noticeId] : [])]) {
    const view = await getMessageView(tx, id);
    if (view) messages.push(view);
  }
  const lastReply = [...messages].reverse().find((m) => m.senderType === 'bot');
  if (lastReply) {
    await tx.query(
      `UPDATE conversations SET seq = $2, last_message_at = $3, last_message_preview = $4, last_message_sender_type = 'bot' WHERE id = $1`,
      [locked.id, seq, new Date(now), previewOf(lastReply.body)],
    );
  } else {
    await tx.query('UPDATE conversations SET seq = $2 WHERE id = $1', [locked.id, seq]);
  }
  const conversation = await getConversationView(tx, locked.id);
  if (!conversation) throw new Error('a locked conversation vanished inside its transaction');
  const [first, ...more] = messages;
  return { conversation, ...(first ? { message: first } : {}), moreMessages: more, previousAssigneeId: locked.assigneeId, created: true };
}
