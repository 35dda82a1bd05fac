import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../shared/contract';
import { FEED_LIMIT, type FeedEntry, type FeedEvent } from '../../shared/notification-feed';
import { FieldCipher } from './cache/field-cipher';
import { migrate } from './cache/migrate';
import { SqliteDb } from './cache/sqlite';
import { NotificationFeed } from './notification-feed';
import { ManualClock } from './testing/manual-clock';

const mention: FeedEvent = { kind: 'mention', conversationId: 'c1', messageId: 'm1', byName: '陈琳', excerpt: '@王芳 请看一下退款' };
const whisper: FeedEvent = { kind: 'whisper', conversationId: 'c1', messageId: 'm1', byName: '陈琳', contactName: '张伟', excerpt: '@王芳 请看一下退款' };
const taken: FeedEvent = { kind: 'taken', conversationId: 'c2', byName: '陈琳', reason: 'VIP', contactName: 'Zhang Wei' };

const closing: SqliteDb[] = [];
const folders: string[] = [];
afterEach(async () => {
  for (const db of closing.splice(0)) await db.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function open(file = ':memory:', cipher = FieldCipher.random(), clock = new ManualClock()) {
  const db = await SqliteDb.open(file);
  closing.push(db);
  await migrate(db);
  const changes: EventPayload<'notificationFeed.changed'>[] = [];
  const fresh: FeedEntry[] = [];
  const feed = new NotificationFeed(db, cipher, (event, payload) => {
    if (event === 'notificationFeed.changed') changes.push(payload as EventPayload<'notificationFeed.changed'>);
  }, clock, (entry) => fresh.push(entry));
  return { db, feed, changes, fresh, clock, cipher };
}

describe('the notification centre in the local cache', () => {
  it('lists what happened newest first, unread, and announces each change', async () => {
    const { feed, changes, fresh, clock } = await open();
    await feed.add(mention);
    await clock.advance(60_000);
    await feed.add(taken);
    const list = await feed.list();
    expect(list.unread).toBe(2);
    expect(list.entries.map((e) => [e.event.kind, e.read])).toEqual([['taken', false], ['mention', false]]);
    expect(list.entries[0]!.at).toBe(new Date(clock.now()).toISOString());
    expect(changes.at(-1)).toEqual(list);
    expect(fresh.map((e) => e.event.kind)).toEqual(['mention', 'taken']);
  });

  it('the same note told twice is one entry, and a mention says more than the whisper it replaces', async () => {
    const { feed, fresh, changes } = await open();
    await feed.add(whisper);
    await feed.add(whisper);
    expect(changes).toHaveLength(1);
    await feed.add(mention);
    const { entries } = await feed.list();
    expect(entries.map((e) => e.event.kind)).toEqual(['mention']);
    // Only the first was new: one OS notification for one note.
    expect(fresh).toHaveLength(1);
    // A whisper after the mention changes nothing.
    await feed.add(whisper);
    expect((await feed.list()).entries.map((e) => e.event.kind)).toEqual(['mention']);
  });

  it('marks entries read one by one or all at once', async () => {
    const { feed, clock } = await open();
    const first = await feed.add(mention);
    await clock.advance(1000);
    await feed.add(taken);
    const some = await feed.markRead({ ids: [first!.id] });
    expect(some.unread).toBe(1);
    expect(some.entries.find((e) => e.id === first!.id)?.read).toBe(true);
    const all = await feed.markRead({ all: true });
    expect(all.unread).toBe(0);
    expect(all.entries.every((e) => e.read)).toBe(true);
  });

  it('keeps only the newest entries', async () => {
    const { feed, clock } = await open();
    for (let i = 0; i < FEED_LIMIT + 5; i++) {
      await clock.advance(1000);
      await feed.add({ ...taken, conversationId: `c${i}` });
    }
    const { entries } = await feed.list();
    expect(entries).toHaveLength(FEED_LIMIT);
    expect(entries[0]!.event).toMatchObject({ conversationId: `c${FEED_LIMIT + 4}` });
  });

  it('survives a restart, with the names sealed on disk', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sb-feed-'));
    folders.push(folder);
    const file = join(folder, 'cache.sqlite');
    const cipher = FieldCipher.random();
    const before = await open(file, cipher);
    await before.feed.add(taken);
    await before.feed.add(mention);
    await before.feed.markRead({ ids: [(await before.feed.list()).entries.find((e) => e.event.kind === 'taken')!.id] });
    await before.db.close();
    closing.splice(closing.indexOf(before.db), 1);
    expect(readFileSync(file).toString('utf8')).not.toContain('Zhang Wei');

    const after = await open(file, cipher);
    const list = await after.feed.list();
    expect(list.unread).toBe(1);
    expect(list.entries.map((e) => [e.event.kind, e.read]).sort()).toEqual([['mention', false], ['taken', true]]);
  });
});
