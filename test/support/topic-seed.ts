import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../server/db/db';

export type SeedLine = { from: 'contact' | 'agent' | 'bot'; body: string; at: Date };

/** A customer's conversation on the account's widget with the lines given (stored as they are, not through the desk). */
export async function seedConversation(
  db: Queryable, accountId: string, contactName: string, lines: readonly SeedLine[], assigneeId: string | null = null,
): Promise<{ conversationId: string; messageIds: string[] }> {
  const [channel] = await db.query<{ id: string }>("SELECT id FROM channels WHERE account_id = $1 AND kind = 'widget' ORDER BY id LIMIT 1", [accountId]);
  const contactId = randomUUID();
  const conversationId = randomUUID();
  const seq = async () => Number((await db.query<{ seq: string }>('SELECT next_change_seq($1) AS seq', [accountId]))[0]!.seq);
  const last = lines[lines.length - 1]!;
  await db.query('INSERT INTO contacts (id, account_id, name) VALUES ($1, $2, $3)', [contactId, accountId, contactName]);
  await db.query(
    `INSERT INTO conversations (id, account_id, channel_id, contact_id, status, assignee_id, seq, last_message_at, last_message_preview, created_at)
     VALUES ($1, $2, $3, $4, 'resolved', $5, $6, $7, $8, $9)`,
    [conversationId, accountId, channel!.id, contactId, assigneeId, await seq(), last.at, last.body.slice(0, 80), lines[0]!.at],
  );
  const messageIds: string[] = [];
  for (const line of lines) {
    const id = randomUUID();
    messageIds.push(id);
    await db.query(
      'INSERT INTO messages (id, account_id, conversation_id, seq, sender_type, sender_id, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [id, accountId, conversationId, await seq(), line.from, line.from === 'contact' ? contactId : null, line.body, line.at],
    );
  }
  return { conversationId, messageIds };
}
