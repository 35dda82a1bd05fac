import { describe, expect, it } from 'vitest';
import type { BotRule } from '../../../../shared/knowledge';
import { unknownOrderReplyVariables } from '../../../../shared/knowledge';
import { customerLanguage, fillOrderReply, orderStatusKey, orderStatusReply, orderStatusRule } from './order-status-reply';

const rule = (over: Partial<BotRule>): BotRule => ({
  id: over.id ?? 'r', kind: 'order_status', match: null, pattern: 'shipped', replyZh: '中文', replyEn: 'English', enabled: true, priority: 0,
  updatedAt: '2025-01-01T00:00:00.000Z', ...over,
});

const values = { orderNumber: 'SO-10002', status: 'shipped', contactName: '张伟' };

describe('order-status replies', () => {
  it('cover a status however the shop spells it', () => {
    expect(orderStatusKey(' Out for-Delivery ')).toBe('out_for_delivery');
    expect(orderStatusKey('Canceled')).toBe('cancelled');
    const rules = [rule({ id: 'ship' }), rule({ id: 'cancel', pattern: 'cancelled' }), rule({ id: 'out', pattern: 'out for delivery' })];
    expect(orderStatusRule(rules, 'SHIPPED')?.id).toBe('ship');
    expect(orderStatusRule(rules, 'canceled')?.id).toBe('cancel');
    expect(orderStatusRule(rules, 'out_for_delivery')?.id).toBe('out');
    expect(orderStatusRule(rules, 'delivered')).toBeNull();
  });

  it('skip disabled replies and other kinds, and take the lowest priority number first', () => {
    const rules = [
      rule({ id: 'off', enabled: false, priority: -5 }),
      rule({ id: 'keyword', kind: 'keyword', match: 'contains', pattern: 'shipped', priority: -9 }),
      rule({ id: 'later', priority: 3 }),
      rule({ id: 'first', priority: 1 }),
    ];
    expect(orderStatusRule(rules, 'shipped')?.id).toBe('first');
    expect(orderStatusRule([rule({ enabled: false })], 'shipped')).toBeNull();
  });

  it('fill the order, its status and the customer’s name, any spelling of the variable', () => {
    expect(fillOrderReply('{{contact.name}}，您的订单 {{order.id}} 已{{ Order.Status }}（{{order.number}}）', values)).toBe(
      '张伟，您的订单 SO-10002 已shipped（SO-10002）',
    );
  });

  it('never show a customer braces: unknown or empty variables become nothing', () => {
    expect(fillOrderReply('Hi {{contact.name}}, order {{order.id}} {{order.tracking}} is on its way.', { ...values, contactName: ' ' })).toBe(
      'Hi, order SO-10002 is on its way.',
    );
    expect(fillOrderReply('{{contact.name}}您好，您的订单 {{order.id}} 已发货。', { ...values, contactName: '' })).toBe('您好，您的订单 SO-10002 已发货。');
    expect(fillOrderReply('您好，{{contact.name}}！订单 {{order.id}} 已签收。', { ...values, contactName: '' })).toBe('您好！订单 SO-10002 已签收。');
    expect(unknownOrderReplyVariables('{{order.id}} {{ contact.name }} {{order.tracking}} {{agent.name}}')).toEqual(['order.tracking', 'agent.name']);
  });

  it('write in the language of the customer’s latest message that shows one', () => {
    expect(customerLanguage(['👍', 'where is my order?', '我的订单'], 'zh')).toBe('en');
    expect(customerLanguage(['我的order还没到'], 'en')).toBe('zh');
    expect(customerLanguage(['123', '👍'], 'en')).toBe('en');
    expect(customerLanguage([], null)).toBe('zh');
  });

  it('answer in the customer’s language, or the one the reply has', () => {
    const rules = [rule({ replyZh: '{{contact.name}}您好，订单 {{order.id}} 已发货', replyEn: 'Hi {{contact.name}}, order {{order.id}} has shipped.' })];
    expect(orderStatusReply(rules, values, 'zh')).toMatchObject({ text: '张伟您好，订单 SO-10002 已发货' });
    expect(orderStatusReply(rules, { ...values, contactName: 'Sarah' }, 'en')).toMatchObject({ text: 'Hi Sarah, order SO-10002 has shipped.' });
    expect(orderStatusReply([rule({ replyEn: '', replyZh: '已发货' })], values, 'en')?.text).toBe('已发货');
    expect(orderStatusReply(rules, { ...values, status: 'refunded' }, 'en')).toBeNull();
  });
});
