import { describe, expect, it } from 'vitest';
import { orderStatusChangeSchema, parsePayload, shopOrderEventSchema } from './order-events-payload';

describe('order event payloads', () => {
  it('read a shop’s event, ignoring fields it adds', () => {
    const parsed = parsePayload(shopOrderEventSchema, {
      eventId: ' evt-1 ', orderNumber: 'SO-10002', status: 'shipped', contact: { phone: '+86 138 0013 8000' },
      occurredAt: '2026-03-01T17:30:00+08:00', carrier: 'SF Express',
    });
    expect(parsed).toEqual({
      ok: true,
      value: { eventId: 'evt-1', orderNumber: 'SO-10002', status: 'shipped', contact: { phone: '+86 138 0013 8000' }, occurredAt: '2026-03-01T09:30:00.000Z' },
    });
  });

  it('say what is missing: the event id, the order, the status or the customer', () => {
    const reason = (json: unknown) => {
      const parsed = parsePayload(shopOrderEventSchema, json);
      return parsed.ok ? null : parsed.reason;
    };
    const good = { eventId: 'e', orderId: 'o-1', status: 'delivered', contact: { externalId: 'user-42' } };
    expect(reason(good)).toBeNull();
    expect(reason({ ...good, eventId: undefined })).toMatch(/eventId/);
    expect(reason({ ...good, orderId: undefined })).toMatch(/orderId or orderNumber/);
    expect(reason({ ...good, status: ' ' })).toMatch(/status/);
    expect(reason({ ...good, contact: {} })).toMatch(/externalId, phone or email/);
    expect(reason({ ...good, occurredAt: 'yesterday' })).toMatch(/occurredAt/);
    expect(reason('shipped')).not.toBeNull();
  });

  it('take a status change with an optional event id, and nothing else', () => {
    expect(parsePayload(orderStatusChangeSchema, { status: ' shipped ' })).toEqual({ ok: true, value: { status: 'shipped' } });
    expect(parsePayload(orderStatusChangeSchema, { status: 'shipped', note: 'x' }).ok).toBe(false);
    expect(parsePayload(orderStatusChangeSchema, {}).ok).toBe(false);
  });
});
