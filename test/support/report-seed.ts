import { randomUUID } from 'node:crypto';
import type { Db } from '../../server/db/db';

/** One conversation for the report tests, written straight into the tables the reports read. */
export type ReportSeed = {
  accountId: string;
  channelId: string;
  groupId?: string;
  assigneeId?: string;
  createdAt: Date;
  routingState: 'bot' | 'queued' | 'offered' | 'assigned' | 'pending';
  assignedAt?: Date;
  resolvedAt?: Date;
  leftMessage?: boolean;
  /** Public agent replies. */
  agentReplies?: Date[];
  /** Internal notes by the assignee (not replies). */
  notes?: Date[];
  botTurns?: { at: Date; action: 'answer' | 'handoff'; sentiment: number }[];
  csat?: { rating: number; answeredAt: Date };
  tags?: string[];
  taggedAt?: Date;
};

let seq = 5_000_000;

/**
 * Inserts a contact, the conversation (its customer's first message at `createdAt`), its replies,
 * notes and bot turns, a satisfaction answer and tags. The last message is the latest of them.
 */
export async function seedReportConversation(db: Db, s: ReportSeed): Promise<string> {
  const contactId = randomUUID();
  const id = randomUUID();
  await db.query('INSERT INTO contacts (id, account_id, name) VALUES ($1, $2, $3)', [contactId, s.accountId, `Report customer ${seq}`]);
  const stamps = [s.createdAt, ...(s.agentReplies ?? []), ...(s.notes ?? []), ...(s.botTurns ?? []).map((t) => t.at)];
  const last = new Date(Math.max(...stamps.map((d) => d.getTime())));
  await db.query(
    `INSERT INTO conversations (id, account_id, channel_id, contact_id, status, assignee_id, seq, last_message_at, created_at,
       group_id, routing_state, assigned_at, resolved_at, left_message)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [id, s.accountId, s.channelId, contactId, s.resolvedAt ? 'resolved' : 'open', s.assigneeId ?? null, ++seq, last, s.createdAt,
      s.groupId ?? null, s.routingState, s.assignedAt ?? null, s.resolvedAt ?? null, s.leftMessage ?? false],
  );
  const message = async (senderType: 'contact' | 'agent', at: Date, internal = false) => {
    const messageId = randomUUID();
    await db.query(
      `INSERT INTO messages (id, account_id, conversation_id, seq, sender_type, sender_id, body, created_at, internal)
       VALUES ($1, $2, $3, $4, $5, $6, 'text', $7, $8)`,
      [messageId, s.accountId, id, ++seq, senderType, senderType === 'agent' ? (s.assigneeId ?? null) : null, at, internal],
    );
    return messageId;
  };
  await message('contact', s.createdAt);
  for (const at of s.notes ?? []) await message('agent', at, true);
  for (const at of s.agentReplies ?? []) await message('agent', at);
  for (const turn of s.botTurns ?? []) {
    await db.query(
      `INSERT INTO bot_turns (account_id, conversation_id, action, via, handoff_reason, lang, sentiment, state, created_at)
       VALUES ($1, $2, $3, 'none', $4, 'zh', $5, '{}'::jsonb, $6)`,
      [s.accountId, id, turn.action, turn.action === 'handoff' ? 'upset' : null, turn.sentiment, turn.at],
    );
  }
  if (s.csat) {
    const [channel] = await db.query<{ kind: string }>('SELECT kind FROM channels WHERE id = $1', [s.channelId]);
    const requestId = randomUUID();
    const sentAt = s.resolvedAt ?? s.createdAt;
    await db.query(
      `INSERT INTO csat_requests (id, account_id, conversation_id, token, channel_id, channel_kind, agent_id, group_id, language, sent_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'zh', $9, $9::timestamptz + interval '7 days')`,
      [requestId, s.accountId, id, randomUUID(), s.channelId, channel!.kind, s.assigneeId ?? null, s.groupId ?? null, sentAt],
    );
    await db.query(
      `INSERT INTO csat_answers (conversation_id, request_id, account_id, rating, via, agent_id, group_id, channel_id, channel_kind, first_answered_at, answered_at)
       VALUES ($1, $2, $3, $4, 'link', $5, $6, $7, $8, $9, $9)`,
      [id, requestId, s.accountId, s.csat.rating, s.assigneeId ?? null, s.groupId ?? null, s.channelId, channel!.kind, s.csat.answeredAt],
    );
  }
  for (const tagId of s.tags ?? []) {
    await db.query(
      'INSERT INTO conversation_tag_links (conversation_id, tag_id, account_id, added_by, added_at) VALUES ($1, $2, $3, $4, $5)',
      [id, tagId, s.accountId, s.assigneeId ?? null, s.taggedAt ?? s.createdAt],
    );
  }
  return id;
}
