import { afterEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../shared/contract';
import type { User } from '../../shared/domain';
import { AttentionService, preferencesIn } from './attention';
import type { CacheStore } from './cache/cache-store';
import { defaultSettings } from './settings';
import { aConversation, aMessage, fill, memoryCache } from './testing/cache-fixtures';
import { ManualClock } from './testing/manual-clock';
import type { StoredSettings } from './types';

const user: User = { id: 'u1', accountId: 'a1', email: 'wang.fang@demo.test', name: '王芳', role: 'agent' };
const mine = aConversation({ id: 'c1', seq: 100, assigneeId: user.id, contactName: '张伟' });

function memorySettings() {
  let value: StoredSettings = { ...defaultSettings };
  return { get: () => value, set: (patch: Partial<StoredSettings>) => (value = { ...value, ...patch }) };
}

let store: CacheStore | undefined;
let service: AttentionService | undefined;
afterEach(async () => {
  service?.dispose();
  await store?.db.close();
  store = service = undefined;
});

async function setUp(clock = new ManualClock()) {
  store = await memoryCache();
  const events: { event: EventName; payload: unknown }[] = [];
  service = new AttentionService(store, (event, payload) => events.push({ event, payload }), user, preferencesIn(memorySettings(), user.id), 0, clock);
  await fill(store, { conversations: [mine], messages: [aMessage({ id: 'm1', seq: 1, conversationId: 'c1' })] });
  const of = (event: EventName) => events.filter((e) => e.event === event).map((e) => e.payload);
  return { store, service, events, of, clock };
}

describe('attention: read marks, notifications and the badge', () => {
  it('opening a conversation in a focused window reads it and announces the change', async () => {
    const { service, of } = await setUp();
    await service.setAttention({ conversationId: 'c1', focused: false });
    expect(of('conversation.updated')).toEqual([]);
    await service.setAttention({ conversationId: 'c1', focused: true });
    expect(of('conversation.updated')).toEqual([expect.objectContaining({ id: 'c1', unread: 0 })]);
    // Nothing moved the second time: nothing to announce.
    await service.setAttention({ conversationId: 'c1', focused: true });
    expect(of('conversation.updated')).toHaveLength(1);
  });

  it('tells the server how far the agent read, only when the mark moved', async () => {
    store = await memoryCache();
    const told: [string, number][] = [];
    service = new AttentionService(store, () => undefined, user, preferencesIn(memorySettings(), user.id), 0, new ManualClock(), (id, seq) => told.push([id, seq]));
    await fill(store, { conversations: [mine], messages: [aMessage({ id: 'm1', seq: 7, conversationId: 'c1' })] });
    await service.setAttention({ conversationId: 'c1', focused: true });
    await service.markRead('c1');
    expect(told).toEqual([['c1', 7]]);
    await fill(store, { messages: [aMessage({ id: 'm2', seq: 9, conversationId: 'c1' })] });
    await service.markRead('c1');
    expect(told).toEqual([['c1', 7], ['c1', 9]]);
  });

  it('a customer message in the conversation in front of a focused agent stays read and raises nothing', async () => {
    const { store, service, of } = await setUp();
    await service.setAttention({ conversationId: 'c1', focused: true });
    const message = aMessage({ id: 'm2', seq: 2, conversationId: 'c1', body: 'Still there?' });
    await fill(store, { messages: [message] });
    await service.onLive({ conversations: [], messages: [{ message, conversation: mine }] });
    expect((await store.conversation('c1'))?.unread).toBe(0);
    expect(of('notification.show')).toEqual([]);
  });

  it('the same message while the window is in the background raises a notification and counts on the badge', async () => {
    const { store, service, of, clock } = await setUp();
    await service.setAttention({ conversationId: 'c1', focused: false });
    const message = aMessage({ id: 'm2', seq: 2, conversationId: 'c1', body: 'Still there?' });
    await fill(store, { messages: [message] });
    await service.onLive({ conversations: [], messages: [{ message, conversation: mine }] });
    expect(of('notification.show')).toEqual([
      { kind: 'message', conversationId: 'c1', title: '张伟', body: 'Still there?', silent: false },
    ]);
    await clock.advance(0);
    expect(of('badge.changed')).toEqual([{ count: 2 }]);
    // Counting again without a change announces nothing.
    service.badgeSoon();
    expect(clock.waiting()).toBe(1);
    await clock.advance(0);
    expect(of('badge.changed')).toHaveLength(1);
    await service.markRead('c1');
    await clock.advance(0);
    expect(of('badge.changed')).toEqual([{ count: 2 }, { count: 0 }]);
  });

  it('keeps each agent\'s preferences apart, and follows them', async () => {
    const settings = memorySettings();
    const mineStore = preferencesIn(settings, 'u1');
    const theirs = preferencesIn(settings, 'u2');
    mineStore.set({ ...mineStore.get(), newMessages: false });
    expect(mineStore.get()).toEqual({ newConversations: true, newMessages: false, sound: true, ticketSla: true, mentions: true });
    expect(theirs.get()).toEqual({ newConversations: true, newMessages: true, sound: true, ticketSla: true, mentions: true });

    const { store, service, of } = await setUp();
    expect(service.setPreferences({ newMessages: false, sound: false })).toEqual({ newConversations: true, newMessages: false, sound: false, ticketSla: true, mentions: true });
    const message = aMessage({ id: 'm2', seq: 2, conversationId: 'c1' });
    await fill(store, { messages: [message] });
    await service.onLive({ conversations: [], messages: [{ message, conversation: mine }] });
    expect(of('notification.show')).toEqual([]);
  });

  it('announces a new conversation once, not again when it is offered a moment later', async () => {
    const clock = new ManualClock(1_000_000);
    const { service, of } = await setUp(clock);
    const queued = aConversation({ id: 'q1', seq: 200, routingState: 'queued' });
    const offered = { ...queued, seq: 201, routingState: 'offered' as const, offeredToId: user.id };
    await service.onLive({ conversations: [{ current: queued, previous: null }], messages: [] });
    await service.onLive({ conversations: [{ current: offered, previous: queued }], messages: [] });
    expect(of('notification.show')).toHaveLength(1);
    // Offered again much later (declined by a colleague meanwhile, say): worth telling again.
    await clock.advance(60_000);
    await service.onLive({ conversations: [{ current: { ...offered, seq: 203 }, previous: { ...queued, seq: 202 } }], messages: [] });
    expect(of('notification.show')).toHaveLength(2);
  });

  it('refuses to mark a conversation the cache does not hold', async () => {
    const { service } = await setUp();
    await expect(service.markRead('nope')).rejects.toMatchObject({ code: 'not_found' });
    await expect(service.setAttention({ conversationId: 'nope', focused: true })).resolves.toBeUndefined();
  });

  it('a ticket nearing or past its SLA target is a notification while the window is elsewhere, unless turned off', async () => {
    const { service, of } = await setUp();
    const notice = {
      ticketId: 't1', number: 7, subject: 'Blender repair', priority: 'high' as const, departmentId: null, assigneeId: user.id,
      target: 'resolution' as const, kind: 'warning' as const, dueAt: '2026-12-07T12:00:00.000Z', at: '2026-12-07T11:00:00.000Z',
    };
    service.onTicketSla(notice);
    expect(of('notification.show')).toEqual([
      { kind: 'ticket', ticketId: 't1', number: 7, title: 'Blender repair', sla: { kind: 'warning', target: 'resolution', dueAt: notice.dueAt }, silent: false },
    ]);
    // In front, the app's notice centre says it; no notification on top.
    await service.setAttention({ conversationId: null, focused: true });
    service.onTicketSla({ ...notice, kind: 'breach' });
    expect(of('notification.show')).toHaveLength(1);
    await service.setAttention({ conversationId: null, focused: false });
    service.setPreferences({ sound: false });
    service.onTicketSla({ ...notice, kind: 'breach' });
    expect(of('notification.show').at(-1)).toMatchObject({ kind: 'ticket', sla: { kind: 'breach' }, silent: true });
    service.setPreferences({ ticketSla: false });
    service.onTicketSla({ ...notice, ticketId: 't2' });
    expect(of('notification.show')).toHaveLength(2);
  });

  it('a mention, whisper or takeover is a notification only while the window is elsewhere; offers and SLA notices have their own', async () => {
    const { service, of } = await setUp();
    const at = '2026-01-01T00:00:00.000Z';
    const whisper = { kind: 'whisper' as const, conversationId: 'c1', messageId: 'm9', byName: '陈琳', contactName: '张伟', excerpt: '先退款' };
    service.onFeedEntry({ id: 'note:m9', at, read: false, event: whisper });
    expect(of('notification.show')).toEqual([{ kind: 'feed', entryId: 'note:m9', event: whisper, silent: false }]);
    service.onFeedEntry({ id: 'offer:c1', at, read: false, event: { kind: 'offer', conversationId: 'c1', contactName: '张伟', excerpt: '' } });
    expect(of('notification.show')).toHaveLength(1);
    await service.setAttention({ conversationId: null, focused: true });
    service.onFeedEntry({ id: 'note:m10', at, read: false, event: { ...whisper, messageId: 'm10' } });
    expect(of('notification.show')).toHaveLength(1);
    await service.setAttention({ conversationId: null, focused: false });
    service.setPreferences({ mentions: false });
    service.onFeedEntry({ id: 'note:m11', at, read: false, event: { ...whisper, messageId: 'm11' } });
    expect(of('notification.show')).toHaveLength(1);
  });
});
