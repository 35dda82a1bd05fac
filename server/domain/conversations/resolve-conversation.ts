import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/db';
import { nextSeq } from '../../db/sequence';
import { getConversationView, lockConversation, markResolved } from './conversation-repository';
import type { ConversationChange } from './message-change';
import { canAct, type Viewer } from './permissions';
import { loadMember } from './member-repository';
import { actRefusal } from './refusals';

/**
 * Marks a conversation resolved under a new sequence number, for whoever may act on it (canAct). Resolving a
 * resolved conversation changes nothing and answers it as it is. The assignee stays.
 */
export async function resolveConversation(db: Db, user: Viewer, conversationId: string): Promise<ConversationChange> {
  return db.transaction(async (tx) => {
    const locked = await lockConversation(tx, conversationId);
    if (!locked || locked.accountId !== user.accountId) throw new AppError('not_found', 'conversation not found');
    if (!canAct(await loadMember(tx, user), locked)) throw await actRefusal(tx, locked);

    let created = false;
    if (locked.status !== 'resolved') {
      await markResolved(tx, locked.id, await nextSeq(tx, user.accountId));
      created = true;
    }
    const conversation = await getConversationView(tx, locked.id);
    if (!conversation) throw new Error('locked conversation vanished inside its transaction');
    return { conversation, previousAssigneeId: locked.assigneeId, created };
  });
}
