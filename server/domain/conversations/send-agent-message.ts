import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { blockedReplyError } from '../../../shared/sensitive-words';
import type { Db, Queryable } from '../../db/db';
import { nextSeq } from '../../db/sequence';
import { getConversationView, lockConversation } from './conversation-repository';
import { actRefusal, resolvedError } from './refusals';
import { loadMember } from './member-repository';
import { isClientIdConflict, previewOf, type MessageChange } from './message-change';
import { findMessageByClientId, getMessageView, insertMessage } from './message-repository';
import { canAct, claimsOnReply, type Viewer } from './permissions';
import { assertReplyWindowOpen } from '../channels/reply-window';
import { sensitiveAlert } from '../sensitive/sensitive-alert';
import { attachOutgoingFile, channelKindOf, fileMessageBody, outgoingFile } from '../attachments/outbound-file';
import type { SensitiveScreen } from '../sensitive/sensitive-screen';
import { lockAccountForRouting } from '../routing/routing-moves-repository';

export type AgentSend = { conversationId: string; clientId: string; body: string; attachmentIds?: string[] | undefined };

/**
 * Stores an agent's reply once per client id. A retry of a stored reply is acked with it before
 * any other check, so a reply that made it in is never turned back into a draft. Otherwise refuses
 * with `not_found`, `reassigned` (details.assigneeName), `resolved` or `sensitive_blocked`
 * (details.words); an agent replying to an unassigned conversation claims it. Sensitive words set
 * to `mask`, and card, ID and phone numbers as the account's setting says (shared/reply-masking.ts),
 * are starred in what is stored and delivered; `alert` words tell supervisors.
 */
export async function sendAgentMessage(db: Db, user: Viewer, input: AgentSend, screen: SensitiveScreen): Promise<MessageChange> {
  try {
    return await db.transaction((tx) => sendInTransaction(tx, user, input, screen));
  } catch (err) {
    // Two sends with the same client id raced past the duplicate check: the other one won.
    if (isClientIdConflict(err)) {
      const existing = await replayDuplicate(db, user, input);
      if (existing) return existing;
    }
    throw err;
  }
}

async function sendInTransaction(tx: Queryable, user: Viewer, input: AgentSend, screen: SensitiveScreen): Promise<MessageChange> {
  const locked = await lockConversation(tx, input.conversationId);
  if (!locked || locked.accountId !== user.accountId) throw new AppError('not_found', 'conversation not found');

  // A retry of a message already stored is answered with it even if access changed since.
  const duplicate = await replayDuplicate(tx, user, input);
  if (duplicate) return duplicate;

  if (!canAct(await loadMember(tx, user), locked)) throw await actRefusal(tx, locked);
  if (locked.status === 'resolved') throw resolvedError();
  // WhatsApp and WeChat refuse free-form replies long after the customer's last message.
  await assertReplyWindowOpen(tx, locked);

  const { check, masked } = await screen.maskReply(tx, user.accountId, input.body);
  const blocked = blockedReplyError(check);
  if (blocked) throw blocked;
  // A file goes with the text as its caption, if the conversation's channel takes it.
  const fileId = input.attachmentIds?.[0];
  const outgoing = fileId
    ? await outgoingFile(tx, { accountId: user.accountId, conversationId: locked.id, uploader: { id: user.id, kind: 'agent' } }, fileId, await channelKindOf(tx, locked.channelId), masked)
    : null;
  const body = outgoing ? fileMessageBody(outgoing) : masked;

  const assigneeId = claimsOnReply(user, locked) ? user.id : locked.assigneeId;
  // Claiming by replying changes the agent's load: not while a routing run is counting it.
  if (assigneeId !== locked.assigneeId) await lockAccountForRouting(tx, user.accountId);
  const messageSeq = await nextSeq(tx, user.accountId);
  const conversationSeq = await nextSeq(tx, user.accountId);
  const messageId = randomUUID();
  await insertMessage(tx, {
    id: messageId,
    accountId: user.accountId,
    conversationId: locked.id,
    seq: messageSeq,
    senderType: 'agent',
    senderId: user.id,
    body,
    clientId: input.clientId,
    attachment: outgoing?.attachment ?? null,
  });
  if (outgoing) await attachOutgoingFile(tx, outgoing, messageId);
  // One UPDATE of the row: a second one in the same transaction would check its foreign keys again,
  // share-locking the contact that a customer's message locks before the conversation (a deadlock).
  const claimed = assigneeId !== locked.assigneeId;
  await tx.query(
    `UPDATE conversations SET seq = $2, assignee_id = $3, last_message_at = now(), last_message_preview = $4,
       last_message_sender_type = 'agent'${
         // Claimed by replying: it leaves the queue, cancelling any offer to someone else.
         claimed ? `, routing_state = 'assigned', offered_to = NULL, offer_expires_at = NULL, waiting_since = NULL, assigned_at = now()` : ''
       }
     WHERE id = $1`,
    [locked.id, conversationSeq, assigneeId, previewOf(body)],
  );
  if (claimed && assigneeId) await tx.query('UPDATE users SET last_assigned_at = now() WHERE id = $1', [assigneeId]);
  const message = await getMessageView(tx, messageId);
  const conversation = await getConversationView(tx, locked.id);
  if (!message || !conversation) throw new Error('stored message vanished inside its transaction');
  const alert = check.matches.some((m) => m.action === 'alert') ? sensitiveAlert(conversation, message, check) : undefined;
  return { message, conversation, previousAssigneeId: locked.assigneeId, created: true, alert };
}

async function replayDuplicate(db: Queryable, user: Viewer, input: AgentSend): Promise<MessageChange | null> {
  const existing = await findMessageByClientId(db, input.clientId);
  if (!existing) return null;
  if (existing.accountId !== user.accountId || existing.conversationId !== input.conversationId || existing.senderId !== user.id) {
    throw new AppError('conflict', 'this client id was already used for another message');
  }
  const conversation = await getConversationView(db, existing.conversationId);
  if (!conversation) throw new AppError('not_found', 'conversation not found');
  return { message: existing, conversation, previousAssigneeId: conversation.assigneeId, created: false };
}
