import { AppError } from '../../../shared/errors';
import type { Db, Queryable } from '../../db/db';
import { nextSeq } from '../../db/sequence';
import { getConversationView, lockConversation, type LockedConversation } from '../conversations/conversation-repository';
import type { ConversationChange } from '../conversations/message-change';
import { loadMember } from '../conversations/member-repository';
import { canAct, type Viewer } from '../conversations/permissions';
import { actRefusal } from '../conversations/refusals';
import { conversationTagIds, getConversationTags } from './tag-repository';
import { planTagChange } from './tag-rules';

/**
 * Makes a locked conversation's tags `tagIds` (see planTagChange), recording who added each and
 * when. Answers whether anything changed; the caller gives the conversation a new seq if so.
 */
export async function applyConversationTags(tx: Queryable, user: Viewer, conversation: LockedConversation, tagIds: readonly string[]): Promise<boolean> {
  const current = await conversationTagIds(tx, conversation.id);
  const known = await getConversationTags(tx, conversation.accountId, [...new Set([...current, ...tagIds])]);
  const { add, remove } = planTagChange(known, current, tagIds);
  if (remove.length > 0) await tx.query('DELETE FROM conversation_tag_links WHERE conversation_id = $1 AND tag_id = ANY($2::text[])', [conversation.id, remove]);
  for (const tagId of add) {
    await tx.query('INSERT INTO conversation_tag_links (conversation_id, tag_id, account_id, added_by) VALUES ($1, $2, $3, $4)', [
      conversation.id, tagId, conversation.accountId, user.id,
    ]);
  }
  return add.length > 0 || remove.length > 0;
}

/** Locks a conversation `user` may act on (canAct), refusing as the other conversation requests do. */
export async function lockActionable(tx: Queryable, user: Viewer, conversationId: string): Promise<LockedConversation> {
  const locked = await lockConversation(tx, conversationId);
  if (!locked || locked.accountId !== user.accountId) throw new AppError('not_found', 'conversation not found');
  if (!canAct(await loadMember(tx, user), locked)) throw await actRefusal(tx, locked);
  return locked;
}

/**
 * Sets a conversation's tags (reason, outcome, other) for whoever may act on it, open or resolved.
 * A change gives the conversation a new seq, so every desktop that sees it syncs the tags.
 */
export async function setConversationTags(db: Db, user: Viewer, conversationId: string, tagIds: readonly string[]): Promise<ConversationChange> {
  return db.transaction(async (tx) => {
    const locked = await lockActionable(tx, user, conversationId);
    const created = await applyConversationTags(tx, user, locked, tagIds);
    if (created) await tx.query('UPDATE conversations SET seq = $2 WHERE id = $1', [locked.id, await nextSeq(tx, user.accountId)]);
    const conversation = await getConversationView(tx, locked.id);
    if (!conversation) throw new Error('locked conversation vanished inside its transaction');
    return { conversation, previousAssigneeId: locked.assigneeId, created };
  });
}
