import { afterEach, describe, expect, it } from 'vitest';
import { aContact, aConversation, aMessage, fill, memoryCache } from '../testing/cache-fixtures';
import type { CacheStore } from './cache-store';
import { migrate } from './migrate';
import { migrations } from './migrations';
import { badgeCount, markThreadRead, readMark } from './read-state';
import { SqliteDb } from './sqlite';

const me = 'u1';
let store: CacheStore | undefined;
afterEach(async () => {
  await store?.db.close();
  store = undefined;
});

const unreadOf = async (id: string) => (await store!.conversation(id))?.unread;
const markRead = (id: string) => store!.db.write((tx) => markThreadRead(tx, id));

describe('unread counts in the cache', () => {
  it('count the customer\'s messages after the read mark', async () => {
    store = await memoryCache();
    await fill(store, {
      conversations: [aConversation({ id: 'c1', seq: 10 })],
      messages: [aMessage({ id: 'm1', seq: 1 }), aMessage({ id: 'm2', seq: 2 }), aMessage({ id: 'm3', seq: 3 })],
    });
    expect(await unreadOf('c1')).toBe(3);
    expect(await markRead('c1')).toBe(true);
    expect(await unreadOf('c1')).toBe(0);
    expect(await readMark(store.db, 'c1')).toBe(3);
    await fill(store, { messages: [aMessage({ id: 'm4', seq: 4 }), aMessage({ id: 'm5', seq: 5 })] });
    expect(await unreadOf('c1')).toBe(2);
  });

  it('treat what the team answered as read, but not a private note, the bot or a system notice', async () => {
    store = await memoryCache();
    await fill(store, {
      conversations: [aConversation({ id: 'c1', seq: 10 })],
      messages: [
        aMessage({ id: 'm1', seq: 1 }),
        aMessage({ id: 'm2', seq: 2, senderType: 'agent', senderId: 'u2' }),
        aMessage({ id: 'm3', seq: 3 }),
        aMessage({ id: 'm4', seq: 4, senderType: 'agent', senderId: me, internal: true }),
        aMessage({ id: 'm5', seq: 5, senderType: 'bot' }),
        aMessage({ id: 'm6', seq: 6, senderType: 'system' }),
        aMessage({ id: 'm7', seq: 7 }),
      ],
    });
    expect(await unreadOf('c1')).toBe(2);
  });

  it('never move the read mark backwards, and do nothing for a thread without messages', async () => {
    store = await memoryCache();
    await fill(store, { conversations: [aConversation({ id: 'c1', seq: 10 }), aConversation({ id: 'empty', seq: 11 })] });
    await fill(store, { messages: [aMessage({ id: 'm9', seq: 9 })] });
    expect(await markRead('c1')).toBe(true);
    expect(await markRead('c1')).toBe(false);
    // A message fetched later with an older number does not pull the mark back.
    await fill(store, { messages: [aMessage({ id: 'm2', seq: 2 })] });
    expect(await markRead('c1')).toBe(false);
    expect(await readMark(store.db, 'c1')).toBe(9);
    expect(await markRead('empty')).toBe(false);
    expect(await unreadOf('empty')).toBe(0);
  });

  it('are part of every inbox read, with the customer\'s tags as labels', async () => {
    store = await memoryCache();
    await fill(store, {
      conversations: [aConversation({ id: 'c1', seq: 10, contactId: 'k1' }), aConversation({ id: 'c2', seq: 11, contactId: 'k2' })],
      contacts: [aContact({ id: 'k1', tags: ['vip', '回头客'] })],
      messages: [aMessage({ id: 'm1', seq: 1, conversationId: 'c1' }), aMessage({ id: 'm2', seq: 2, conversationId: 'c2' })],
    });
    const inbox = await store.inbox();
    expect(inbox.map((c) => [c.id, c.unread, c.labels])).toEqual(
      expect.arrayContaining([
        ['c1', 1, ['vip', '回头客']],
        ['c2', 1, []],
      ]),
    );
  });

  it('add up to the badge over my open conversations and offers to me only', async () => {
    store = await memoryCache();
    const conversations = [
      aConversation({ id: 'mine', seq: 20, assigneeId: me }),
      aConversation({ id: 'offer', seq: 21, routingState: 'offered', offeredToId: me }),
      aConversation({ id: 'colleague', seq: 22, assigneeId: 'u2' }),
      aConversation({ id: 'queued', seq: 23, routingState: 'queued' }),
      aConversation({ id: 'resolved', seq: 24, assigneeId: me, status: 'resolved' }),
    ];
    const messages = conversations.flatMap((c, i) => [
      aMessage({ id: `${c.id}-1`, seq: i * 2 + 1, conversationId: c.id }),
      aMessage({ id: `${c.id}-2`, seq: i * 2 + 2, conversationId: c.id }),
    ]);
    await fill(store, { conversations, messages });
    expect(await badgeCount(store.db, me)).toBe(4);
    await markRead('mine');
    expect(await badgeCount(store.db, me)).toBe(2);
    expect(await badgeCount(store.db, 'nobody')).toBe(0);
  });

  it('are counted for messages cached before the upgrade that brought them', async () => {
    const db = await SqliteDb.open(':memory:');
    await migrate(db, migrations.slice(0, 4));
    await db.run(`INSERT INTO conversations (id, seq, last_message_at, data) VALUES ('c1', 5, '2025-01-01T10:00:00Z', ?)`, [
      JSON.stringify(aConversation({ id: 'c1', seq: 5 })),
    ]);
    await db.run(`INSERT INTO messages (id, conversation_id, seq, client_id, data) VALUES ('m1', 'c1', 1, NULL, ?), ('m2', 'c1', 2, NULL, ?)`, [
      JSON.stringify(aMessage({ id: 'm1', seq: 1, body: 'Where is my parcel?' })),
      JSON.stringify(aMessage({ id: 'm2', seq: 2, senderType: 'agent', body: 'On its way' })),
    ]);
    // Migration 0005 brought them (0007 drops what was cached in clear; see migrate.test.ts).
    await migrate(db, migrations.slice(0, 5));
    expect(await db.get('SELECT COUNT(*) AS n FROM message_search')).toEqual({ n: 2 });
    expect(await db.get("SELECT author FROM messages WHERE id = 'm2'")).toEqual({ author: 'agent' });
    await db.close();
  });
});
