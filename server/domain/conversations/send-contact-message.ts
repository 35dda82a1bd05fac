import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { Db, Queryable } from '../../db/db';
import { nextSeq } from '../../db/sequence';
import { getConversationView, lockOpenConversation } from './conversation-repository';
import { isClientIdConflict, previewOf, type MessageChange } from './message-change';
import { findMessageByClientId, getMessageView, insertMessage } from './message-repository';

export type ContactRef = { accountId: string; channelId: string; contactId: string };
export type ContactSend = { clientId: string; body: string };

/**
 * Stores a customer's message once per client id on their open conversation on that channel,
 * opening a new conversation when none is open.
 */
export async function sendContactMessage(db: Db, contact: ContactRef, input: ContactSend): Promise<MessageChange> {
  try {
    return await db.transaction((tx) => sendInTransaction(tx, contact, input));
  } catch (err) {
    if (isClientIdConflict(err)) {
      const existing = await replayDuplicate(db, contact, input);
      if (existing) return existing;
    }
    throw err;
  }
}

async function sendInTransaction(tx: Queryable, contact: ContactRef, input: ContactSend): Promise<MessageChange> {
  // Serialises sends per contact, so two tabs cannot open two conversations at once.
  const locked = await tx.query('SELECT id FROM contacts WHERE id = $1 AND account_id = $2 FOR UPDATE', [
    contact.contactId,
    contact.accountId,
  ]);
  if (locked.length === 0) throw new AppError('not_found', 'contact not found');

  const duplicate = await replayDuplicate(tx, contact, input);
  if (duplicate) return duplicate;

  const open = await lockOpenConversation(tx, contact.contactId, contact.channelId);
  const messageSeq = await nextSeq(tx, contact.accountId);
  const conversationSeq = await nextSeq(tx, contact.accountId);
  const preview = previewOf(input.body);
  let conversationId: string;
  if (open) {
    conversationId = open.id;
    await tx.query(
      `UPDATE conversations SET seq = $2, last_message_at = now(), last_message_preview = $3,
         last_message_sender_type = 'contact' WHERE id = $1`,
      [open.id, conversationSeq, preview],
    );
  } else {
    conversationId = randomUUID();
    await tx.query(
      `INSERT INTO conversations (id, account_id, channel_id, contact_id, status, assignee_id, seq,
         last_message_at, last_message_preview, last_message_sender_type)
       VALUES ($1, $2, $3, $4, 'open', NULL, $5, now(), $6, 'contact')`,
      [conversationId, contact.accountId, contact.channelId, contact.contactId, conversationSeq, preview],
    );
  }
  const messageId = randomUUID();
  await insertMessage(tx, {
    id: messageId,
    accountId: contact.accountId,
    conversationId,
    seq: messageSeq,
    senderType: 'contact',
    senderId: contact.contactId,
    body: input.body,
    clientId: input.clientId,
  });
  const message = await getMessageView(tx, messageId);
  const conversation = await getConversationView(tx, conversationId);
  if (!message || !conversation) throw new Error('stored message vanished inside its transaction');
  return { message, conversation, previousAssigneeId: open ? open.assigneeId : undefined, created: true };
}

async function replayDuplicate(db: Queryable, contact: ContactRef, input: ContactSend): Promise<MessageChange | null> {
  const existing = await findMessageByClientId(db, input.clientId);
  if (!existing) return null;
  if (existing.senderType !== 'contact' || existing.senderId !== contact.contactId) {
    throw new AppError('conflict', 'this client id was already used for another message');
  }
  const conversation = await getConversationView(db, existing.conversationId);
  if (!conversation) throw new AppError('not_found', 'conversation not found');
  return { message: existing, conversation, previousAssigneeId: conversation.assigneeId, created: false };
}
