import type { CsatView } from '../../../shared/csat';
import { csatViaSchema } from '../../../shared/csat';
import { AppError } from '../../../shared/errors';
import type { Queryable } from '../../db/db';
import { getConversationAccess, toIso } from '../conversations/conversation-repository';
import { loadMember } from '../conversations/member-repository';
import { canRead, type Viewer } from '../conversations/permissions';

type Row = {
  sent_at: Date | string; channel_kind: string;
  rating: number | null; comment: string | null; via: string | null; answered_at: Date | string | null; late: boolean | null; changes: number | null;
};

/**
 * A conversation's survey and the answer that counts, for whoever may read the conversation
 * (canRead: an agent of another group gets `forbidden`); null when no survey was sent.
 */
export async function readCsat(db: Queryable, user: Viewer, conversationId: string): Promise<CsatView | null> {
  const access = await getConversationAccess(db, conversationId);
  if (!access || access.accountId !== user.accountId) throw new AppError('not_found', 'conversation not found');
  if (!canRead(await loadMember(db, user), access)) throw new AppError('forbidden', 'this conversation is assigned to someone else');
  const rows = await db.query<Row>(
    `SELECT r.sent_at, r.channel_kind, a.rating, a.comment, a.via, a.answered_at, a.late, a.changes
     FROM csat_requests r LEFT JOIN csat_answers a ON a.request_id = r.id WHERE r.conversation_id = $1`,
    [conversationId],
  );
  const row = rows[0];
  if (!row) return null;
  const answer = row.rating === null || row.answered_at === null
    ? null
    : {
      rating: Number(row.rating),
      comment: row.comment,
      via: csatViaSchema.parse(row.via),
      answeredAt: toIso(row.answered_at),
      late: row.late === true,
      changes: Number(row.changes ?? 0),
    };
  return { conversationId, sentAt: toIso(row.sent_at), channelKind: row.channel_kind, answer };
}

/** The stars given to each of these survey lines (null: not answered yet); lines that are not surveys are left out. */
export async function surveyRatings(db: Queryable, messageIds: readonly string[]): Promise<Map<string, number | null>> {
  if (messageIds.length === 0) return new Map();
  const rows = await db.query<{ message_id: string; rating: number | null }>(
    `SELECT r.message_id, a.rating FROM csat_requests r LEFT JOIN csat_answers a ON a.request_id = r.id
     WHERE r.message_id = ANY($1::text[])`,
    [messageIds],
  );
  return new Map(rows.map((r) => [r.message_id, r.rating === null ? null : Number(r.rating)]));
}
