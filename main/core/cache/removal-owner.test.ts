import { afterEach, describe, expect, it } from 'vitest';
import type { CacheStore } from './cache-store';
import { aConversation, fill, memoryCache } from '../testing/cache-fixtures';

let store: CacheStore | undefined;
afterEach(async () => {
  await store?.db.close();
  store = undefined;
});

describe('who has a conversation, as the cache keeps it', () => {
  it('a conversation taken away but kept for unsent text shows its new owner, no longer offered to anyone', async () => {
    store = await memoryCache();
    await fill(store, { conversations: [aConversation({ id: 'c1', seq: 3, assigneeId: 'u1', assigneeName: '王芳', offeredToId: 'u1' })] });
    const cache = store;
    await cache.db.write((tx) => cache.putDraft(tx, { conversationId: 'c1', body: '稍等', updatedAt: '2025-01-01T10:00:00.000Z', reason: null }));
    const outcome = await cache.db.write((tx) => cache.removeConversation(tx, 'c1', { assigneeId: 'sup', assigneeName: '陈琳', status: 'open' }));
    expect(outcome).toBe('kept-lost');
    expect(await cache.conversation('c1')).toMatchObject({
      access: 'lost', assigneeId: 'sup', assigneeName: '陈琳', routingState: 'assigned', offeredToId: null, status: 'open',
    });
  });

  it('a removal that does not say who has it leaves the stored owner as it was', async () => {
    store = await memoryCache();
    await fill(store, { conversations: [aConversation({ id: 'c1', seq: 3, assigneeId: null, assigneeName: null })] });
    const cache = store;
    await cache.db.write((tx) => cache.putDraft(tx, { conversationId: 'c1', body: '稍等', updatedAt: '2025-01-01T10:00:00.000Z', reason: null }));
    await cache.db.write((tx) => cache.removeConversation(tx, 'c1'));
    expect(await cache.conversation('c1')).toMatchObject({ access: 'lost', assigneeId: null, assigneeName: null });
  });

  it('a renamed customer’s conversations take the new name, and lose the made-up mark', async () => {
    store = await memoryCache();
    await fill(store, {
      conversations: [
        aConversation({ id: 'c1', seq: 3, contactId: 'k1', contactName: 'Visitor 1196', contactNameGenerated: true }),
        aConversation({ id: 'c2', seq: 4, contactId: 'k2', contactName: '张伟' }),
      ],
    });
    const cache = store;
    const renamed = await cache.db.write((tx) => cache.renameContactConversations(tx, { id: 'k1', name: '陈小姐' }));
    expect(renamed).toEqual(['c1']);
    const c1 = await cache.conversation('c1');
    expect(c1).toMatchObject({ contactName: '陈小姐' });
    expect(c1).not.toHaveProperty('contactNameGenerated');
    expect(await cache.conversation('c2')).toMatchObject({ contactName: '张伟' });
    expect(await cache.db.write((tx) => cache.renameContactConversations(tx, { id: 'k1', name: '陈小姐' }))).toEqual([]);
  });
});
