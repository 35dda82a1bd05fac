import { describe, expect, it } from 'vitest';
import type { CustomerProfile } from './contact-profile';
import {
  contactFor,
  externalIdKind,
  maskAddress,
  maskCustomerProfile,
  maskEmail,
  maskExternalId,
  maskPhone,
  mayUnmask,
  seesPii,
  type PiiAccess,
} from './pii-mask';
import type { Role } from './domain';

describe('masking personal data for roles that may not see it', () => {
  it('keeps the first three and last four digits of a phone number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138 1234 5678')).toBe('+861****5678');
    expect(maskPhone('+1 (650) 555-0199')).toBe('+165****0199');
    // Short numbers keep only their last two digits; nothing readable stays of a tiny one.
    expect(maskPhone('5550199')).toBe('****99');
    expect(maskPhone('123')).toBe('****');
  });

  it('keeps the first letter and the domain of an email address', () => {
    expect(maskEmail('emma@example.com')).toBe('e***@example.com');
    expect(maskEmail('张伟@example.cn')).toBe('张***@example.cn');
    expect(maskEmail('no-at-sign')).toBe('n***');
  });

  it('masks street, postcode, recipient and phone of an address but keeps where it goes', () => {
    expect(
      maskAddress({ recipient: '张伟', phone: '+86 138 0013 8000', line1: '世纪大道 100 号', line2: '1201 室', city: '上海', region: '浦东新区', postalCode: '200120', country: 'CN' }),
    ).toEqual({ recipient: '张***', phone: '+861****8000', line1: '***', line2: '***', city: '上海', region: '浦东新区', postalCode: '***', country: 'CN' });
  });

  it('masks a channel id only when it is a phone number or an email address', () => {
    expect(externalIdKind('whatsapp', '16505550199')).toBe('phone');
    expect(externalIdKind('email', 'lena@example.com')).toBe('email');
    expect(externalIdKind('api', '+1 650 555 0199')).toBe('phone');
    // Telegram chat ids are numbers, not phones; widget and WeChat ids are opaque.
    expect(externalIdKind('telegram', '123456789')).toBeNull();
    expect(externalIdKind('widget', '0b6c1e9e-4a51-4f9b-9a53-2a8b1e2f0d11')).toBeNull();
    expect(externalIdKind('wechat', 'oW3c1s8x_Kd2a')).toBeNull();
    expect(maskExternalId('whatsapp', '16505550199')).toBe('165****0199');
    expect(maskExternalId('telegram', '123456789')).toBe('123456789');
  });

  it('is idempotent, so masking what the server already masked changes nothing', () => {
    for (const phone of ['13812345678', '+1 650 555 0199', '5550199']) expect(maskPhone(maskPhone(phone))).toBe(maskPhone(phone));
    expect(maskEmail(maskEmail('emma@example.com'))).toBe('e***@example.com');
    const profile = sampleProfile();
    expect(maskCustomerProfile(maskCustomerProfile(profile))).toEqual(maskCustomerProfile(profile));
  });

  it('masks a whole profile: contact, identities and shipping addresses', () => {
    const masked = maskCustomerProfile(sampleProfile());
    expect(masked.masked).toBe(true);
    expect(masked.contact).toMatchObject({ phone: '+861****5678', email: 'z***@example.cn' });
    expect(masked.identities[0]).toMatchObject({ externalId: '861****5678', phone: '861****5678' });
    expect(masked.orders.status === 'ok' && masked.orders.orders[0]?.shippingAddress?.line1).toBe('***');
    // What is not personal data is untouched.
    expect(masked.contact.name).toBe('张伟');
    expect(masked.orders.status === 'ok' && masked.orders.orders[0]?.number).toBe('SO-1');
  });

  it('shows supervisors and admins clear values and agents masked ones, by one table', () => {
    const contact = { id: 'c1', name: 'Z', email: 'z@example.cn', phone: '13812345678', vipLevel: 0, tags: [] };
    expect(contactFor('supervisor', contact)).toEqual(contact);
    expect(contactFor('admin', contact)).toEqual(contact);
    expect(contactFor('agent', contact)).toMatchObject({ phone: '138****5678', email: 'z***@example.cn' });
    expect(seesPii('agent')).toBe(false);
    expect(mayUnmask('agent')).toBe(true);
    const lockedDown: Record<Role, PiiAccess> = { agent: 'masked', supervisor: 'unmask', admin: 'clear', staff: 'masked' };
    expect(mayUnmask('agent', lockedDown)).toBe(false);
    expect(seesPii('supervisor', lockedDown)).toBe(false);
    expect(mayUnmask('supervisor', lockedDown)).toBe(true);
  });
});

function sampleProfile(): CustomerProfile {
  return {
    contact: { id: 'c1', name: '张伟', email: 'zhang@example.cn', phone: '+86 138 1234 5678', vipLevel: 2, tags: [] },
    identities: [
      { id: '1', channelId: 'wa', channelKind: 'whatsapp', channelName: 'WhatsApp', externalId: '8613812345678', displayName: '张伟', phone: '8613812345678', email: null },
    ],
    conversations: [],
    merges: [],
    orders: {
      status: 'ok',
      source: 'store',
      orders: [
        {
          id: 'o1', number: 'SO-1', status: 'shipped', totalCents: 100, currency: 'CNY', createdAt: '2026-01-01T00:00:00.000Z', items: [],
          shippingAddress: { recipient: '张伟', phone: null, line1: '世纪大道 100 号', line2: null, city: '上海', region: null, postalCode: '200120', country: 'CN' },
        },
      ],
    },
    lifetimeSpend: [{ currency: 'CNY', totalCents: 100 }],
    notes: [],
    masked: false,
  };
}
