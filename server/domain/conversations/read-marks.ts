import type { MessageDeliveryPush } from '../../../shared/channels';
import { AppError } from '../../../shared/errors';
import type { Queryable } from '../../db/db';
import type { DomainEvents } from '../events';
import type { MessageDeliveryRow } from './message-deliveries';
import { toDelivery } from './message-repository';
import { getConversationAccess } from './conversation-repository';
import { loadMember } from './member-repository';
import { canRead, type Viewer } from './permissions';

/**
 * Read marks on the widget, both ways. An agent's read moves the conversation's `agent_read_seq`
 * (the customer sees their messages up to there as read); the customer's read marks each agent or
 * bot reply shown to them as delivered-and-read in `channel_deliveries`, the rows the desktop
 * already reads for platform channels. Marks only move forward.
 */

/** Where one customer's conversations on one widget channel stand: the newest mark of an agent's read. */
export async function agentReadUpTo(db: Queryable, contactId: string, channelId: string): Promise<number> {
  const rows = await db.query<{ seq: string | number | null }>(
    'SELECT MAX(agent_read_seq) AS seq FROM conversations WHERE contact_id = $1 AND channel_id = $2',
    [contactId, channelId],
  );
  return Number(rows[0]?.seq ?? 0);
}

/**
 * `viewer` read the conversation up to `seq` (never past its newest message). Tells the customer
 * (`conversation.read`) when the mark moved; `not_found`/`forbidden` when the viewer may not read it.
 */
export async function markReadByAgent(db: Queryable, events: DomainEvents, viewer: Viewer, conversationId: string, seq: number): Promise<void> {
  const access = await getConversationAccess(db, conversationId);
  if (!access || access.accountId !== viewer.accountId) throw new AppError('not_found', 'conversation not found');
  if (!canRead(await loadMember(db, viewer), access)) {
    throw new AppError('forbidden', 'this conversation is assigned to someone else');
  }
  const moved = await db.query<{ channel_id: string; contact_id: string; agent_read_seq: string | number }>(
    `UPDATE conversations c
        SET agent_read_seq = LEAST($2::bigint, (SELECT COALESCE(MAX(m.seq), 0) FROM messages m WHERE m.conversation_id = c.id))
      WHERE c.id = $1
        AND c.agent_read_seq < LEAST($2::bigint, (SELECT COALESCE(MAX(m.seq), 0) FROM messages m WHERE m.conversation_id = c.id))
      RETURNING c.channel_id, c.contact_id, c.agent_read_seq`,
    [conversationId, seq],
  );
  const mark = moved[0];
  if (!mark) return;
  await events.emit({ type: 'conversation.read', channelId: mark.channel_id, contactId: mark.contact_id, upToSeq: Number(mark.agent_read_seq) });
}

/**
 * The customer's widget showed them their conversation up to `upToSeq`: every agent or bot reply
 * up to there not yet marked is marked read, and those who may read the conversation are told
 * (`delivery.changed`), as for a platform's read receipt.
 */
export async function markReadByContact(
  db: Queryable,
  events: DomainEvents,
  contact: { accountId: string; channelId: string; contactId: string },
  upToSeq: number,
  now: number,
): Promise<number> {
  const rows = await db.query<MessageDeliveryRow>(
    `INSERT INTO channel_deliveries (message_id, account_id, channel_id, conversation_id, seq, status, created_at, updated_at)
     SELECT m.id, m.account_id, c.channel_id, m.conversation_id, m.seq, 'read', $5, $5
       FROM messages m JOIN conversations c ON c.id = m.conversation_id
      WHERE c.contact_id = $1 AND c.channel_id = $2 AND c.account_id = $3 AND m.seq <= $4
        AND m.sender_type IN ('agent', 'bot') AND NOT m.internal
     ON CONFLICT (message_id) DO NOTHING
     RETURNING message_id, conversation_id, status AS delivery_status, last_error AS delivery_error,
               attempts AS delivery_attempts, updated_at AS delivery_updated_at`,
    [contact.contactId, contact.channelId, contact.accountId, upToSeq, new Date(now)],
  );
  if (rows.length === 0) return 0;
  const conversations = await db.query<{ id: string; assignee_id: string | null }>(
    'SELECT id, assignee_id FROM conversations WHERE id = ANY($1::text[])',
    [[...new Set(rows.map((r) => r.conversation_id))]],
  );
  const assignee = new Map(conversations.map((c) => [c.id, c.assignee_id]));
  for (const row of rows) {
    const delivery: MessageDeliveryPush = { conversationId: row.conversation_id, messageId: row.message_id, delivery: toDelivery(row) };
    await events.emit({ type: 'delivery.changed', accountId: contact.accountId, assigneeId: assignee.get(row.conversation_id) ?? null, delivery });
  }
  return rows.length;
}
