import type { Conversation } from '../../../shared/domain';

/** Inbox order: most recent activity first; ties broken by id so the order never flickers. */
export function compareConversations(a: Conversation, b: Conversation): number {
  if (a.lastMessageAt !== b.lastMessageAt) {
    const ta = Date.parse(a.lastMessageAt);
    const tb = Date.parse(b.lastMessageAt);
    if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return tb - ta;
    return a.lastMessageAt < b.lastMessageAt ? 1 : -1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function sortConversations(conversations: Iterable<Conversation>): Conversation[] {
  return [...conversations].sort(compareConversations);
}

export type ConversationMap = Readonly<Record<string, Conversation>>;

/** Applies one change; an older version (lower seq) than the one held is ignored. */
export function upsertConversation(byId: ConversationMap, incoming: Conversation): ConversationMap {
  const current = byId[incoming.id];
  if (current && current.seq > incoming.seq) return byId;
  return { ...byId, [incoming.id]: incoming };
}



function isNewer(current: Conversation | undefined, incoming: Conversation): boolean {
  return !current || incoming.seq >= current.seq;
}

/** Applies changes; an older version (lower seq) than the one held is ignored. */
export function upsertConversations(byId: ConversationMap, incoming: readonly Conversation[]): ConversationMap {
  const next: Record<string, Conversation> = { ...byId };
  for (const c of incoming) if (isNewer(next[c.id], c)) next[c.id] = c;
  return next;
}

/**
 * Replaces the inbox with a loaded list while keeping changes that arrived by event after the
 * list was read (their seq is newer than anything in the list, or than the listed version).
 */
export function reconcileConversations(byId: ConversationMap, loaded: readonly Conversation[]): ConversationMap {
  const snapshotSeq = loaded.reduce((max, c) => Math.max(max, c.seq), -1);
  const next: Record<string, Conversation> = {};
  for (const c of loaded) if (isNewer(next[c.id], c)) next[c.id] = c;
  for (const c of Object.values(byId)) {
    const listed = next[c.id];
    if (listed ? c.seq > listed.seq : c.seq > snapshotSeq) next[c.id] = c;
  }
  return next;
}
