import type { InboxConversation } from '../../../../shared/contract';
import type { ChannelKind } from '../../../../shared/domain';
import type { HighlightedText } from '../../../../shared/knowledge';
import { compareConversations, inboxFilters, isOfferToMe, matchesFilter, type InboxFilter } from '../../stores/inbox-logic';

/**
 * What the inbox shows (pure): the tab (Mine / Unassigned / All) narrowed by channel, status,
 * label and priority, optionally by a search, in the chosen order, with a count for every choice.
 */

/** Open, pending (a message left outside business hours, answered when the team is back) or resolved. */
export const inboxStatuses = ['open', 'pending', 'resolved'] as const;
export type InboxStatus = (typeof inboxStatuses)[number];

export const inboxSorts = ['waiting', 'priority'] as const;
export type InboxSort = (typeof inboxSorts)[number];

export type InboxFacets = {
  channel: ChannelKind | null;
  status: InboxStatus | null;
  /** One of the customer's tags. */
  label: string | null;
  priority: number | null;
};

export type InboxQuery = InboxFacets & { tab: InboxFilter; sort: InboxSort };

export const noFacets: InboxFacets = { channel: null, status: null, label: null, priority: null };

/** The conversations a search found: by the customer's name (no snippet) or by a message (its snippet). */
export type SearchMatches = ReadonlyMap<string, HighlightedText | null>;

export function isInboxSort(value: unknown): value is InboxSort {
  return typeof value === 'string' && (inboxSorts as readonly string[]).includes(value);
}

export function statusOf(conversation: Pick<InboxConversation, 'status' | 'routingState'>): InboxStatus {
  if (conversation.status === 'resolved') return 'resolved';
  return conversation.routingState === 'pending' ? 'pending' : 'open';
}

type Facet = keyof InboxFacets;

function matchesFacet(conversation: InboxConversation, facet: Facet, facets: InboxFacets): boolean {
  switch (facet) {
    case 'channel':
      return facets.channel === null || conversation.channelKind === facets.channel;
    case 'status':
      return facets.status === null || statusOf(conversation) === facets.status;
    case 'label':
      return facets.label === null || conversation.labels.includes(facets.label);
    case 'priority':
      return facets.priority === null || conversation.priority === facets.priority;
  }
}

const facetNames: readonly Facet[] = ['channel', 'status', 'label', 'priority'];

function matchesAll(conversation: InboxConversation, query: InboxQuery, me: string | null, skip: Facet | 'tab' | null = null): boolean {
  // Counted for the status filter, a conversation is judged as if its own status were chosen.
  const status = skip === 'status' ? statusOf(conversation) : query.status;
  if (skip !== 'tab' && !matchesFilter(conversation, query.tab, me, { resolved: status === 'resolved' })) return false;
  for (const facet of facetNames) if (facet !== skip && !matchesFacet(conversation, facet, query)) return false;
  return true;
}

/**
 * Priority order: offers to this agent first (they expire), then higher priority, then the usual
 * order (waiting longest, then activity); the ones no longer theirs stay at the bottom.
 */
export function compareByPriority(a: InboxConversation, b: InboxConversation, me: string | null): number {
  const lost = Number(a.access === 'lost') - Number(b.access === 'lost');
  if (lost !== 0) return lost;
  const offer = Number(isOfferToMe(b, me)) - Number(isOfferToMe(a, me));
  if (offer !== 0) return offer;
  if (a.priority !== b.priority) return b.priority - a.priority;
  return compareConversations(a, b, me);
}

/** Conversations in the chosen order; `waiting` is the order they are kept in already. */
export function sortForView(sorted: InboxConversation[], sort: InboxSort, me: string | null): InboxConversation[] {
  return sort === 'waiting' ? sorted : [...sorted].sort((a, b) => compareByPriority(a, b, me));
}

/** What the query shows, in the given order (a search narrows it further when given). */
export function applyQuery(
  conversations: readonly InboxConversation[],
  query: InboxQuery,
  me: string | null,
  search: SearchMatches | null = null,
): InboxConversation[] {
  return conversations.filter((c) => (search === null || search.has(c.id)) && matchesAll(c, query, me));
}

export type FacetCounts = {
  tab: Record<InboxFilter, number>;
  channel: Map<ChannelKind, number>;
  status: Record<InboxStatus, number>;
  label: Map<string, number>;
  priority: Map<number, number>;
};

/**
 * How many conversations each choice would show, given the other choices made (and the search):
 * the tab counts follow the filters, each filter's counts follow the tab and the other filters.
 */
export function countChoices(
  conversations: readonly InboxConversation[],
  query: InboxQuery,
  me: string | null,
  search: SearchMatches | null = null,
): FacetCounts {
  const counts: FacetCounts = {
    tab: { mine: 0, unassigned: 0, all: 0 },
    channel: new Map(),
    status: { open: 0, pending: 0, resolved: 0 },
    label: new Map(),
    priority: new Map(),
  };
  const add = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const c of conversations) {
    if (search !== null && !search.has(c.id)) continue;
    if (matchesAll(c, query, me, 'tab')) {
      for (const tab of inboxFilters) if (matchesFilter(c, tab, me, { resolved: query.status === 'resolved' })) counts.tab[tab] += 1;
    }
    if (matchesAll(c, query, me, 'channel')) add(counts.channel, c.channelKind);
    if (matchesAll(c, query, me, 'status')) counts.status[statusOf(c)] += 1;
    if (matchesAll(c, query, me, 'label')) for (const label of new Set(c.labels)) add(counts.label, label);
    if (matchesAll(c, query, me, 'priority')) add(counts.priority, c.priority);
  }
  return counts;
}

/** Labels to offer, most used first (then by name); the chosen one stays listed even at zero. */
export function labelChoices(counts: ReadonlyMap<string, number>, chosen: string | null): [string, number][] {
  const entries = [...counts.entries()];
  if (chosen !== null && !counts.has(chosen)) entries.push([chosen, 0]);
  return entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** Priority levels to offer, highest first; the chosen one stays listed even at zero. */
export function priorityChoices(counts: ReadonlyMap<number, number>, chosen: number | null): [number, number][] {
  const entries = [...counts.entries()];
  if (chosen !== null && !counts.has(chosen)) entries.push([chosen, 0]);
  return entries.sort((a, b) => b[0] - a[0]);
}

/** True when any filter beyond the tab narrows the list. */
export function hasFacets(facets: InboxFacets): boolean {
  return facetNames.some((f) => facets[f] !== null);
}

/** A search is worth running once it has a Chinese character or two other characters. */
export function isSearchable(text: string): boolean {
  const trimmed = text.trim();
  return /\p{Script=Han}/u.test(trimmed) || [...trimmed].length >= 2;
}

/**
 * The conversations a search finds: every word in the customer's name, or in a message (the core's
 * hits, with their snippets). A conversation found both ways shows its message.
 */
export function searchMatches(
  conversations: readonly InboxConversation[],
  text: string,
  messageHits: ReadonlyMap<string, HighlightedText>,
): SearchMatches {
  const words = text.trim().toLocaleLowerCase().split(/\s+/u).filter(Boolean);
  const found = new Map<string, HighlightedText | null>(messageHits);
  if (words.length === 0) return found;
  for (const c of conversations) {
    if (found.has(c.id)) continue;
    const name = c.contactName.toLocaleLowerCase();
    if (words.every((w) => name.includes(w))) found.set(c.id, null);
  }
  return found;
}

/**
 * The conversations the inbox list shows, in its order: the chosen order, the tab and filters,
 * and the search. The list and the next/previous shortcuts both read this.
 */
export function shownConversations(
  all: readonly InboxConversation[],
  query: InboxQuery,
  me: string | null,
  searchText: string,
  search: { query: string; hits: ReadonlyMap<string, HighlightedText> },
): InboxConversation[] {
  const text = searchText.trim();
  const matches = isSearchable(searchText)
    ? searchMatches(all, text, search.query === text ? search.hits : new Map<string, HighlightedText>())
    : null;
  return applyQuery(sortForView([...all], query.sort, me), query, me, matches);
}
