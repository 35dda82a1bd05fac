import { randomUUID } from 'node:crypto';
import type { EscalationAlert } from '../../../shared/domain';
import { overflowBody, systemLines } from '../../../shared/system-lines';
import type { Queryable } from '../../db/db';
import { nextSeq } from '../../db/sequence';
import { getConversationView } from '../conversations/conversation-repository';
import type { ConversationChange } from '../conversations/message-change';
import { getMessageView, insertMessage } from '../conversations/message-repository';
import type { GroupLimits } from './decide';
import { decideEscalations } from './escalation';
import { hasRoomFor } from './decide';
import { availabilityOf, decideOverflows, overflowDestination, type OverflowRules } from './overflow';
import { overflowRules, type GroupInfo, type TeamRow } from './routing-repository';
import {
  channelKinds, loadDueEscalations, loadOverflowCandidates, loadUnanswered, lockInStates, markEscalated, markLeftMessage, overflowConversation,
} from './routing-moves-repository';
import { addUnavailableNotice } from './unavailable-notice';

/**
 * The steps of a routing run that keep a waiting customer from being stranded, each inside the
 * run's transaction: overflow out of a group nobody can serve, keeping a left message when nobody
 * can answer, and alerting supervisors of a long wait. The decisions are pure (overflow.ts,
 * escalation.ts); these apply them.
 */

/** A conversation as routing changed it, with the message it added (if any), to publish after the run. */
export async function routedChange(tx: Queryable, conversationId: string, previousAssigneeId: string | null, messageId: string | null): Promise<ConversationChange> {
  const conversation = await getConversationView(tx, conversationId);
  const message = messageId ? await getMessageView(tx, messageId) : null;
  if (!conversation) throw new Error('a routed conversation vanished inside its transaction');
  return { conversation, ...(message ? { message } : {}), previousAssigneeId, created: true };
}

/** Conversations nobody in their group could take in time move to the group's overflow target, with a line for agents. */
export async function overflowWaiting(
  tx: Queryable, accountId: string, now: number, groups: GroupInfo[], team: TeamRow[], limits: GroupLimits,
): Promise<ConversationChange[]> {
  const out: ConversationChange[] = [];
  const rules = overflowRules(groups);
  // Only groups that could overflow now are read: nobody there has room, someone at the target has.
  const open = groups.filter((g) => !team.some((a) => hasRoomFor(a, g.id, limits)) && overflowDestination(g.id, rules, team, limits));
  if (open.length === 0) return out;
  const cutoff = new Date(now - Math.min(...open.map((g) => g.overflowAfterSeconds)) * 1000);
  const queue = (await loadOverflowCandidates(tx, accountId, open.map((g) => g.id), cutoff)).map((c) => ({ ...c, overflowedFrom: null }));
  const moves = decideOverflows(queue, team, limits, rules, now);
  if (moves.length === 0) return out;
  const free = await lockInStates(tx, moves.map((m) => m.conversationId), ['queued']);
  const names = new Map(groups.map((g) => [g.id, g.name]));
  for (const move of moves.filter((m) => free.has(m.conversationId))) {
    const noteId = randomUUID();
    const from = names.get(move.fromGroupId) ?? move.fromGroupId;
    const to = move.toGroupId === null ? null : (names.get(move.toGroupId) ?? move.toGroupId);
    await insertMessage(tx, {
      id: noteId, accountId, conversationId: move.conversationId, seq: await nextSeq(tx, accountId), senderType: 'system', senderId: null,
      body: overflowBody(from, to), system: systemLines.overflow(from, to), clientId: null, internal: true,
    });
    await overflowConversation(tx, move.conversationId, move.fromGroupId, move.toGroupId, await nextSeq(tx, accountId));
    out.push(await routedChange(tx, move.conversationId, null, noteId));
  }
  return out;
}

/**
 * Conversations nobody can be expected for (nobody online for them, or off-hours) are kept as left
 * messages, once; a customer on a platform channel is told so on it in one reply.
 */
export async function keepLeftMessages(
  tx: Queryable, accountId: string, team: TeamRow[], rules: OverflowRules, groups: readonly GroupInfo[],
): Promise<ConversationChange[]> {
  const out: ConversationChange[] = [];
  // Read only the groups (null: the whole team) nobody can be expected for now, and pending conversations.
  const unserved = [null, ...groups.map((g) => g.id)].filter((groupId) => availabilityOf({ routingState: 'queued', groupId, status: 'open' }, team, rules) !== null);
  const waiting = await loadUnanswered(tx, accountId, unserved);
  const unanswered = waiting.filter((c) => availabilityOf({ ...c, status: 'open' }, team, rules) !== null);
  if (unanswered.length === 0) return out;
  const free = await lockInStates(tx, unanswered.map((c) => c.id), ['queued', 'pending']);
  const kinds = await channelKinds(tx, [...free]);
  for (const c of unanswered.filter((u) => free.has(u.id))) {
    // Off-hours customers already had the closed notice; the widget shows its queue line.
    const noticeId = c.routingState === 'queued' && kinds.get(c.id) !== 'widget' ? await addUnavailableNotice(tx, accountId, c.id) : null;
    await markLeftMessage(tx, c.id, await nextSeq(tx, accountId));
    out.push(await routedChange(tx, c.id, null, noticeId));
  }
  return out;
}

/** Supervisors hear once per wait of every customer waiting longer than the escalation time. */
export async function escalateLongWaits(
  tx: Queryable, accountId: string, now: number, afterSeconds: number, team: TeamRow[], rules: OverflowRules,
): Promise<EscalationAlert[]> {
  const waiting = await loadDueEscalations(tx, accountId, new Date(now - afterSeconds * 1000));
  const due = decideEscalations(waiting, now, afterSeconds);
  if (due.length === 0) return [];
  const marked = new Set(await markEscalated(tx, due));
  const alerts: EscalationAlert[] = [];
  for (const c of waiting.filter((w) => marked.has(w.id))) {
    const view = await getConversationView(tx, c.id);
    if (!view) continue;
    alerts.push({
      conversationId: c.id, contactName: view.contactName, groupName: view.groupName, waitingSince: new Date(c.waitingSince).toISOString(),
      afterSeconds, nobodyOnline: availabilityOf({ routingState: 'queued', groupId: c.groupId, status: 'open' }, team, rules) !== null,
      at: new Date(now).toISOString(),
    });
  }
  return alerts;
}
