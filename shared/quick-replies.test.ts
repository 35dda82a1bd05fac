import { describe, expect, it } from 'vitest';
import { fillTemplate, unfilledPlaceholders, unfilledReplyError, variablesIn } from './quick-replies';

describe('quick-reply variables', () => {
  it('fills variables from the values, however their names are spelt and spaced', () => {
    const body = '您好，{{contact.name}}！VIP{{ contact.vipLevel }}会员，我是{{Agent.Name}}。';
    expect(fillTemplate(body, { 'contact.name': '陈静', 'contact.vip_level': '3', 'agent.name': '王芳' })).toBe(
      '您好，陈静！VIP3会员，我是王芳。',
    );
  });

  it('leaves a variable without a value as a placeholder to fill by hand, never as raw braces', () => {
    const filled = fillTemplate('Order {{order.latest.id}} is {{order.latest.status}}, {{contact.name}}.', {
      'contact.name': 'Emma',
      'order.latest.id': null,
      'order.latest.status': '   ',
    });
    expect(filled).toBe('Order ⟦order.latest.id⟧ is ⟦order.latest.status⟧, Emma.');
    expect(filled).not.toContain('{{');
  });

  it('leaves out a made-up customer name gracefully: no placeholder, no stray comma or space', () => {
    const none = { 'contact.name': false, 'agent.name': '王芳' } as const;
    expect(fillTemplate('您好，{{contact.name}}！我是客服{{agent.name}}，很高兴为您服务', none)).toBe('您好！我是客服王芳，很高兴为您服务');
    expect(fillTemplate('Hi {{contact.name}}, this is {{agent.name}}. How can I help?', none)).toBe('Hi, this is 王芳. How can I help?');
    expect(fillTemplate('{{contact.name}}您好，您的订单已发货', none)).toBe('您好，您的订单已发货');
    expect(fillTemplate('{{ Contact.Name }}，您的订单已发货', none)).toBe('您的订单已发货');
    expect(fillTemplate('Thanks {{contact.name}}', none)).toBe('Thanks');
    expect(fillTemplate('Dear {{contact.name}} and family,\n{{contact.name}}, welcome', none)).toBe('Dear and family,\nwelcome');
    expect(fillTemplate('您好，{{contact.name}}！', { 'contact.name': '张伟' })).toBe('您好，张伟！');
  });

  it('finds every placeholder and raw variable left in a text, with where it is', () => {
    const text = 'Order ⟦order.latest.id⟧ for {{ contact.name }}.';
    expect(unfilledPlaceholders(text)).toEqual([
      { name: 'order.latest.id', start: 6, end: 23 },
      { name: 'contact.name', start: 28, end: 46 },
    ]);
    expect(text.slice(6, 23)).toBe('⟦order.latest.id⟧');
    expect(unfilledPlaceholders('一切正常 {不是变量}')).toEqual([]);
  });

  it('refuses a reply that still holds a placeholder, naming it', () => {
    expect(unfilledReplyError('您的订单 ⟦order.latest.id⟧ 已发货')?.toJSON()).toEqual({
      code: 'bad_request',
      message: 'Fill in order.latest.id before sending this reply.',
      details: { placeholders: 'order.latest.id' },
    });
    expect(unfilledReplyError('您的订单 SO-10001 已发货')).toBeNull();
  });

  it('lists the variables a body uses, each once', () => {
    expect(variablesIn('{{a.b}} {{c}} {{a.b}}')).toEqual(['a.b', 'c']);
  });
});
