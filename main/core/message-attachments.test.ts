import { afterEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../shared/contract';
import type { Attachment } from '../../shared/domain';
import type { CacheStore } from './cache/cache-store';
import { applyAttachmentPush } from './message-attachments';
import { aConversation, aMessage, fill, memoryCache } from './testing/cache-fixtures';

let store: CacheStore | undefined;
afterEach(async () => {
  await store?.db.close();
  store = undefined;
});

const photo = (fields: Partial<Attachment>): Attachment => ({
  kind: 'image', mediaId: 'wa-1', url: null, mimeType: 'image/jpeg', fileName: null, size: null, caption: 'cracked screen', latitude: null, longitude: null, label: null, ...fields,
});

describe('a customer’s file arriving on the desktop', () => {
  it('gives the cached message its stored file and tells the thread, keeping the rest of the message', async () => {
    store = await memoryCache();
    const message = aMessage({ id: 'm1', seq: 3, senderType: 'contact', body: '[Photo] cracked screen', attachment: photo({ fileId: 'f1', state: 'pending' }) });
    await fill(store, { conversations: [aConversation({ id: 'c1', channelKind: 'whatsapp' })], messages: [message] });
    const events: { event: EventName; payload: unknown }[] = [];
    const ready = photo({ fileId: 'f1', state: 'ready', mimeType: 'image/png', size: 68 });
    await applyAttachmentPush(store, (event, payload) => events.push({ event, payload }), { conversationId: 'c1', messageId: 'm1', attachment: ready });
    const [cached] = await store.thread('c1');
    expect(cached).toMatchObject({ id: 'm1', body: '[Photo] cracked screen', attachment: ready });
    expect(events).toEqual([{ event: 'message.updated', payload: expect.objectContaining({ id: 'm1', attachment: ready }) }]);
    // A message the desktop does not hold changes nothing and tells nobody.
    await applyAttachmentPush(store, (event, payload) => events.push({ event, payload }), { conversationId: 'c1', messageId: 'other', attachment: ready });
    expect(events).toHaveLength(1);
  });
});
