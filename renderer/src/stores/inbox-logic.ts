import type { InboxConversation } from '../../../shared/contract';

function compareByActivity(a: InboxConversation, b: InboxConversation): number {
  if (a.lastMessageAt !== b.lastMessageAt) {
    const ta = Date.parse(a.lastMessageAt);
    const tb = Date.parse(b.lastMessageAt);
    if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return tb - ta;
    return a.lastMessageAt < b.lastMessageAt ? 1 : -1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Inbox order: conversations that are still the agent's first, most recent activity first; the
 * ones no longer theirs (kept only for their unsent text) at the bottom, in the same order. Ties
 * are broken by id so the order never flickers.
 */
export function compareConversations(a: InboxConversation, b: InboxConversation): number {
  const la = a.access === 'lost';
  const lb = b.access === 'lost';
  if (la !== lb) return la ? 1 : -1;
  return compareByActivity(a, b);
}

export function sortConversations(conversations: Iterable<InboxConversation>): InboxConversation[] {
  return [...conversations].sort(compareConversations);
}

export type ConversationMap = Readonly<Record<string, InboxConversation>>;

/** Applies one change; an older version (lower seq) than the one held is ignored. */
export function upsertConversation(byId: ConversationMap, incoming: InboxConversation): ConversationMap {
  return upsertConversations(byId, [incoming]);
}

function isNewer(current: InboxConversation | undefined, incoming: InboxConversation): boolean {
  return !current || incoming.seq >= current.seq;
}

/** Applies changes; an older version (lower seq) than the one held is ignored. */
export function upsertConversations(byId: ConversationMap, incoming: readonly InboxConversation[]): ConversationMap {
  const next: Record<string, InboxConversation> = { ...byId };
  for (const c of incoming) if (isNewer(next[c.id], c)) next[c.id] = c;
  return next;
}

/** Drops a conversation (`conversation.removed`). Returns the same map when it was not there. */
export function removeConversation(byId: ConversationMap, id: string): ConversationMap {
  if (!Object.hasOwn(byId, id)) return byId;
  const next: Record<string, InboxConversation> = { ...byId };
  delete next[id];
  return next;
}

/**
 * Replaces the inbox with a loaded list while keeping changes that arrived by event after the
 * list was read (their seq is newer than anything in the list, or than the listed version).
 * Conversations removed by event while the list was loading stay removed.
 */
export function reconcileConversations(
  byId: ConversationMap,
  loaded: readonly InboxConversation[],
  removedWhileLoading: Readonly<Record<string, true>> = {},
): ConversationMap {
  const snapshotSeq = loaded.reduce((max, c) => Math.max(max, c.seq), -1);
  const next: Record<string, InboxConversation> = {};
  for (const c of loaded) if (!removedWhileLoading[c.id] && isNewer(next[c.id], c)) next[c.id] = c;
  for (const c of Object.values(byId)) {
    const listed = next[c.id];
    if (listed ? c.seq > listed.seq : c.seq > snapshotSeq) next[c.id] = c;
  }
  return next;
}

/** True when the agent may still reply to and act on this conversation. */
export function canActOn(conversation: InboxConversation): boolean {
  return conversation.access === 'full' && conversation.status === 'open';
}
