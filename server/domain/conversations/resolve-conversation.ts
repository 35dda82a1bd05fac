import type { Db } from '../../db/db';
import { nextSeq } from '../../db/sequence';
import { applyConversationTags, lockActionable } from '../conversation-tags/conversation-tagging';
import { conversationTagIds, getConversationTags, readConversationTagSettings } from '../conversation-tags/tag-repository';
import { requireOutcome } from '../conversation-tags/tag-rules';
import { getConversationView, markResolved } from './conversation-repository';
import type { ConversationChange } from './message-change';
import type { Viewer } from './permissions';

/**
 * Marks a conversation resolved under a new sequence number, for whoever may act on it (canAct).
 * `tagIds`, when given, become its conversation tags first (reason and outcome); when the account
 * requires an outcome, resolving without one is refused with `outcome_required` and nothing
 * changes. Resolving a resolved conversation changes nothing but the tags given and answers it as
 * it is. The assignee stays.
 */
export async function resolveConversation(db: Db, user: Viewer, conversationId: string, tagIds?: readonly string[]): Promise<ConversationChange> {
  return db.transaction(async (tx) => {
    const locked = await lockActionable(tx, user, conversationId);

    let created = tagIds !== undefined && (await applyConversationTags(tx, user, locked, tagIds));
    if (locked.status !== 'resolved') {
      const { requireOutcome: required } = await readConversationTagSettings(tx, user.accountId);
      if (required) {
        const current = await conversationTagIds(tx, locked.id);
        requireOutcome(true, await getConversationTags(tx, user.accountId, current), current);
      }
      await markResolved(tx, locked.id, await nextSeq(tx, user.accountId));
      created = true;
    } else if (created) {
      await tx.query('UPDATE conversations SET seq = $2 WHERE id = $1', [locked.id, await nextSeq(tx, user.accountId)]);
    }
    const conversation = await getConversationView(tx, locked.id);
    if (!conversation) throw new Error('locked conversation vanished inside its transaction');
    return { conversation, previousAssigneeId: locked.assigneeId, created };
  });
}
