import { beforeEach, describe, expect, it } from 'vitest';
import { conversation } from '../testing/fixtures';
import {
  canActOn,
  reconcileConversations,
  removeConversation,
  sortConversations,
  upsertConversation,
  upsertConversations,
} from './inbox-logic';
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
