import { randomUUID } from 'node:crypto';
import type { CsatVia } from '../../../shared/csat';
import { AppError } from '../../../shared/errors';
import { systemLines } from '../../../shared/system-lines';
import type { Db, Queryable } from '../../db/db';
import { nextSeq } from '../../db/sequence';
import { getConversationView } from '../conversations/conversation-repository';
import type { MessageChange } from '../conversations/message-change';
import { getMessageView, insertMessage } from '../conversations/message-repository';

const DAY_MS = 86_400_000;

/** Which survey an answer is for: by the token its buttons or link carry, or (widget) by its line in the thread. */
export type SurveyRef =
  | { token: string; channelId?: string }
  | { messageId: string; contactId: string; channelId: string };

export type SurveyAnswer = {
  rating: number;
  comment: string | null;
  via: CsatVia;
  /** The platform's id of this answer (callback query, WhatsApp message): the same id again changes nothing. */
  sourceId: string | null;
  now: number;
};

/** `stored`: the first answer; `changed`: it replaced an earlier one; `unchanged`: the same answer again. */
export type AnswerOutcome = { status: 'stored' | 'changed' | 'unchanged'; change: MessageChange | null; language: 'zh' | 'en' };

type RequestRow = {
  id: string; account_id: string; conversation_id: string; channel_id: string; channel_kind: string;
  agent_id: string | null; group_id: string | null; sent_at: Date | string; expires_at: Date | string; contact_id: string; language: 'zh' | 'en';
};

type AnswerRow = { rating: number; comment: string | null; source_id: string | null };

export const surveyInvalid = () => new AppError('survey_invalid', 'This satisfaction survey does not exist or is not yours.');
export const surveyExpired = () => new AppError('survey_expired', 'This satisfaction survey has closed.');

async function findRequest(tx: Queryable, ref: SurveyRef): Promise<RequestRow | null> {
  const columns = `r.id, r.account_id, r.conversation_id, r.channel_id, r.channel_kind, r.agent_id, r.group_id, r.sent_at, r.expires_at, c.contact_id, r.language`;
  if ('token' in ref) {
    const rows = await tx.query<RequestRow>(
      `SELECT ${columns} FROM csat_requests r JOIN conversations c ON c.id = r.conversation_id WHERE r.token = $1`,
      [ref.token],
    );
    const row = rows[0];
    return row && (ref.channelId === undefined || row.channel_id === ref.channelId) ? row : null;
  }
  const rows = await tx.query<RequestRow>(
    `SELECT ${columns} FROM csat_requests r JOIN conversations c ON c.id = r.conversation_id
     WHERE r.message_id = $1 AND c.contact_id = $2 AND r.channel_id = $3`,
    [ref.messageId, ref.contactId, ref.channelId],
  );
  return rows[0] ?? null;
}

/**
 * Records a customer's answer to a survey. One answer counts per conversation: a new one replaces
 * rating and comment (the customer changed their mind) until the survey expires, whatever
 * happened to the conversation meanwhile (a late answer is kept and marked `late`). Each stored or
 * changed answer writes an agents-only line in the thread, which the desktops sync and cache.
 * Refuses an unknown token, or a survey of another customer or channel, with `survey_invalid`,
 * and an expired one with `survey_expired`.
 */
export async function answerSurvey(db: Db, ref: SurveyRef, answer: SurveyAnswer): Promise<AnswerOutcome> {
  return db.transaction(async (tx) => {
    const request = await findRequest(tx, ref);
    if (!request) throw surveyInvalid();
    if (new Date(request.expires_at).getTime() <= answer.now) throw surveyExpired();
    // Serialises answers to one conversation (and takes the sequence numbers in order).
    await tx.query('SELECT id FROM conversations WHERE id = $1 FOR UPDATE', [request.conversation_id]);
    const existing = (await tx.query<AnswerRow>('SELECT rating, comment, source_id FROM csat_answers WHERE conversation_id = $1', [request.conversation_id]))[0];
    const comment = answer.comment?.trim() ? answer.comment.trim() : null;
    if (existing) {
      const sameSource = answer.sourceId !== null && existing.source_id === answer.sourceId;
      const sameAnswer = Number(existing.rating) === answer.rating && (existing.comment ?? null) === comment;
      if (sameSource || sameAnswer) return { status: 'unchanged', change: null, language: request.language };
    }
    const sentAt = new Date(request.sent_at).getTime();
    const newer = await tx.query(
      'SELECT 1 FROM conversations WHERE contact_id = $1 AND channel_id = $2 AND id <> $3 AND created_at > $4 LIMIT 1',
      [request.contact_id, request.channel_id, request.conversation_id, new Date(sentAt)],
    );
    const late = newer.length > 0 || answer.now - sentAt > DAY_MS;
    const at = new Date(answer.now);
    await tx.query(
      `INSERT INTO csat_answers (conversation_id, request_id, account_id, rating, comment, via, agent_id, group_id, channel_id, channel_kind,
         first_answered_at, answered_at, changes, late, source_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, 0, $12, $13)
       ON CONFLICT (conversation_id) DO UPDATE SET rating = $4, comment = $5, via = $6, answered_at = $11,
         changes = csat_answers.changes + 1, late = $12, source_id = $13`,
      [request.conversation_id, request.id, request.account_id, answer.rating, comment, answer.via, request.agent_id, request.group_id,
        request.channel_id, request.channel_kind, at, late, answer.sourceId],
    );
    const change = await writeAnswerLine(tx, request, answer.rating, comment, { late, changed: existing !== undefined });
    return { status: existing ? 'changed' : 'stored', change, language: request.language };
  });
}

/** The agents-only line in the thread saying what the customer answered (English body, coded for each reader). */
async function writeAnswerLine(
  tx: Queryable,
  request: RequestRow,
  rating: number,
  comment: string | null,
  flags: { late: boolean; changed: boolean },
): Promise<MessageChange> {
  const id = randomUUID();
  const body = `Customer satisfaction: ${rating}/5${comment ? ` "${comment}"` : ''}${flags.late ? ' (late)' : ''}${flags.changed ? ' (changed)' : ''}`;
  await insertMessage(tx, {
    id, accountId: request.account_id, conversationId: request.conversation_id, seq: await nextSeq(tx, request.account_id),
    senderType: 'system', senderId: null, body, system: systemLines.csatAnswer(rating, comment, flags), clientId: null, internal: true,
  });
  await tx.query('UPDATE conversations SET seq = $2 WHERE id = $1', [request.conversation_id, await nextSeq(tx, request.account_id)]);
  const message = await getMessageView(tx, id);
  const conversation = await getConversationView(tx, request.conversation_id);
  if (!message || !conversation) throw new Error('stored answer line vanished inside its transaction');
  return { message, conversation, previousAssigneeId: conversation.assigneeId, created: true };
}
