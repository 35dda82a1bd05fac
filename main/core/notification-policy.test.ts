import { describe, expect, it } from 'vitest';
import { defaultNotificationPreferences, type NotificationPreferences } from '../../shared/notifications';
import { decideNotifications, type Attention, type LiveChange } from './notification-policy';
import { aConversation, aMessage } from './testing/cache-fixtures';

const me = 'u1';
const away: Attention = { conversationId: null, focused: false };
const all = defaultNotificationPreferences;

function decide(change: Partial<LiveChange>, preferences: NotificationPreferences = all, attention: Attention = away) {
  return decideNotifications({ conversations: [], messages: [], ...change }, me, preferences, attention);
}

const queued = aConversation({ id: 'c1', contactName: '张伟', routingState: 'queued', lastMessagePreview: '我的订单还没到' });
const mine = aConversation({ id: 'c2', contactName: 'Sarah', assigneeId: me });
const customerWrites = (conversation = mine, body = 'Any news?') => ({
  message: aMessage({ id: 'm1', seq: 9, conversationId: conversation.id, body }),
  conversation,
});

describe('which changes deserve a notification', () => {
  it('a conversation that starts waiting for a person, named after the customer with their words', () => {
    expect(decide({ conversations: [{ current: queued, previous: null }] })).toEqual([
      { kind: 'conversation', conversationId: 'c1', title: '张伟', body: '我的订单还没到', silent: false },
    ]);
  });

  it('not a conversation the cache has yet to catch up on (it may be hours old), unless it changed to wait while known', () => {
    expect(decide({ conversations: [{ current: queued, previous: null }], behind: true })).toEqual([]);
    const bot = { ...queued, routingState: 'bot' as const };
    expect(decide({ conversations: [{ current: queued, previous: bot }], behind: true })).toHaveLength(1);
  });

  it('one the bot hands over, one offered to me, one handed to me', () => {
    const bot = { ...queued, routingState: 'bot' as const };
    const offered = { ...queued, routingState: 'offered' as const, offeredToId: me };
    const colleagues = { ...mine, assigneeId: 'u2' };
    expect(decide({ conversations: [{ current: queued, previous: bot }] })).toHaveLength(1);
    expect(decide({ conversations: [{ current: offered, previous: queued }] })).toHaveLength(1);
    expect(decide({ conversations: [{ current: mine, previous: colleagues }] })).toHaveLength(1);
  });

  it('not my own accept, a chat still with the bot, a colleague\'s chat, or one resolved', () => {
    const offered = { ...mine, routingState: 'offered' as const, assigneeId: null, offeredToId: me };
    expect(decide({ conversations: [{ current: mine, previous: offered }] })).toEqual([]);
    expect(decide({ conversations: [{ current: { ...queued, routingState: 'bot' }, previous: null }] })).toEqual([]);
    expect(decide({ conversations: [{ current: { ...mine, assigneeId: 'u2' }, previous: null }] })).toEqual([]);
    expect(decide({ conversations: [{ current: { ...queued, status: 'resolved' }, previous: null }] })).toEqual([]);
    expect(decide({ conversations: [{ current: queued, previous: queued }] })).toEqual([]);
  });

  it('a customer message in one of my conversations, but not mine own words, a note, or a colleague\'s chat', () => {
    expect(decide({ messages: [customerWrites()] })).toEqual([
      { kind: 'message', conversationId: 'c2', title: 'Sarah', body: 'Any news?', silent: false },
    ]);
    const agentReply = { message: aMessage({ id: 'm2', seq: 10, conversationId: 'c2', senderType: 'agent' }), conversation: mine };
    const note = { message: aMessage({ id: 'm3', seq: 11, conversationId: 'c2', internal: true }), conversation: mine };
    expect(decide({ messages: [agentReply, note] })).toEqual([]);
    expect(decide({ messages: [customerWrites({ ...mine, assigneeId: 'u2' })] })).toEqual([]);
    expect(decide({ messages: [{ ...customerWrites(), conversation: null }] })).toEqual([]);
  });

  it('nothing for the conversation in front of the agent while the window has the focus', () => {
    const inFront: Attention = { conversationId: 'c2', focused: true };
    expect(decide({ messages: [customerWrites()] }, all, inFront)).toEqual([]);
    expect(decide({ messages: [customerWrites()] }, all, { conversationId: 'c2', focused: false })).toHaveLength(1);
    expect(decide({ messages: [customerWrites()] }, all, { conversationId: 'other', focused: true })).toHaveLength(1);
  });

  it('follows the agent\'s preferences, and says when the sound is off', () => {
    const change = { conversations: [{ current: queued, previous: null }], messages: [customerWrites()] };
    expect(decide(change).map((n) => n.kind)).toEqual(['conversation', 'message']);
    expect(decide(change, { ...all, newConversations: false }).map((n) => n.kind)).toEqual(['message']);
    expect(decide(change, { ...all, newMessages: false }).map((n) => n.kind)).toEqual(['conversation']);
    expect(decide(change, { ...all, sound: false }).every((n) => n.silent)).toBe(true);
  });

  it('one notification per conversation, on one line, cut when long', () => {
    const long = 'word '.repeat(100);
    const change = { conversations: [{ current: { ...mine, assigneeId: me }, previous: { ...mine, assigneeId: 'u2' } }], messages: [customerWrites(mine, long)] };
    const [only, ...rest] = decide(change);
    expect(rest).toEqual([]);
    expect(only?.kind).toBe('conversation');
    const [message] = decide({ messages: [customerWrites(mine, `line one\n${long}`)] });
    expect(message?.body.length).toBeLessThanOrEqual(180);
    expect(message?.body).toMatch(/^line one word .*…$/);
  });
});
