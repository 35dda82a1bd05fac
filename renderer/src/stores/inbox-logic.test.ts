import { beforeEach, describe, expect, it } from 'vitest';
import type { InboxConversation } from '../../../shared/contract';
import { conversation } from '../testing/fixtures';
import {
  canActOn,
  countByFilter,
  filterConversations,
  isInboxFilter,
  isOfferToMe,
  matchesFilter,
  newOffers,
  offerAudience,
  reconcileConversations,
  removeConversation,
  sortConversations,
  upsertConversation,
  upsertConversations,
} from './inbox-logic';
import { readInboxFilter } from './inbox-filter-store';
import { useInboxStore } from './inbox-store';

const ids = (list: { id: string }[]) => list.map((c) => c.id);

describe('inbox sorting', () => {
  it('puts the most recent activity first', () => {
    const list = sortConversations([
      conversation({ id: 'old', lastMessageAt: '2025-01-01T08:00:00.000Z' }),
      conversation({ id: 'new', lastMessageAt: '2025-01-01T12:00:00.000Z' }),
      conversation({ id: 'mid', lastMessageAt: '2025-01-01T10:00:00.000Z' }),
    ]);
    expect(ids(list)).toEqual(['new', 'mid', 'old']);
  });

  it('compares instants, not strings, across time-zone offsets', () => {
    const list = sortConversations([
      conversation({ id: 'utc', lastMessageAt: '2025-01-01T10:00:00.000Z' }),
      conversation({ id: 'shanghai', lastMessageAt: '2025-01-01T19:00:00.000+08:00' }), // 11:00Z
    ]);
    expect(ids(list)).toEqual(['shanghai', 'utc']);
  });

  it('breaks ties by id so the order is stable', () => {
    const at = '2025-01-01T10:00:00.000Z';
    const list = sortConversations([conversation({ id: 'b', lastMessageAt: at }), conversation({ id: 'a', lastMessageAt: at })]);
    expect(ids(list)).toEqual(['a', 'b']);
  });
});

describe('inbox updates', () => {
  it('adds an unknown conversation and replaces a known one', () => {
    let byId = upsertConversation({}, conversation({ id: 'a', seq: 1 }));
    byId = upsertConversation(byId, conversation({ id: 'b', seq: 2 }));
    byId = upsertConversation(byId, conversation({ id: 'a', seq: 3, lastMessagePreview: 'updated' }));
    expect(Object.keys(byId).sort()).toEqual(['a', 'b']);
    expect(byId.a?.lastMessagePreview).toBe('updated');
  });

  it('ignores a change older than the version it holds', () => {
    const byId = upsertConversations({ a: conversation({ id: 'a', seq: 5, assigneeName: 'Li' }) }, [
      conversation({ id: 'a', seq: 4, assigneeName: null }),
    ]);
    expect(byId.a?.assigneeName).toBe('Li');
  });

  it('keeps changes that arrived while the list was loading', () => {
    const held = {
      a: conversation({ id: 'a', seq: 9, lastMessagePreview: 'newer than the list' }),
      fresh: conversation({ id: 'fresh', seq: 8 }),
      gone: conversation({ id: 'gone', seq: 2 }),
    };
    const loaded = [conversation({ id: 'a', seq: 4 }), conversation({ id: 'b', seq: 6 })];
    const byId = reconcileConversations(held, loaded);
    expect(Object.keys(byId).sort()).toEqual(['a', 'b', 'fresh']);
    expect(byId.a?.lastMessagePreview).toBe('newer than the list');
  });
});

describe('conversations that are no longer the agent\'s', () => {
  it('sink to the bottom, muted, still ordered by activity among themselves', () => {
    const list = sortConversations([
      conversation({ id: 'lost-new', access: 'lost', lastMessageAt: '2025-01-01T12:00:00.000Z' }),
      conversation({ id: 'mine-old', lastMessageAt: '2025-01-01T08:00:00.000Z' }),
      conversation({ id: 'lost-old', access: 'lost', lastMessageAt: '2025-01-01T09:00:00.000Z' }),
      conversation({ id: 'mine-new', lastMessageAt: '2025-01-01T11:00:00.000Z' }),
    ]);
    expect(ids(list)).toEqual(['mine-new', 'mine-old', 'lost-new', 'lost-old']);
  });

  it('an update that takes a conversation away (same seq, access lost) is applied', () => {
    const byId = upsertConversation({ a: conversation({ id: 'a', seq: 3 }) }, conversation({ id: 'a', seq: 3, access: 'lost' }));
    expect(byId.a?.access).toBe('lost');
  });

  it('can be acted on only while open and still the agent\'s', () => {
    expect(canActOn(conversation({ id: 'a' }))).toBe(true);
    expect(canActOn(conversation({ id: 'a', access: 'lost' }))).toBe(false);
    expect(canActOn(conversation({ id: 'a', status: 'resolved' }))).toBe(false);
  });
});

describe('conversation.removed', () => {
  beforeEach(() => useInboxStore.getState().reset());

  it('removes the conversation, and returns the same map for an unknown id', () => {
    const byId = { a: conversation({ id: 'a' }), b: conversation({ id: 'b' }) };
    expect(Object.keys(removeConversation(byId, 'a'))).toEqual(['b']);
    expect(removeConversation(byId, 'zzz')).toBe(byId);
  });

  it('a list read before the removal does not bring it back', () => {
    const loaded = [conversation({ id: 'a', seq: 2 }), conversation({ id: 'gone', seq: 3 })];
    expect(Object.keys(reconcileConversations({}, loaded, { gone: true }))).toEqual(['a']);
  });

  it('drops it from the inbox and clears the selection when it was open', () => {
    const store = useInboxStore.getState();
    store.setLoaded([conversation({ id: 'a' }), conversation({ id: 'b' })]);
    store.select('a');
    useInboxStore.getState().remove('a');
    expect(useInboxStore.getState().conversations.map((c) => c.id)).toEqual(['b']);
    expect(useInboxStore.getState().selectedId).toBeNull();
    useInboxStore.getState().select('b');
    useInboxStore.getState().remove('a');
    expect(useInboxStore.getState().selectedId).toBe('b');
  });

  it('stays removed when a list that was loading answers, until the conversation comes back by event', () => {
    const store = useInboxStore.getState();
    store.setLoading();
    store.remove('x');
    useInboxStore.getState().setLoaded([conversation({ id: 'x', seq: 4 }), conversation({ id: 'y', seq: 5 })]);
    expect(useInboxStore.getState().conversations.map((c) => c.id)).toEqual(['y']);
    useInboxStore.getState().upsert(conversation({ id: 'x', seq: 9 }));
    expect(Object.keys(useInboxStore.getState().byId).sort()).toEqual(['x', 'y']);
  });
});

describe('offers, queue and the inbox order', () => {
  const me = 'u1';
  const offer = (id: string, overrides: Partial<InboxConversation> = {}) =>
    conversation({
      id,
      routingState: 'offered',
      offeredToId: me,
      offerExpiresAt: '2025-01-01T10:00:30.000Z',
      waitingSince: '2025-01-01T09:59:00.000Z',
      ...overrides,
    });

  it('puts chats offered to me first, then the customers waiting longest, then the rest by activity', () => {
    const list = sortConversations(
      [
        conversation({ id: 'mine-recent', assigneeId: me, lastMessageAt: '2025-01-01T12:00:00.000Z' }),
        conversation({ id: 'queued-short', routingState: 'queued', waitingSince: '2025-01-01T10:05:00.000Z' }),
        offer('offer'),
        conversation({ id: 'queued-long', routingState: 'queued', waitingSince: '2025-01-01T09:30:00.000Z' }),
        conversation({ id: 'mine-old', assigneeId: me, lastMessageAt: '2025-01-01T08:00:00.000Z' }),
        conversation({ id: 'lost', access: 'lost', lastMessageAt: '2025-01-01T13:00:00.000Z' }),
      ],
      me,
    );
    expect(ids(list)).toEqual(['offer', 'queued-long', 'queued-short', 'mine-recent', 'mine-old', 'lost']);
  });

  it('orders several offers by which expires first', () => {
    const list = sortConversations(
      [offer('later', { offerExpiresAt: '2025-01-01T10:01:00.000Z' }), offer('sooner', { offerExpiresAt: '2025-01-01T10:00:10.000Z' })],
      me,
    );
    expect(ids(list)).toEqual(['sooner', 'later']);
  });

  it('an offer to someone else is not on top: it waits with the other unassigned ones', () => {
    const list = sortConversations(
      [
        conversation({ id: 'queued', routingState: 'queued', waitingSince: '2025-01-01T09:00:00.000Z' }),
        offer('theirs', { offeredToId: 'u2', waitingSince: '2025-01-01T09:30:00.000Z' }),
      ],
      me,
    );
    expect(ids(list)).toEqual(['queued', 'theirs']);
  });

  it('without knowing who I am, no offer goes first', () => {
    const list = sortConversations([offer('offer', { waitingSince: '2025-01-01T09:59:00.000Z' }), conversation({ id: 'q', routingState: 'queued', waitingSince: '2025-01-01T09:00:00.000Z' })]);
    expect(ids(list)).toEqual(['q', 'offer']);
  });

  it('among customers who started waiting at the same moment, higher priority goes first', () => {
    const at = '2025-01-01T09:00:00.000Z';
    const list = sortConversations([
      conversation({ id: 'normal', routingState: 'queued', waitingSince: at }),
      conversation({ id: 'vip', routingState: 'queued', waitingSince: at, priority: 2 }),
    ]);
    expect(ids(list)).toEqual(['vip', 'normal']);
  });

  it('waiting customers come before unassigned ones not waiting, which follow by activity', () => {
    const list = sortConversations([
      conversation({ id: 'bot-new', routingState: 'bot', lastMessageAt: '2025-01-01T12:00:00.000Z' }),
      conversation({ id: 'queued', routingState: 'queued', waitingSince: '2025-01-01T11:00:00.000Z' }),
      conversation({ id: 'bot-old', routingState: 'bot', lastMessageAt: '2025-01-01T08:00:00.000Z' }),
    ]);
    expect(ids(list)).toEqual(['queued', 'bot-new', 'bot-old']);
  });

  it('an offer is for me only while open, mine to take and addressed to me', () => {
    expect(isOfferToMe(offer('a'), me)).toBe(true);
    expect(isOfferToMe(offer('a'), 'u2')).toBe(false);
    expect(isOfferToMe(offer('a'), null)).toBe(false);
    expect(isOfferToMe(offer('a', { status: 'resolved' }), me)).toBe(false);
    expect(isOfferToMe(offer('a', { access: 'lost' }), me)).toBe(false);
    expect(isOfferToMe(offer('a', { routingState: 'assigned' }), me)).toBe(false);
  });

  it('names who an offer is for: me, a colleague, or nobody when it is not an offer', () => {
    expect(offerAudience(offer('a'), me)).toBe('me');
    expect(offerAudience(offer('a', { offeredToId: 'u2' }), me)).toBe('other');
    expect(offerAudience(conversation({ id: 'b', routingState: 'queued' }), me)).toBeNull();
    expect(offerAudience(offer('a', { status: 'resolved' }), me)).toBeNull();
  });

  it('finds offers that were not there before, for the announcement', () => {
    const list = [offer('old'), offer('new'), offer('theirs', { offeredToId: 'u2' }), conversation({ id: 'x' })];
    expect(ids(newOffers(new Set(['old']), list, me))).toEqual(['new']);
    expect(newOffers(new Set(['old', 'new']), list, me)).toEqual([]);
  });
});

describe('inbox tabs', () => {
  const me = 'u1';
  const list = [
    conversation({ id: 'mine', assigneeId: me, assigneeName: 'Li Na' }),
    conversation({ id: 'colleague', assigneeId: 'u2', assigneeName: 'Wang' }),
    conversation({ id: 'queued', routingState: 'queued', waitingSince: '2025-01-01T09:00:00.000Z' }),
    conversation({ id: 'offer', routingState: 'offered', offeredToId: me }),
    conversation({ id: 'resolved', status: 'resolved' }),
    conversation({ id: 'lost', access: 'lost', assigneeId: 'u2' }),
    conversation({ id: 'mine-resolved', assigneeId: me, status: 'resolved' }),
  ];

  it('Mine holds my open chats and offers to me; a chat taken away or resolved leaves it', () => {
    expect(ids(filterConversations(list, 'mine', me))).toEqual(['mine', 'offer']);
  });

  it('Mine shows my resolved chats when resolved ones are asked for', () => {
    expect(list.filter((c) => matchesFilter(c, 'mine', me, { resolved: true })).map((c) => c.id)).toEqual(['mine', 'offer', 'mine-resolved']);
  });

  it('Unassigned holds open chats nobody has taken (and offers to me)', () => {
    expect(ids(filterConversations(list, 'unassigned', me))).toEqual(['queued', 'offer']);
  });

  it('All holds everything, as the same array', () => {
    expect(filterConversations(list, 'all', me)).toBe(list);
  });

  it('counts each tab', () => {
    expect(countByFilter(list, me)).toEqual({ mine: 2, unassigned: 2, all: 7 });
    expect(countByFilter([], me)).toEqual({ mine: 0, unassigned: 0, all: 0 });
  });

  it('knows its tab names', () => {
    expect(isInboxFilter('mine')).toBe(true);
    expect(isInboxFilter('everything')).toBe(false);
    expect(isInboxFilter(null)).toBe(false);
  });

  it('reads the remembered tab, falling back to All', () => {
    const storage = (value: string | null) => ({ getItem: () => value });
    expect(readInboxFilter(storage('unassigned'))).toBe('unassigned');
    expect(readInboxFilter(storage('bogus'))).toBe('all');
    expect(readInboxFilter(null)).toBe('all');
    expect(readInboxFilter({ getItem: () => { throw new Error('blocked'); } })).toBe('all');
  });

  it('the store sorts with the signed-in agent\'s offers first once it knows who that is', () => {
    useInboxStore.getState().reset();
    useInboxStore.getState().setLoaded([
      conversation({ id: 'queued', routingState: 'queued', waitingSince: '2025-01-01T08:00:00.000Z' }),
      conversation({ id: 'offer', routingState: 'offered', offeredToId: me, waitingSince: '2025-01-01T09:00:00.000Z' }),
    ]);
    expect(useInboxStore.getState().conversations.map((c) => c.id)).toEqual(['queued', 'offer']);
    useInboxStore.getState().setMe(me);
    expect(useInboxStore.getState().conversations.map((c) => c.id)).toEqual(['offer', 'queued']);
  });
});
