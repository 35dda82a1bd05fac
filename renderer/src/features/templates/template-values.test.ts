import { describe, expect, it } from 'vitest';
import type { Contact } from '../../../../shared/domain';
import { fillTemplate, unfilledPlaceholders } from '../../../../shared/quick-replies';
import { templateValues } from './template-values';

const contact: Contact = { id: 'c1', name: '陈静', email: 'chenjing@example.cn', phone: null, vipLevel: 3, tags: ['vip', '大客户'] };

describe('quick-reply values from the open conversation', () => {
  it('fills the customer, the agent and the latest order when known', () => {
    const values = templateValues({
      contact,
      contactName: 'Visitor',
      agent: { name: '王芳' },
      latestOrder: { id: 'SO-10001', status: '已发货' },
      listSeparator: '、',
    });
    expect(
      fillTemplate('{{contact.name}}（VIP{{contact.vip_level}}，{{contact.tags}}）您好，我是{{agent.name}}，订单 {{order.latest.id}} {{order.latest.status}}', values),
    ).toBe('陈静（VIP3，vip、大客户）您好，我是王芳，订单 SO-10001 已发货');
  });

  it('leaves what the profile does not hold as placeholders for the agent to fill', () => {
    const values = templateValues({ contact: { ...contact, vipLevel: 0, phone: null }, contactName: null, agent: { name: 'Emma' } });
    const filled = fillTemplate('VIP{{contact.vip_level}} {{contact.phone}} {{order.latest.id}}', values);
    expect(unfilledPlaceholders(filled).map((p) => p.name)).toEqual(['contact.vip_level', 'contact.phone', 'order.latest.id']);
  });

  it("uses the conversation's name for the customer until the profile is cached", () => {
    const values = templateValues({ contact: null, contactName: 'Visitor 7', agent: null });
    expect(fillTemplate('Hi {{contact.name}}, {{agent.name}} here', values)).toBe('Hi Visitor 7, ⟦agent.name⟧ here');
  });

  it('greets a customer known only by a made-up name without it, and without a placeholder', () => {
    const visitor = templateValues({ contact: { ...contact, name: 'Visitor 1196', nameGenerated: true }, contactName: 'Visitor 1196', agent: { name: '王芳' } });
    const greeting = fillTemplate('您好，{{contact.name}}！我是客服{{agent.name}}，很高兴为您服务', visitor);
    expect(greeting).toBe('您好！我是客服王芳，很高兴为您服务');
    expect(unfilledPlaceholders(greeting)).toEqual([]);
    const uncached = templateValues({ contact: null, contactName: 'Visitor 1196', contactNameGenerated: true, agent: null });
    expect(fillTemplate('Hi {{contact.name}}, how can I help?', uncached)).toBe('Hi, how can I help?');
  });
});
