import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/db';
import { nextSeq } from '../../db/sequence';
import { insertMessage } from '../conversations/message-repository';
import { groupByKeywords, handoffNotice, scriptOf, summarize } from './classify';
import { queueOrPending } from './entry';
import { loadGroups } from './routing-repository';

export type BotHandoff = { conversationId: string; accountId: string; groupId: string | null; now: number };

/**
 * Takes a conversation from the bot to the queue (or leaves it pending until its group's hours
 * begin): its group (kept, else chosen by keywords in what the customer wrote), a one-line
 * summary of the customer's messages, and a notice to the customer. The caller holds the
 * conversation's row lock. Returns the notice's message id.
 */
export async function handOffFromBot(tx: Queryable, h: BotHandoff): Promise<string> {
  const transcript = await tx.query<{ body: string }>(
    "SELECT body FROM messages WHERE conversation_id = $1 AND sender_type = 'contact' ORDER BY seq",
    [h.conversationId],
  );
  const bodies = transcript.map((m) => m.body);
  const groups = await loadGroups(tx, h.accountId);
  const groupId = h.groupId ?? groupByKeywords(bodies.join('\n'), groups);
  const next = queueOrPending(groupId, groups, h.now, scriptOf(bodies.join('')));
  await tx.query(
    'UPDATE conversations SET routing_state = $2, group_id = $3, summary = $4, waiting_since = $5 WHERE id = $1',
    [h.conversationId, next.routingState, groupId, summarize(bodies.filter((b) => !isBareChoice(b))), new Date(h.now)],
  );
  const noticeId = randomUUID();
  await insertMessage(tx, {
    id: noticeId, accountId: h.accountId, conversationId: h.conversationId, seq: await nextSeq(tx, h.accountId),
    senderType: 'system', senderId: null, body: next.notice ?? handoffNotice(next.lang), clientId: null,
  });
  return noticeId;
}

/** A reply that only picked one of the bot's numbered options ("1", "2"): not worth a summary. */
function isBareChoice(body: string): boolean {
  return /^\s*[1-9]\s*$/.test(body.normalize('NFKC'));
}
