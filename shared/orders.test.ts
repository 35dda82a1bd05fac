import { describe, expect, it } from 'vitest';
import { countsTowardSpend, latestOrder, lifetimeSpend, orderSchema, restOrdersAnswerSchema } from './orders';

const order = (status: string, totalCents: number, currency = 'CNY') => ({ status, totalCents, currency });

describe('lifetime spend', () => {
  it('adds up the orders per currency, leaving out cancelled and refunded ones', () => {
    expect(
      lifetimeSpend([order('delivered', 129900), order('shipped', 45800), order('cancelled', 32000), order('Refunded', 1000), order('paid', 5999, 'USD')]),
    ).toEqual([
      { currency: 'CNY', totalCents: 175700 },
      { currency: 'USD', totalCents: 5999 },
    ]);
  });

  it('counts a refund that was only asked for, and reads the shop’s spelling of the excluded statuses', () => {
    expect(countsTowardSpend('refund_requested')).toBe(true);
    expect(countsTowardSpend('canceled')).toBe(false);
    expect(countsTowardSpend(' CANCELLED ')).toBe(false);
    expect(lifetimeSpend([])).toEqual([]);
  });
});

describe('orders from a connector', () => {
  it('takes the newest order for the quick-reply variables, by its number', () => {
    const orders = [
      { ...orderSchema.parse({ id: 'a', number: 'SO-1', status: 'delivered', totalCents: 1, currency: 'cny', createdAt: '2026-01-01T00:00:00Z' }) },
      { ...orderSchema.parse({ id: 'b', number: 'SO-2', status: 'shipped', totalCents: 1, currency: 'CNY', createdAt: '2026-02-01T08:00:00+08:00' }) },
    ];
    expect(latestOrder({ status: 'ok', source: 'store', orders })).toEqual({ id: 'SO-2', status: 'shipped' });
    expect(latestOrder({ status: 'unavailable', source: 'rest', reason: 'timeout', detail: 'no answer within 3 s' })).toBeNull();
    expect(latestOrder({ status: 'ok', source: 'store', orders: [] })).toBeNull();
  });

  it('reads a shop’s answer with defaults for what it leaves out, and refuses a wrong one', () => {
    const parsed = restOrdersAnswerSchema.parse({
      orders: [{ id: 'x1', number: 'A-1', status: 'paid', totalCents: 500, currency: 'usd', createdAt: '2026-03-01T09:30:00Z' }],
    });
    expect(parsed.orders[0]).toMatchObject({ currency: 'USD', items: [], shippingAddress: null, createdAt: '2026-03-01T09:30:00.000Z' });
    expect(restOrdersAnswerSchema.safeParse({ orders: [{ id: 'x', number: 'A', status: 'paid', totalCents: -1, currency: 'USD', createdAt: 'x' }] }).success).toBe(false);
    expect(restOrdersAnswerSchema.safeParse([]).success).toBe(false);
  });
});
