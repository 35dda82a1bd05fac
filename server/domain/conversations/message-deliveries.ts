import type { MessageDeliveryPush } from '../../../shared/channels';
import type { Queryable } from '../../db/db';
import { toDelivery } from './message-repository';
import { ACCESS_COLUMNS, toAccess, type AccessRow } from './conversation-repository';
import { loadMember } from './member-repository';
import { canRead, type Viewer } from './permissions';

/** One message's `channel_deliveries` row, with the columns named as `toDelivery` reads them. */
export type MessageDeliveryRow = {
  message_id: string;
  conversation_id: string;
  delivery_status: string;
  delivery_error: string | null;
  delivery_attempts: number | string;
  delivery_updated_at: Date | string;
};

type DeliveryRow = MessageDeliveryRow & AccessRow;

/**
 * The current delivery of each of these messages that went out on a platform channel, for the
 * conversations `viewer` may read now (others, and ids without a delivery, are left out).
 */
export async function listDeliveries(db: Queryable, viewer: Viewer, messageIds: readonly string[]): Promise<MessageDeliveryPush[]> {
  if (messageIds.length === 0) return [];
  const rows = await db.query<DeliveryRow>(
    `SELECT d.message_id, d.conversation_id, d.status AS delivery_status, d.last_error AS delivery_error,
            d.attempts AS delivery_attempts, d.updated_at AS delivery_updated_at, ${ACCESS_COLUMNS}
     FROM channel_deliveries d JOIN conversations c ON c.id = d.conversation_id
     WHERE d.message_id = ANY($1::text[]) AND d.account_id = $2`,
    [[...messageIds], viewer.accountId],
  );
  const member = await loadMember(db, viewer);
  return rows
    .filter((row) => canRead(member, toAccess(row)))
    .map((row) => ({ conversationId: row.conversation_id, messageId: row.message_id, delivery: toDelivery(row) }));
}
