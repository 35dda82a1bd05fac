import { randomUUID } from 'node:crypto';
import type { Lang } from '../../../shared/domain';
import type { Queryable } from '../../db/db';
import { nextSeq } from '../../db/sequence';
import { insertMessage } from '../conversations/message-repository';
import { systemLines } from '../../../shared/system-lines';
import { scriptOf } from './classify';
import { availabilityOf } from './overflow';
import { loadTeam, overflowRules, type GroupInfo } from './routing-repository';

/** The one reply a customer on a platform channel gets when nobody is available: their message is kept. */
export function unavailableNotice(lang: Lang): string {
  return lang === 'zh'
    ? '现在没有客服在线。您的留言已保存，客服上线后会在这里回复您。'
    : 'Nobody is available right now. Your message is kept, and we will answer you here as soon as someone is back.';
}

/**
 * Stores the "nobody available" reply in the conversation, in the language the customer wrote
 * in. It is an ordinary system message, so the delivery queue sends it on the customer's own
 * channel (the widget shows its queue line instead). Returns the message id.
 */
export async function addUnavailableNotice(tx: Queryable, accountId: string, conversationId: string): Promise<string> {
  const written = await tx.query<{ body: string }>(
    "SELECT body FROM messages WHERE conversation_id = $1 AND sender_type = 'contact' ORDER BY seq",
    [conversationId],
  );
  const id = randomUUID();
  await insertMessage(tx, {
    id, accountId, conversationId, seq: await nextSeq(tx, accountId),
    senderType: 'system', senderId: null, body: unavailableNotice(scriptOf(written.map((m) => m.body).join(''))), clientId: null,
    system: systemLines.unavailable(),
  });
  return id;
}

/** Whether a conversation entering the queue in `groupId` now has nobody at work for it, nor where it would overflow. */
export async function nobodyAvailableFor(tx: Queryable, accountId: string, groupId: string | null, groups: readonly GroupInfo[]): Promise<boolean> {
  const agents = (await loadTeam(tx, accountId)).filter((u) => u.role === 'agent');
  return availabilityOf({ status: 'open', routingState: 'queued', groupId }, agents, overflowRules(groups)) !== null;
}
