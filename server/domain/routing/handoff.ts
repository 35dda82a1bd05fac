import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { systemLines } from '../../../shared/system-lines';
import type { Db, Queryable } from '../../db/db';
import { nextSeq } from '../../db/sequence';
import { getConversationView, lockConversation, type LockedConversation } from '../conversations/conversation-repository';
import type { ConversationChange } from '../conversations/message-change';
import { getMessageView, insertMessage } from '../conversations/message-repository';
import type { Viewer } from '../conversations/permissions';
import { reassignedError, resolvedError } from '../conversations/refusals';
import { loadSettings } from './routing-repository';
import { lockAccountForRouting, recordPass } from './routing-moves-repository';

const isStaff = (user: Viewer) => user.role === 'supervisor' || user.role === 'admin';

async function lockFor(tx: Queryable, user: Viewer, conversationId: string): Promise<LockedConversation> {
  const locked = await lockConversation(tx, conversationId);
  if (!locked || locked.accountId !== user.accountId) throw new AppError('not_found', 'conversation not found');
  if (locked.status === 'resolved') throw resolvedError();
  return locked;
}

async function changed(tx: Queryable, locked: LockedConversation, messageId?: string): Promise<ConversationChange> {
  const conversation = await getConversationView(tx, locked.id);
  const message = messageId ? await getMessageView(tx, messageId) : null;
  if (!conversation || (messageId && !message)) throw new Error('locked conversation vanished inside its transaction');
  return { conversation, ...(message ? { message } : {}), previousAssigneeId: locked.assigneeId, created: true };
}

async function unchanged(tx: Queryable, locked: LockedConversation): Promise<ConversationChange> {
  return { ...(await changed(tx, locked)), created: false };
}

const notOffered = () => new AppError('forbidden', 'This conversation is not offered to you.');

/**
 * Takes a conversation offered to `user`. Only the agent it is offered to may, and only before
 * the offer runs out; accepting one already theirs answers it as it is.
 */
export async function acceptOffer(db: Db, user: Viewer, conversationId: string, now: number): Promise<ConversationChange> {
  return db.transaction(async (tx) => {
    const locked = await lockFor(tx, user, conversationId);
    if (locked.assigneeId === user.id) return unchanged(tx, locked);
    if (locked.assigneeId !== null) throw await reassignedError(tx, locked);
    if (locked.routingState !== 'offered' || locked.offeredToId !== user.id) throw notOffered();
    if (locked.offerExpiresAt !== null && locked.offerExpiresAt <= now) {
      throw new AppError('conflict', 'The offer ran out before you accepted it; the conversation went back to the queue.');
    }
    const seq = await nextSeq(tx, user.accountId);
    await tx.query(
      `UPDATE conversations SET seq = $2, assignee_id = $3, routing_state = 'assigned', offered_to = NULL,
         offer_expires_at = NULL, waiting_since = NULL, assigned_at = now() WHERE id = $1`,
      [locked.id, seq, user.id],
    );
    await tx.query('UPDATE users SET last_assigned_at = $2 WHERE id = $1', [user.id, new Date(now)]);
    return changed(tx, locked);
  });
}

/**
 * Passes an offered conversation back to the queue; this agent is passed over for it for the
 * re-offer cool-down, and after that only when nobody else is online for its group.
 */
export async function declineOffer(db: Db, user: Viewer, conversationId: string, now: number): Promise<ConversationChange> {
  return db.transaction(async (tx) => {
    const locked = await lockFor(tx, user, conversationId);
    if (locked.routingState !== 'offered' || locked.offeredToId !== user.id) throw notOffered();
    await recordPass(tx, locked.id, user.id, 'declined', new Date(now));
    const seq = await nextSeq(tx, user.accountId);
    await tx.query(
      `UPDATE conversations SET seq = $2, routing_state = 'queued', offered_to = NULL, offer_expires_at = NULL WHERE id = $1`,
      [locked.id, seq],
    );
    return changed(tx, locked);
  });
}

export type TransferInput = { conversationId: string; toUserId?: string; toGroupId?: string; note: string };

/**
 * Hands a conversation to a colleague (offered to them, to accept or decline as usual) or to a
 * skill group (queued there), leaving an internal note in the thread that only agents see. The
 * assignee may transfer their conversation; supervisors and admins any.
 */
export async function transferConversation(db: Db, user: Viewer, input: TransferInput, now: number): Promise<ConversationChange> {
  return db.transaction(async (tx) => {
    const locked = await lockFor(tx, user, input.conversationId);
    if (!isStaff(user) && locked.assigneeId !== user.id) {
      if (locked.assigneeId !== null) throw await reassignedError(tx, locked);
      throw new AppError('forbidden', 'Only the agent who has this conversation, or a supervisor, can transfer it.');
    }
    let targetName: string;
    // The note's number, then the conversation's: taken before the row's one UPDATE (a second UPDATE
    // in the transaction would check its foreign keys again, share-locking the contact that a
    // customer's message locks before the conversation: a deadlock).
    let noteSeq = 0;
    let conversationSeq = 0;
    const takeSeqs = async () => {
      noteSeq = await nextSeq(tx, user.accountId);
      conversationSeq = await nextSeq(tx, user.accountId);
    };
    if (input.toUserId !== undefined) {
      const rows = await tx.query<{ id: string; name: string; role: string; presence: string; connected: boolean }>(
        `SELECT id, name, role, presence, disconnected_at IS NULL AS connected FROM users WHERE id = $1 AND account_id = $2`,
        [input.toUserId, user.accountId],
      );
      const target = rows[0];
      if (!target) throw new AppError('not_found', 'There is no such colleague in your team.');
      if (target.id === locked.assigneeId) throw new AppError('bad_request', `This conversation is already with ${target.name}.`);
      if (target.presence === 'offline' || !target.connected) {
        throw new AppError('conflict', `${target.name} is offline; transfer to someone online or to a group.`, { agentName: target.name });
      }
      // An offer changes the colleague's load: not while a routing run is counting it (it would
      // offer them a chat for a seat this one takes).
      await lockAccountForRouting(tx, user.accountId);
      const settings = await loadSettings(tx, user.accountId);
      const expires = new Date(now + (settings?.acceptTimeoutSeconds ?? 30) * 1000);
      await tx.query('DELETE FROM routing_declines WHERE conversation_id = $1 AND user_id = $2', [locked.id, target.id]);
      await takeSeqs();
      await tx.query(
        `UPDATE conversations SET assignee_id = NULL, routing_state = 'offered', offered_to = $2, offer_expires_at = $3,
           waiting_since = $4, seq = $5 WHERE id = $1`,
        [locked.id, target.id, expires, new Date(now), conversationSeq],
      );
      targetName = target.name;
    } else {
      const rows = await tx.query<{ id: string; name: string }>('SELECT id, name FROM skill_groups WHERE id = $1 AND account_id = $2', [
        input.toGroupId,
        user.accountId,
      ]);
      const group = rows[0];
      if (!group) throw new AppError('not_found', 'There is no such group in your team.');
      // A new group is a fresh start: whoever declined it before may take it now.
      await tx.query('DELETE FROM routing_declines WHERE conversation_id = $1', [locked.id]);
      await takeSeqs();
      await tx.query(
        `UPDATE conversations SET assignee_id = NULL, routing_state = 'queued', group_id = $2, offered_to = NULL,
           offer_expires_at = NULL, waiting_since = $3, seq = $4 WHERE id = $1`,
        [locked.id, group.id, new Date(now), conversationSeq],
      );
      targetName = group.name;
    }
    const noteId = randomUUID();
    await insertMessage(tx, {
      id: noteId,
      accountId: user.accountId,
      conversationId: locked.id,
      seq: noteSeq,
      senderType: 'agent',
      senderId: user.id,
      body: input.note ? `→ ${targetName}: ${input.note}` : `→ ${targetName}`,
      clientId: null,
      internal: true,
      system: systemLines.transfer(targetName, input.note),
    });
    return changed(tx, locked, noteId);
  });
}
