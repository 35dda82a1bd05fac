import { describe, expect, it } from 'vitest';
import { conversation, message } from '../../testing/fixtures';
import { lastCustomerMessageAt, replyWindowNotice, windowRefusal } from './reply-window';

const HOUR = 3600_000;
const now = Date.parse('2025-03-02T12:00:00.000Z');
const hoursAgo = (h: number) => new Date(now - h * HOUR).toISOString();
const whatsapp = (overrides: Partial<Parameters<typeof conversation>[0]> = {}) =>
  conversation({ id: 'wa', channelKind: 'whatsapp', lastMessageSenderType: 'agent', lastMessageAt: hoursAgo(1), ...overrides });
const fromCustomer = (id: string, h: number) => message({ id, senderType: 'contact', createdAt: hoursAgo(h) });
const fromAgent = (id: string, h: number) => message({ id, senderType: 'agent', createdAt: hoursAgo(h) });

describe('the reply window notice', () => {
  it('warns before sending when the WhatsApp customer last wrote more than 24 hours ago', () => {
    const thread = [fromCustomer('m1', 30), fromCustomer('m2', 25), fromAgent('m3', 2)];
    expect(replyWindowNotice(whatsapp(), thread, null, now)).toEqual({
      state: 'closed', reason: 'template_required', channelKind: 'whatsapp', hours: 24,
    });
  });

  it('says nothing while the window is open, or on channels without one', () => {
    const thread = [fromCustomer('m1', 30), fromCustomer('m2', 23.5)];
    expect(replyWindowNotice(whatsapp(), thread, null, now)).toBeNull();
    expect(replyWindowNotice(whatsapp({ channelKind: 'telegram' }), [fromCustomer('m1', 100)], null, now)).toBeNull();
    expect(replyWindowNotice(whatsapp({ channelKind: 'widget' }), [fromCustomer('m1', 100)], null, now)).toBeNull();
  });

  it('gives WeChat its 48 hours', () => {
    const wechat = whatsapp({ channelKind: 'wechat' });
    expect(replyWindowNotice(wechat, [fromCustomer('m1', 47)], null, now)).toBeNull();
    expect(replyWindowNotice(wechat, [fromCustomer('m1', 49)], null, now)).toEqual({
      state: 'closed', reason: 'window_closed', channelKind: 'wechat', hours: 48,
    });
  });

  it('guesses nothing when the thread does not say when the customer last wrote', () => {
    expect(replyWindowNotice(whatsapp(), [fromAgent('m1', 50)], null, now)).toBeNull();
    // Before the thread is loaded, the inbox line tells when the last message was the customer's.
    expect(replyWindowNotice(whatsapp({ lastMessageSenderType: 'contact', lastMessageAt: hoursAgo(26) }), [], null, now)?.state).toBe('closed');
    expect(lastCustomerMessageAt(whatsapp({ lastMessageSenderType: 'contact', lastMessageAt: hoursAgo(3) }), [])).toBe(hoursAgo(3));
  });

  it('tells a refused reply apart from other refusals, naming the platform the server named', () => {
    const refused = {
      code: 'forbidden' as const,
      message: 'The customer last wrote more than 24 hours ago: WhatsApp only accepts an approved template message now.',
      details: { reason: 'template_required', channelKind: 'whatsapp', lastCustomerMessageAt: hoursAgo(25) },
    };
    expect(replyWindowNotice(whatsapp(), [fromCustomer('m1', 1)], refused, now)).toEqual({
      state: 'refused', reason: 'template_required', channelKind: 'whatsapp', hours: 24,
    });
    expect(windowRefusal({ code: 'forbidden', message: 'assigned to someone else' })).toBeNull();
    expect(windowRefusal({ code: 'resolved', message: 'resolved', details: { reason: 'template_required' } })).toBeNull();
    expect(windowRefusal({ code: 'forbidden', message: 'x', details: { reason: 'window_closed' } })).toEqual({ reason: 'window_closed', channelKind: null });
  });
});
