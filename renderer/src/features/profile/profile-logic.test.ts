import { describe, expect, it } from 'vitest';
import type { CustomerProfile, PiiReveal } from '../../../../shared/contact-profile';
import { addressLine, applyReveals, formatMoney, orderStatusKey, revealedFields, withoutTag, withTypedTags } from './profile-logic';

const address = { recipient: '张***', phone: '+861****8000', line1: '***', line2: null, city: '上海', region: '浦东新区', postalCode: '***', country: 'CN' };
const masked: CustomerProfile = {
  contact: { id: 'c1', name: '张伟', phone: '+861****8000', email: 'z***@example.cn', vipLevel: 2, tags: ['vip'] },
  identities: [
    { id: '7', channelId: 'wa', channelKind: 'whatsapp', channelName: 'WhatsApp', externalId: '861****8000', displayName: null, phone: '861****8000', email: null },
    { id: '8', channelId: 'web', channelKind: 'widget', channelName: 'Website', externalId: 'v-1', displayName: null, phone: null, email: null },
  ],
  conversations: [],
  merges: [],
  orders: {
    status: 'ok', source: 'store',
    orders: [{ id: 'o1', number: 'SO-1', status: 'shipped', totalCents: 100, currency: 'CNY', createdAt: '2026-01-01T00:00:00.000Z', items: [], shippingAddress: address }],
  },
  lifetimeSpend: [{ currency: 'CNY', totalCents: 100 }],
  notes: [],
  masked: true,
};
const reveal = (field: PiiReveal['field'], extra: Partial<PiiReveal> = {}): PiiReveal => ({
  contactId: 'c1', conversationId: 'v1', field, value: null, identities: [], addresses: [], ...extra,
});

describe('what the profile panel shows', () => {
  it('puts revealed values in place of masked ones, and only those', () => {
    const shown = applyReveals(masked, [
      reveal('phone', { value: '+86 138 0013 8000', identities: [{ id: '7', externalId: '8613800138000', phone: '8613800138000', email: null }] }),
    ]);
    expect(shown.contact).toMatchObject({ phone: '+86 138 0013 8000', email: 'z***@example.cn' });
    expect(shown.identities[0]).toMatchObject({ externalId: '8613800138000', phone: '8613800138000' });
    expect(shown.identities[1]).toEqual(masked.identities[1]);
    expect(shown.orders).toEqual(masked.orders);

    const clearAddress = { ...address, recipient: '张伟', line1: '世纪大道 100 号', postalCode: '200120' };
    const withAddress = applyReveals(masked, [reveal('address', { addresses: [{ orderId: 'o1', shippingAddress: clearAddress }] })]);
    expect(withAddress.orders.status === 'ok' && withAddress.orders.orders[0]?.shippingAddress).toEqual(clearAddress);
    // Another customer's reveal changes nothing.
    expect(applyReveals(masked, [{ ...reveal('phone', { value: 'x' }), contactId: 'c2' }])).toEqual(masked);
    expect([...revealedFields([reveal('phone'), reveal('address')], 'c1')].sort()).toEqual(['address', 'phone']);
  });

  it('writes money in minor units as the language does', () => {
    expect(formatMoney(129900, 'CNY', 'zh-CN')).toBe('¥1,299.00');
    expect(formatMoney(5999, 'USD', 'en')).toBe('$59.99');
    expect(formatMoney(500, 'JPY', 'en')).toBe('¥500');
  });

  it('adds typed tags (several at once), never twice, and removes one', () => {
    expect(withTypedTags(['vip'], '夜间下单、 gift wrap, VIP')).toEqual(['vip', '夜间下单', 'gift wrap']);
    expect(withTypedTags(['vip'], 'VIP')).toBeNull();
    expect(withTypedTags(['vip'], '  ')).toBeNull();
    expect(withoutTag(['vip', 'new'], 'vip')).toEqual(['new']);
  });

  it('names an address on one line and known order statuses in words', () => {
    expect(addressLine({ ...address, line1: '742 Valencia Street', line2: 'Apt 3', region: null })).toBe('742 Valencia Street, Apt 3, 上海, ***, CN');
    expect(orderStatusKey('Refund requested')).toBe('orderStatus.refund_requested');
    expect(orderStatusKey('canceled')).toBe('orderStatus.cancelled');
    expect(orderStatusKey('on_hold')).toBeNull();
  });
});
