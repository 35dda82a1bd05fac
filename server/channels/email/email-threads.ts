import type { Queryable } from '../../db/db';

/** How many Message-IDs a thread keeps for References: mail programs thread fine on the recent ones. */
const KEEP_IDS = 30;

export type EmailThread = { subject: string; messageIds: string[]; lastInboundId: string | null };

type ThreadRow = { subject: string; message_ids: unknown; last_inbound_id: string | null };

const ids = (value: unknown): string[] => {
  const parsed = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
};

export async function findEmailThread(db: Queryable, conversationId: string): Promise<EmailThread | null> {
  const rows = await db.query<ThreadRow>('SELECT subject, message_ids, last_inbound_id FROM email_threads WHERE conversation_id = $1', [conversationId]);
  const row = rows[0];
  return row ? { subject: row.subject, messageIds: ids(row.message_ids), lastInboundId: row.last_inbound_id } : null;
}

/**
 * Adds a customer's email to its conversation's thread. A conversation's first email names the
 * thread: the subject of an earlier thread on the channel it replies to (In-Reply-To/References),
 * else its own subject.
 */
export async function recordInboundEmail(
  db: Queryable,
  m: { conversationId: string; channelId: string; subject: string; messageId: string; references: string[] },
): Promise<void> {
  const current = await findEmailThread(db, m.conversationId);
  let subject = current?.subject;
  if (!subject) {
    const earlier = m.references.length === 0 ? [] : await db.query<{ subject: string }>(
      `SELECT t.subject FROM email_threads t JOIN conversations c ON c.id = t.conversation_id
       WHERE c.channel_id = $1 AND t.message_ids ?| $2::text[] ORDER BY c.created_at DESC LIMIT 1`,
      [m.channelId, m.references],
    );
    subject = earlier[0]?.subject ?? m.subject;
  }
  const messageIds = [...(current?.messageIds ?? m.references), m.messageId].filter((id, i, all) => all.indexOf(id) === i).slice(-KEEP_IDS);
  await db.query(
    `INSERT INTO email_threads (conversation_id, subject, message_ids, last_inbound_id) VALUES ($1, $2, $3::jsonb, $4)
     ON CONFLICT (conversation_id) DO UPDATE SET message_ids = excluded.message_ids, last_inbound_id = excluded.last_inbound_id`,
    [m.conversationId, subject, JSON.stringify(messageIds), m.messageId],
  );
}

/** Adds one of our replies to the thread, so the customer's next reply references it. */
export async function recordOutboundEmail(db: Queryable, conversationId: string, subject: string, messageId: string): Promise<void> {
  const current = await findEmailThread(db, conversationId);
  const messageIds = [...(current?.messageIds ?? []), messageId].slice(-KEEP_IDS);
  await db.query(
    `INSERT INTO email_threads (conversation_id, subject, message_ids) VALUES ($1, $2, $3::jsonb)
     ON CONFLICT (conversation_id) DO UPDATE SET message_ids = excluded.message_ids`,
    [conversationId, subject, JSON.stringify(messageIds)],
  );
}
