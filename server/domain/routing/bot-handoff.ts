import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/db';
import { nextSeq } from '../../db/sequence';
import { insertMessage } from '../conversations/message-repository';
import { groupByKeywords, handoffNotice, scriptOf, summarize } from './classify';
import { queueOrPending } from './entry';
import { hasRoomFor, type GroupLimits } from './decide';
import { overflowDestination } from './overflow';
import { loadGroups, loadTeam, overflowRules, type GroupInfo } from './routing-repository';
import { overflowBody, systemLines } from '../../../shared/system-lines';

export type BotHandoff = { conversationId: string; accountId: string; groupId: string | null; now: number };

/**
 * Takes a conversation from the bot to the queue (or leaves it pending until its group's hours
 * begin): its group (kept, else chosen by keywords in what the customer wrote), a one-line
 * summary of the customer's messages, and a notice to the customer. When nobody in that group has
 * room, it follows the group's overflow rule at once. The caller holds the
 * conversation's row lock. Returns the notice's message id.
 */
export async function handOffFromBot(tx: Queryable, h: BotHandoff): Promise<string> {
  const transcript = await tx.query<{ body: string }>(
    "SELECT body FROM messages WHERE conversation_id = $1 AND sender_type = 'contact' ORDER BY seq",
    [h.conversationId],
  );
  const bodies = transcript.map((m) => m.body);
  const groups = await loadGroups(tx, h.accountId);
  const chosen = h.groupId ?? groupByKeywords(bodies.join('\n'), groups);
  const next = queueOrPending(chosen, groups, h.now, scriptOf(bodies.join('')));
  // Never into a group where nobody can take it while its overflow target can.
  const detour = next.routingState === 'queued' ? await overflowNow(tx, h.accountId, chosen, groups) : undefined;
  const groupId = detour ? detour.groupId : chosen;
  await tx.query(
    'UPDATE conversations SET routing_state = $2, group_id = $3, summary = $4, waiting_since = $5, overflowed_from = $6 WHERE id = $1',
    [h.conversationId, next.routingState, groupId, summarize(bodies.filter((b) => !isBareChoice(b))), new Date(h.now), detour ? chosen : null],
  );
  if (detour && chosen !== null) {
    const name = (id: string | null) => (id === null ? null : (groups.find((g) => g.id === id)?.name ?? id));
    await insertMessage(tx, {
      id: randomUUID(), accountId: h.accountId, conversationId: h.conversationId, seq: await nextSeq(tx, h.accountId),
      senderType: 'system', senderId: null, body: overflowBody(name(chosen)!, name(groupId)), system: systemLines.overflow(name(chosen)!, name(groupId)),
      clientId: null, internal: true,
    });
  }
  const noticeId = randomUUID();
  await insertMessage(tx, {
    id: noticeId, accountId: h.accountId, conversationId: h.conversationId, seq: await nextSeq(tx, h.accountId),
    senderType: 'system', senderId: null, body: next.notice ?? handoffNotice(next.lang), clientId: null,
    system: next.notice ? systemLines.closed(groups.find((g) => g.id === groupId)?.name ?? null) : systemLines.handoff(),
  });
  return noticeId;
}

/** Where a conversation handed over into `groupId` goes at once: its overflow target, when nobody in the group has room and someone there has. */
async function overflowNow(tx: Queryable, accountId: string, groupId: string | null, groups: GroupInfo[]): Promise<{ groupId: string | null } | undefined> {
  if (groupId === null) return undefined;
  const team = (await loadTeam(tx, accountId)).filter((u) => u.role === 'agent');
  const limits: GroupLimits = new Map(groups.map((g) => [g.id, g.maxChatsPerAgent]));
  if (team.some((a) => hasRoomFor(a, groupId, limits))) return undefined;
  return overflowDestination(groupId, overflowRules(groups), team, limits);
}

/** A reply that only picked one of the bot's numbered options ("1", "2"): not worth a summary. */
function isBareChoice(body: string): boolean {
  return /^\s*[1-9]\s*$/.test(body.normalize('NFKC'));
}
