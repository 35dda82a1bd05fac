import { afterEach, describe, expect, it } from 'vitest';
import type { MessageDeliveryPush } from '../../shared/channels';
import type { EventName } from '../../shared/contract';
import type { MessageDelivery } from '../../shared/domain';
import type { CacheStore } from './cache/cache-store';
import { ChannelDeliveries, type DeliveriesTransport } from './channel-deliveries';
import { aConversation, aMessage, fill, memoryCache } from './testing/cache-fixtures';

let store: CacheStore | undefined;
afterEach(async () => {
  await store?.db.close();
  store = undefined;
});

const at = (status: MessageDelivery['status'], updatedAt: string, reason: string | null = null, attempts = 1): MessageDelivery => ({
  status, reason, attempts, updatedAt,
});
const push = (messageId: string, delivery: MessageDelivery, conversationId = 'c1'): MessageDeliveryPush => ({ conversationId, messageId, delivery });
const reply = (id: string, seq: number, delivery?: MessageDelivery) =>
  aMessage({ id, seq, senderType: 'agent', senderId: 'u1', ...(delivery ? { delivery } : {}) });

function setUp(answer: (ids: string[]) => MessageDeliveryPush[] = () => []) {
  const events: { event: EventName; payload: unknown }[] = [];
  const asked: string[][] = [];
  const transport: DeliveriesTransport = {
    isOnline: () => true,
    request: async (_name, { messageIds }) => {
      asked.push(messageIds);
      return { deliveries: answer(messageIds) };
    },
  };
  const deliveries = new ChannelDeliveries(store!, transport, (event, payload) => events.push({ event, payload }), {
    now: () => new Date('2025-01-03T10:00:00.000Z'),
  });
  const updated = () => events.filter((e) => e.event === 'message.updated').map((e) => e.payload as { id: string; channelDelivery?: MessageDelivery });
  return { deliveries, asked, updated };
}

const cached = async (id: string) => (await store!.thread('c1')).find((m) => m.id === id)?.delivery;

describe('replies’ delivery on platform channels in the cache', () => {
  it('moves a cached reply on and tells the thread, but never back to an older state', async () => {
    store = await memoryCache();
    await fill(store, { conversations: [aConversation({ id: 'c1', channelKind: 'whatsapp' })], messages: [reply('r1', 2, at('pending', '2025-01-01T10:00:00.000Z', null, 0))] });
    const { deliveries, updated } = setUp();
    await deliveries.apply([push('r1', at('delivered', '2025-01-01T10:00:02.000Z'))]);
    await deliveries.apply([push('r1', at('sent', '2025-01-01T10:00:01.000Z'))]);
    expect(await cached('r1')).toEqual(at('delivered', '2025-01-01T10:00:02.000Z'));
    expect(updated()).toEqual([expect.objectContaining({ id: 'r1', delivery: 'sent', channelDelivery: at('delivered', '2025-01-01T10:00:02.000Z') })]);
    // A reply the cache does not hold (another thread not fetched) changes nothing.
    await deliveries.apply([push('unknown', at('read', '2025-01-01T10:00:03.000Z'))]);
    expect(updated()).toHaveLength(1);
  });

  it('takes a later state from a sync page or a thread read, keeps everything else of the stored message', async () => {
    store = await memoryCache();
    await fill(store, { conversations: [aConversation({ id: 'c1' })], messages: [reply('r1', 2, at('sent', '2025-01-01T10:00:01.000Z'))] });
    await fill(store, { messages: [{ ...reply('r1', 2, at('read', '2025-01-01T10:00:09.000Z')), body: 'changed elsewhere?' }] });
    const [stored] = await store.thread('c1');
    expect(stored).toMatchObject({ body: 'text of r1', delivery: at('read', '2025-01-01T10:00:09.000Z') });
    // An older copy (or one without a delivery) leaves it as it is.
    await fill(store, { messages: [reply('r1', 2, at('sent', '2025-01-01T10:00:01.000Z')), reply('r1', 2)] });
    expect(await cached('r1')).toEqual(at('read', '2025-01-01T10:00:09.000Z'));
    // As new but different (a failure reported in the same millisecond): the copy heard last wins.
    await fill(store, { messages: [reply('r1', 2, at('failed', '2025-01-01T10:00:09.000Z', 'Message undeliverable'))] });
    expect(await cached('r1')).toEqual(at('failed', '2025-01-01T10:00:09.000Z', 'Message undeliverable'));
  });

  it('after a reconnect asks about recent replies still on their way, and stores the answers', async () => {
    store = await memoryCache();
    await fill(store, {
      conversations: [aConversation({ id: 'c1', lastMessageAt: '2025-01-03T09:00:00.000Z' }), aConversation({ id: 'old', lastMessageAt: '2024-12-01T09:00:00.000Z' })],
      messages: [
        reply('sent-1', 2, at('sent', '2025-01-03T09:00:00.000Z')),
        reply('failed-1', 3, at('failed', '2025-01-03T09:00:00.000Z', 'blocked')),
        aMessage({ id: 'customer', seq: 4 }),
        reply('widget-reply', 5),
        { ...reply('old-1', 6, at('sent', '2024-12-01T09:00:00.000Z')), conversationId: 'old' },
      ],
    });
    const { deliveries, asked, updated } = setUp((ids) => ids.map((id) => push(id, at('read', '2025-01-03T09:30:00.000Z'))));
    await deliveries.refresh();
    expect(asked).toEqual([['sent-1']]);
    expect(await cached('sent-1')).toEqual(at('read', '2025-01-03T09:30:00.000Z'));
    expect(updated().map((m) => m.id)).toEqual(['sent-1']);
  });
});
