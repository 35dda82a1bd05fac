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

function time(iso: string | null): number {
  if (iso === null) return Number.NaN;
  return Date.parse(iso);
}

/** True when the conversation is offered to this agent and waits for their answer. */
export function isOfferToMe(
  conversation: Pick<InboxConversation, 'routingState' | 'offeredToId' | 'status' | 'access'>,
  me: string | null,
): boolean {
  return (
    me !== null &&
    conversation.routingState === 'offered' &&
    conversation.offeredToId === me &&
    conversation.status === 'open' &&
    conversation.access === 'full'
  );
}

/** Who an open offer is for, from this agent's point of view; null when it is not an offer. */
export function offerAudience(conversation: InboxConversation, me: string | null): 'me' | 'other' | null {
  if (conversation.routingState !== 'offered' || conversation.status !== 'open') return null;
  if (isOfferToMe(conversation, me)) return 'me';
  return conversation.offeredToId === null ? null : 'other';
}

/** An open conversation nobody has taken yet (with the bot, queued, pending, or offered to someone). */
export function isUnassigned(conversation: InboxConversation): boolean {
  return conversation.assigneeId === null && conversation.status === 'open' && conversation.access === 'full';
}

/** 0: offered to me, 1: waiting for a person, 2: the rest, 3: no longer mine (kept for unsent text). */
function rank(conversation: InboxConversation, me: string | null): number {
  if (conversation.access === 'lost') return 3;
  if (isOfferToMe(conversation, me)) return 0;
  if (isUnassigned(conversation)) return 1;
  return 2;
}

/** Earlier instants first; a missing or unreadable time after every known one. */
function compareEarliest(a: string | null, b: string | null): number {
  const ta = time(a);
  const tb = time(b);
  const ka = !Number.isNaN(ta);
  const kb = !Number.isNaN(tb);
  if (ka !== kb) return ka ? -1 : 1;
  return ka && ta !== tb ? ta - tb : 0;
}

/**
 * Inbox order: chats offered to this agent first (the one expiring soonest on top); then open
 * conversations nobody has taken, the customer waiting longest first (higher priority breaks a
 * tie; ones not waiting by activity); then the rest, most recent activity first; the ones no
 * longer theirs (kept only for their unsent text) at the bottom by activity. Ties are broken by
 * id so the order never flickers.
 */
export function compareConversations(a: InboxConversation, b: InboxConversation, me: string | null = null): number {
  const ra = rank(a, me);
  const rb = rank(b, me);
  if (ra !== rb) return ra - rb;
  if (ra === 0) {
    const byExpiry = compareEarliest(a.offerExpiresAt, b.offerExpiresAt);
    if (byExpiry !== 0) return byExpiry;
  }
  if (ra === 1) {
    const byWait = compareEarliest(a.waitingSince, b.waitingSince);
    if (byWait !== 0) return byWait;
    if (a.priority !== b.priority) return b.priority - a.priority;
  }
  return compareByActivity(a, b);
}

export function sortConversations(conversations: Iterable<InboxConversation>, me: string | null = null): InboxConversation[] {
  return [...conversations].sort((a, b) => compareConversations(a, b, me));
}

/** The inbox tabs. */
export const inboxFilters = ['mine', 'unassigned', 'all'] as const;
export type InboxFilter = (typeof inboxFilters)[number];

export function isInboxFilter(value: unknown): value is InboxFilter {
  return typeof value === 'string' && (inboxFilters as readonly string[]).includes(value);
}

/** What else a tab may show: Mine shows this agent's resolved conversations only when they are asked for. */
export type FilterScope = { resolved?: boolean };

/**
 * Whether a conversation shows under a tab. An offer to this agent shows under every tab (it
 * expires soon). Mine holds the open conversations this agent has now (their resolved ones too
 * when `scope.resolved`); one taken away or transferred leaves it at once, also when it is kept
 * for their unsent text (that one stays under All).
 */
export function matchesFilter(conversation: InboxConversation, filter: InboxFilter, me: string | null, scope: FilterScope = {}): boolean {
  if (filter === 'all' || isOfferToMe(conversation, me)) return true;
  if (filter === 'mine') {
    const open = conversation.status === 'open' || scope.resolved === true;
    return me !== null && conversation.access === 'full' && conversation.assigneeId === me && open;
  }
  return isUnassigned(conversation);
}

/** The conversations under a tab, in the order given. Returns the same array for All. */
export function filterConversations(
  conversations: InboxConversation[],
  filter: InboxFilter,
  me: string | null,
): InboxConversation[] {
  if (filter === 'all') return conversations;
  return conversations.filter((c) => matchesFilter(c, filter, me));
}

/** How many conversations each tab holds. */
export function countByFilter(conversations: readonly InboxConversation[], me: string | null): Record<InboxFilter, number> {
  const counts: Record<InboxFilter, number> = { mine: 0, unassigned: 0, all: conversations.length };
  for (const c of conversations) {
    if (matchesFilter(c, 'mine', me)) counts.mine += 1;
    if (matchesFilter(c, 'unassigned', me)) counts.unassigned += 1;
  }
  return counts;
}

/** Offers to this agent that were not there before, for the screen-reader announcement. */
export function newOffers(
  previous: ReadonlySet<string>,
  conversations: readonly InboxConversation[],
  me: string | null,
): InboxConversation[] {
  return conversations.filter((c) => isOfferToMe(c, me) && !previous.has(c.id));
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

/** Gives a customer's conversations new labels (their tags changed); the same map when none changes. */
export function relabelContact(byId: ConversationMap, contactId: string, labels: readonly string[]): ConversationMap {
  let next: Record<string, InboxConversation> | null = null;
  for (const c of Object.values(byId)) {
    if (c.contactId !== contactId || sameLabels(c.labels, labels)) continue;
    next ??= { ...byId };
    next[c.id] = { ...c, labels: [...labels] };
  }
  return next ?? byId;
}

function sameLabels(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((label, i) => label === b[i]);
}

/** True when the agent may still reply to and act on this conversation. */
export function canActOn(conversation: InboxConversation): boolean {
  return conversation.access === 'full' && conversation.status === 'open';
}
