import { describe, expect, it } from 'vitest';
import { clientId, message } from '../testing/fixtures';
import { mergeMessage, mergeMessages, orderMessages, removeMessage } from './thread-logic';

const ids = (list: { id: string }[]) => list.map((m) => m.id);

describe('thread ordering', () => {
  it('orders confirmed messages by seq, whatever order they arrive in', () => {
    const list = orderMessages([message({ id: 'c', seq: 30 }), message({ id: 'a', seq: 10 }), message({ id: 'b', seq: 20 })]);
    expect(ids(list)).toEqual(['a', 'b', 'c']);
  });

  it('keeps replies still sending after every confirmed message, in the order they were written', () => {
    const list = orderMessages([
      message({ id: 'tmp-2', seq: 0, delivery: 'sending', createdAt: '2025-01-01T10:02:00.000Z' }),
      message({ id: 'tmp-1', seq: 0, delivery: 'sending', createdAt: '2025-01-01T10:01:00.000Z' }),
      message({ id: 'late', seq: 99 }),
      message({ id: 'early', seq: 5 }),
    ]);
    expect(ids(list)).toEqual(['early', 'late', 'tmp-1', 'tmp-2']);
  });
});

describe('merging a message into a thread', () => {
  it('adds a new message in seq order', () => {
    const list = mergeMessage([message({ id: 'a', seq: 1 }), message({ id: 'c', seq: 3 })], message({ id: 'b', seq: 2 }));
    expect(ids(list)).toEqual(['a', 'b', 'c']);
  });

  it('replaces a message with the same id', () => {
    const list = mergeMessage([message({ id: 'a', body: 'old' })], message({ id: 'a', body: 'new' }));
    expect(list).toHaveLength(1);
    expect(list[0]?.body).toBe('new');
  });

  it('replaces the optimistic copy by clientId when the stored message arrives', () => {
    const optimistic = message({ id: 'local-1', clientId: 'cid-1', seq: 0, senderType: 'agent', delivery: 'sending' });
    const stored = message({ id: 'srv-42', clientId: 'cid-1', seq: 42, senderType: 'agent', delivery: 'sent' });
    const list = mergeMessage([message({ id: 'x', seq: 41 }), optimistic], stored);
    expect(ids(list)).toEqual(['x', 'srv-42']);
    expect(list[1]?.delivery).toBe('sent');
  });

  it('never lets a late "sending" answer undo the server acknowledgement', () => {
    const sent = message({ id: 'srv-42', clientId: 'cid-1', seq: 42, senderType: 'agent', delivery: 'sent' });
    const lateEcho = message({ id: 'local-1', clientId: 'cid-1', seq: 0, senderType: 'agent', delivery: 'sending' });
    const list = mergeMessage([sent], lateEcho);
    expect(list).toEqual([sent]);
  });

  it('turns a sending reply into a failed one with its reason', () => {
    const sending = message({ id: 'local-1', clientId: 'cid-1', seq: 0, senderType: 'agent', delivery: 'sending' });
    const failed = { ...sending, delivery: 'failed' as const, error: { code: 'forbidden' as const, message: 'reassigned' } };
    const list = mergeMessage([sending], failed);
    expect(list).toHaveLength(1);
    expect(list[0]?.delivery).toBe('failed');
    expect(list[0]?.error?.code).toBe('forbidden');
  });

  it('collapses an optimistic copy and its stored twin loaded by messages.list', () => {
    const existing = [
      message({ id: 'a', seq: 1 }),
      message({ id: 'local-1', clientId: 'cid-1', seq: 0, senderType: 'agent', delivery: 'sending' }),
      message({ id: 'b', seq: 2 }), // arrived by event while the list was loading
    ];
    const loaded = [message({ id: 'a', seq: 1 }), message({ id: 'srv-3', clientId: 'cid-1', seq: 3, senderType: 'agent' })];
    expect(ids(mergeMessages(existing, loaded))).toEqual(['a', 'b', 'srv-3']);
  });

  it('does not change the input array', () => {
    const input = [message({ id: 'a', seq: 2 })];
    mergeMessage(input, message({ id: 'b', seq: 1 }));
    expect(ids(input)).toEqual(['a']);
  });
});

describe('the outbox in the thread', () => {
  const reply = (n: number, overrides: Parameters<typeof message>[0]) =>
    message({ clientId: clientId(n), senderType: 'agent', seq: 0, delivery: 'queued', ...overrides });

  it('orders pending replies by clientId (UUIDv7 sorts by creation), whatever their clocks say', () => {
    const list = orderMessages([
      reply(3, { id: 'third', createdAt: '2025-01-01T10:00:00.000Z' }),
      message({ id: 'stored', seq: 12 }),
      reply(1, { id: 'first', createdAt: '2025-01-01T10:09:00.000Z', delivery: 'failed' }),
      reply(2, { id: 'second', createdAt: '2025-01-01T10:05:00.000Z', delivery: 'sending' }),
    ]);
    expect(ids(list)).toEqual(['stored', 'first', 'second', 'third']);
  });

  it('a reply written offline (queued) becomes the stored message, with its id and seq, when sent', () => {
    const queued = reply(1, { id: 'local-1', body: 'written offline' });
    const thread = mergeMessages([message({ id: 'a', seq: 40 }), queued, reply(2, { id: 'local-2' })], []);
    expect(ids(thread)).toEqual(['a', 'local-1', 'local-2']);

    const sent = message({ id: 'srv-41', clientId: clientId(1), seq: 41, senderType: 'agent', body: 'written offline' });
    const list = mergeMessage(thread, sent);
    expect(ids(list)).toEqual(['a', 'srv-41', 'local-2']);
    expect(list[1]).toMatchObject({ delivery: 'sent', seq: 41 });
  });

  it('keeps a queued reply when it moves to sending, then failed, as one bubble', () => {
    let list = mergeMessage([], reply(1, { id: 'local-1' }));
    list = mergeMessage(list, reply(1, { id: 'local-1', delivery: 'sending' }));
    list = mergeMessage(list, reply(1, { id: 'local-1', delivery: 'failed', error: { code: 'reassigned', message: 'x' } }));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ delivery: 'failed', error: { code: 'reassigned' } });
  });

  it('message.removed drops that pending bubble and nothing else', () => {
    const list = [message({ id: 'a', seq: 1 }), reply(1, { id: 'local-1' }), reply(2, { id: 'local-2', delivery: 'failed' })];
    expect(ids([...removeMessage(list, clientId(2))])).toEqual(['a', 'local-1']);
  });

  it('never drops a message the server stored, and returns the same array when nothing matched', () => {
    const list = [message({ id: 'srv-1', clientId: clientId(1), seq: 1, senderType: 'agent' })];
    expect(removeMessage(list, clientId(1))).toBe(list);
    expect(removeMessage(list, clientId(9))).toBe(list);
  });

  it('ignores a late unconfirmed copy of a removed reply, but shows it if the server stored it', () => {
    const removed = { [clientId(1)]: true as const };
    expect(mergeMessage([], reply(1, { id: 'local-1', delivery: 'sending' }), removed)).toEqual([]);
    const stored = message({ id: 'srv-5', clientId: clientId(1), seq: 5, senderType: 'agent' });
    expect(ids(mergeMessage([], stored, removed))).toEqual(['srv-5']);
  });
});

describe('a reply’s delivery on the customer’s platform', () => {
  const at = (status: 'pending' | 'sent' | 'delivered' | 'read' | 'failed', updatedAt: string, reason: string | null = null) => ({
    status,
    reason,
    attempts: 1,
    updatedAt,
  });
  const reply = (channelDelivery: ReturnType<typeof at> | null) =>
    message({ id: 'srv-7', clientId: clientId(7), seq: 7, senderType: 'agent', channelDelivery });

  it('moves on to the state heard last when it is newer', () => {
    const list = mergeMessage([reply(at('sent', '2025-01-01T10:00:01.000Z'))], reply(at('read', '2025-01-01T10:00:05.000Z')));
    expect(list).toHaveLength(1);
    expect(list[0]?.channelDelivery?.status).toBe('read');
  });

  it('keeps a newer state when an older copy of the reply arrives late (the ack, a sync page)', () => {
    const list = mergeMessage([reply(at('delivered', '2025-01-01T10:00:05.000Z'))], reply(at('pending', '2025-01-01T10:00:00.000Z')));
    expect(list[0]?.channelDelivery?.status).toBe('delivered');
    // A copy without any delivery (the optimistic one) does not wipe it either.
    expect(mergeMessage(list, reply(null))[0]?.channelDelivery?.status).toBe('delivered');
  });

  it('shows a failure reported after the reply was read, with the platform’s reason', () => {
    const failed = reply(at('failed', '2025-01-01T10:01:00.000Z', 'Message undeliverable (131026)'));
    const list = mergeMessage([reply(at('read', '2025-01-01T10:00:05.000Z'))], failed);
    expect(list[0]?.channelDelivery).toEqual(failed.channelDelivery);
  });
});
