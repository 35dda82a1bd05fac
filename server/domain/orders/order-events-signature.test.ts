import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { switchboardSignature } from '../../channels/framework/signatures';
import { checkOrderSignature, orderEventSignature } from './order-events-signature';

const SECRET = 'order-events-secret';
const body = Buffer.from(JSON.stringify({ eventId: 'e1', orderNumber: 'SO-1', status: 'shipped', contact: { phone: '+86 138 0013 8000' } }));
const now = Date.UTC(2026, 2, 1, 9, 30);
const ts = String(now / 1000);

describe('order event signatures', () => {
  it('are the HMAC-SHA256 of "<timestamp>.<raw body>", as Switchboard signs its own webhooks', () => {
    const expected = `sha256=${createHmac('sha256', SECRET).update(`${ts}.${body.toString('utf8')}`).digest('hex')}`;
    expect(orderEventSignature(SECRET, ts, body)).toBe(expected);
    expect(orderEventSignature(SECRET, ts, body)).toBe(switchboardSignature(SECRET, ts, body.toString('utf8')));
  });

  it('accept the right signature in either letter case', () => {
    const signature = orderEventSignature(SECRET, ts, body);
    expect(checkOrderSignature(SECRET, { timestamp: ts, signature }, body, now)).toBe('ok');
    expect(checkOrderSignature(SECRET, { timestamp: ts, signature: signature.toUpperCase() }, body, now + 60_000)).toBe('ok');
  });

  it('refuse another secret, a changed body, a missing header and an old timestamp', () => {
    const signature = orderEventSignature(SECRET, ts, body);
    expect(checkOrderSignature('other', { timestamp: ts, signature }, body, now)).toBe('mismatch');
    expect(checkOrderSignature(SECRET, { timestamp: ts, signature }, Buffer.from(body.toString().replace('shipped', 'refunded')), now)).toBe('mismatch');
    expect(checkOrderSignature(SECRET, { timestamp: ts }, body, now)).toBe('missing');
    expect(checkOrderSignature(SECRET, { signature }, body, now)).toBe('missing');
    expect(checkOrderSignature(SECRET, { timestamp: 'soon', signature }, body, now)).toBe('mismatch');
    expect(checkOrderSignature(SECRET, { timestamp: ts, signature }, body, now + 301_000)).toBe('stale');
    const late = String(now / 1000 - 3600);
    expect(checkOrderSignature(SECRET, { timestamp: late, signature: orderEventSignature(SECRET, late, body) }, body, now)).toBe('stale');
  });
});
