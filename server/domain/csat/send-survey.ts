import { randomUUID } from 'node:crypto';
import type { CsatChannelKind } from '../../../shared/csat';
import { csatChannelKinds } from '../../../shared/csat';
import { systemLines } from '../../../shared/system-lines';
import type { Db, Queryable } from '../../db/db';
import { nextSeq } from '../../db/sequence';
import { getConversationView } from '../conversations/conversation-repository';
import type { MessageChange } from '../conversations/message-change';
import { getMessageView, insertMessage } from '../conversations/message-repository';
import { readCsatSettings } from './csat-settings';
import { newSurveyToken } from './survey-link';

const DAY_MS = 86_400_000;

/** Whether a text is mostly written in Chinese (CJK ideographs): the question follows the customer's language. */
const CHINESE = /[\u3400-\u9fff]/u;

/** zh when the customer's latest messages in the conversation are Chinese, else en. */
async function customerLanguage(db: Queryable, conversationId: string): Promise<'zh' | 'en'> {
  const rows = await db.query<{ body: string }>(
    "SELECT body FROM messages WHERE conversation_id = $1 AND sender_type = 'contact' ORDER BY seq DESC LIMIT 5",
    [conversationId],
  );
  return rows.some((r) => CHINESE.test(r.body)) ? 'zh' : 'en';
}

type Target = { account_id: string; status: string; channel_id: string; kind: string; assignee_id: string | null; group_id: string | null };

/**
 * After an agent resolved a conversation: when the account's survey is on for its channel kind,
 * stores the survey (one per conversation, never a second) as a line in the thread the customer
 * gets (the delivery queue turns it into buttons or a signed link per platform; the widget shows
 * stars) and the request reports read. Returns the stored line to publish, or null when nothing
 * was sent (surveys off, channel not asking, not resolved, already asked).
 */
export async function sendSurveyAfterResolve(db: Db, conversationId: string, now: number): Promise<MessageChange | null> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<Target>(
      `SELECT c.account_id, c.status, c.channel_id, ch.kind, c.assignee_id, c.group_id
       FROM conversations c JOIN channels ch ON ch.id = c.channel_id WHERE c.id = $1 FOR UPDATE OF c`,
      [conversationId],
    );
    const target = rows[0];
    if (!target || target.status !== 'resolved') return null;
    if (!(csatChannelKinds as readonly string[]).includes(target.kind)) return null;
    const settings = await readCsatSettings(tx, target.account_id);
    if (!settings.enabled || !settings.channelKinds.includes(target.kind as CsatChannelKind)) return null;
    const asked = await tx.query('SELECT 1 FROM csat_requests WHERE conversation_id = $1', [conversationId]);
    if (asked.length > 0) return null;

    const language = await customerLanguage(tx, conversationId);
    const question = language === 'zh' ? settings.questionZh : settings.questionEn;
    const messageId = randomUUID();
    await insertMessage(tx, {
      id: messageId, accountId: target.account_id, conversationId, seq: await nextSeq(tx, target.account_id),
      senderType: 'system', senderId: null, body: question, system: systemLines.csatSurvey(), clientId: null, internal: false,
    });
    await tx.query('UPDATE conversations SET seq = $2 WHERE id = $1', [conversationId, await nextSeq(tx, target.account_id)]);
    await tx.query(
      `INSERT INTO csat_requests (id, account_id, conversation_id, token, message_id, channel_id, channel_kind, agent_id, group_id, language, sent_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [randomUUID(), target.account_id, conversationId, newSurveyToken(), messageId, target.channel_id, target.kind, target.assignee_id,
        target.group_id, language, new Date(now), new Date(now + settings.linkValidDays * DAY_MS)],
    );
    const message = await getMessageView(tx, messageId);
    const conversation = await getConversationView(tx, conversationId);
    if (!message || !conversation) throw new Error('stored survey vanished inside its transaction');
    return { message, conversation, previousAssigneeId: conversation.assigneeId, created: true };
  });
}
