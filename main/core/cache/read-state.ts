import { UNREAD_SQL } from './inbox-rows';
import type { SqlWriter } from './sqlite';

/** How far this agent has read each thread (table `read_state` of migration 0005). */

type Reader = Pick<SqlWriter, 'get'>;

/**
 * Moves the read mark of a thread to its newest cached message (never backwards). Answers whether
 * the mark moved.
 */
export async function markThreadRead(tx: SqlWriter, conversationId: string): Promise<boolean> {
  const { changes } = await tx.run(
    `INSERT INTO read_state (conversation_id, last_read_seq)
       SELECT ?, MAX(seq) AS newest FROM messages WHERE conversation_id = ? HAVING newest IS NOT NULL
     ON CONFLICT (conversation_id) DO UPDATE SET last_read_seq = excluded.last_read_seq
       WHERE excluded.last_read_seq > read_state.last_read_seq`,
    [conversationId, conversationId],
  );
  return changes > 0;
}

/** The read mark of a thread (0 when never read). */
export async function readMark(db: Reader, conversationId: string): Promise<number> {
  const row = await db.get<{ seq: number }>('SELECT last_read_seq AS seq FROM read_state WHERE conversation_id = ?', [conversationId]);
  return row?.seq ?? 0;
}

/**
 * The badge: unread customer messages in this agent's open conversations (assigned to them, or
 * offered to them and waiting for their answer). Colleagues' and unassigned chats do not count.
 */
export async function badgeCount(db: Reader, userId: string): Promise<number> {
  const row = await db.get<{ n: number }>(
    `SELECT COALESCE(SUM(${UNREAD_SQL}), 0) AS n
     FROM conversations c LEFT JOIN read_state r ON r.conversation_id = c.id
     WHERE c.access = 'full' AND json_extract(c.data, '$.status') = 'open'
       AND (json_extract(c.data, '$.assigneeId') = ?
         OR (json_extract(c.data, '$.routingState') = 'offered' AND json_extract(c.data, '$.offeredToId') = ?))`,
    [userId, userId],
  );
  return row?.n ?? 0;
}
