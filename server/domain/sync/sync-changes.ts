import type { Contact } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { contactFor } from '../../../shared/pii-mask';
import { getContacts } from '../contacts/contact-repository';
import type { Db } from '../../db/db';
import { getConversationViews, type ConversationView } from '../conversations/conversation-repository';
import { getMessagesWithAccess, type MessageView } from '../conversations/message-repository';
import { loadMember } from '../conversations/member-repository';
import type { Viewer } from '../conversations/permissions';
import { needsReset, pageCursor, splitByAccess, type RemovedConversation } from './sync-paging';
import { listChangedRows, readSyncHead } from './sync-repository';

export type SyncRequest = { after: number; limit: number };

export type SyncPage = {
  conversations: ConversationView[];
  contacts: Contact[];
  messages: MessageView[];
  removed: RemovedConversation[];
  cursor: number;
  hasMore: boolean;
  reset: boolean;
};

const RESET: SyncPage = { conversations: [], contacts: [], messages: [], removed: [], cursor: 0, hasMore: true, reset: true };

/**
 * One page of the changes `viewer` may see after a cursor. The head is read first, then the page
 * from one snapshot taken after it: every change up to the head committed before the snapshot
 * (numbers held by transactions still in flight stay above the head), and the changed rows and
 * their current state agree. Five queries per page, whatever its size: the head, the changed rows
 * (two index ranges merged) and one batched load each for conversations, messages and the
 * contacts of the visible conversations.
 */
export async function syncChanges(db: Db, viewer: Viewer, request: SyncRequest): Promise<SyncPage> {
  const head = await readSyncHead(db, viewer.accountId);
  if (!head) throw new AppError('not_found', 'this account no longer exists');
  if (needsReset(request.after, head)) return { ...RESET };
  return db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const rows = await listChangedRows(tx, viewer.accountId, request.after, head.seq, request.limit);
    const { cursor, hasMore } = pageCursor(rows, request.limit, head, request.after);
    const conversationIds = rows.filter((r) => r.kind === 'c').map((r) => r.id);
    const messageIds = rows.filter((r) => r.kind === 'm').map((r) => r.id);
    // Every listed row lies in (after, cursor]: the loads walk that index range.
    const range = { accountId: viewer.accountId, after: request.after, upTo: cursor };
    const conversations = await getConversationViews(tx, conversationIds, range);
    const messages = await getMessagesWithAccess(tx, messageIds, range);
    const visible = splitByAccess(await loadMember(tx, viewer), conversations, messages);
    // Only the customers of conversations the viewer may read travel with the page, masked as their role needs.
    const contacts = (await getContacts(tx, viewer.accountId, visible.conversations.map((c) => c.contactId))).map((c) =>
      contactFor(viewer.role, c),
    );
    return { ...visible, contacts, cursor, hasMore, reset: false };
  });
}
