import { describe, expect, it } from 'vitest';
import { conversation } from '../testing/fixtures';
import { reconcileConversations, sortConversations, upsertConversation, upsertConversations } from './inbox-logic';

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
