import type { ConversationView } from '../conversations/conversation-repository';
import type { MessageWithAccess, MessageView } from '../conversations/message-repository';
import { canRead, type Member } from '../conversations/permissions';

/**
 * What the account's sequence says when a page is read: `seq`, the number up to which every change
 * has committed (or never will); `handed`, the last number handed out; `floor`, the oldest cursor
 * still served.
 */
export type SyncHead = { seq: number; handed: number; floor: number };

/** One changed row of the account, as listed by sequence number. */
export type ChangedRow = { kind: 'c' | 'm'; id: string; seq: number };

/**
 * Whether a cursor can be synced from. A cursor newer than the server's sequence belongs to
 * another database (or one restored from a backup); one older than the floor may miss pruned
 * changes. Both must start again from 0. Syncing from 0 is always complete: it lists the current
 * state of everything, so it never resets (otherwise a client could never recover).
 */
export function needsReset(after: number, head: SyncHead): boolean {
  if (after > head.handed) return true;
  return after > 0 && after < head.floor;
}

/**
 * Where the next page starts. A short page reached the head: every change up to it has been
 * listed. A full page may have more behind it: resume after its last row. A cursor is never
 * moved back (a transaction still in flight can hold the head below a number already seen).
 */
export function pageCursor(rows: readonly ChangedRow[], limit: number, head: SyncHead, after = 0): { cursor: number; hasMore: boolean } {
  const last = rows[rows.length - 1];
  if (rows.length < limit || !last) return { cursor: Math.max(after, head.seq), hasMore: false };
  return { cursor: last.seq, hasMore: true };
}

export type RemovedConversation = { conversationId: string; seq: number };

export type VisibleChanges = {
  conversations: ConversationView[];
  messages: MessageView[];
  removed: RemovedConversation[];
};

/**
 * Sorts loaded changes by what the viewer may read now. A changed conversation they cannot read
 * becomes a removal carrying only its id and seq; a message is theirs only if its conversation is
 * readable as it is now. Everything comes out in sequence order.
 */
export function splitByAccess(
  viewer: Member,
  conversations: readonly ConversationView[],
  messages: readonly MessageWithAccess[],
): VisibleChanges {
  const result: VisibleChanges = { conversations: [], messages: [], removed: [] };
  for (const conversation of conversations) {
    if (canRead(viewer, conversation)) result.conversations.push(conversation);
    else if (conversation.accountId === viewer.accountId) result.removed.push({ conversationId: conversation.id, seq: conversation.seq });
  }
  for (const { message, access } of messages) {
    if (canRead(viewer, access)) result.messages.push(message);
  }
  const bySeq = (a: { seq: number }, b: { seq: number }) => a.seq - b.seq;
  result.conversations.sort(bySeq);
  result.messages.sort(bySeq);
  result.removed.sort(bySeq);
  return result;
}
