import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { IDENTITY_CLOCK_SKEW_SECONDS, IDENTITY_MAX_LIFETIME_SECONDS, signVisitorIdentity, verifyVisitorIdentity } from './visitor-identity';

const SECRET = 'identity-secret';
const NOW = Date.parse('2026-12-07T10:00:00Z');
const nowSeconds = NOW / 1000;
const inTenMinutes = nowSeconds + 600;
const sign = (payload: string) => createHmac('sha256', SECRET).update(payload).digest('hex');

describe('a phone or email the shop’s site signs for a widget visitor', () => {
  it('is verified when signed with the channel’s identity secret and not expired', () => {
    const phone = '+1 650 555 0199';
    expect(verifyVisitorIdentity({ phone, expires: inTenMinutes, signature: sign(`${phone}\n\n${inTenMinutes}`) }, SECRET, NOW)).toEqual({ phone, email: null });
    expect(verifyVisitorIdentity(signVisitorIdentity(SECRET, { email: 'a@b.example', expires: inTenMinutes }), SECRET, NOW)).toEqual({ phone: null, email: 'a@b.example' });
    const both = signVisitorIdentity(SECRET, { phone: '1', email: 'a@b.example', expires: inTenMinutes });
    expect(verifyVisitorIdentity({ ...both, signature: both.signature.toUpperCase() }, SECRET, NOW)).not.toBeNull();
  });

  it('is refused after it expires, allowing a little clock skew', () => {
    const claim = signVisitorIdentity(SECRET, { phone: '+1 650 555 0199', expires: inTenMinutes });
    expect(verifyVisitorIdentity(claim, SECRET, (inTenMinutes + IDENTITY_CLOCK_SKEW_SECONDS) * 1000)).not.toBeNull();
    expect(verifyVisitorIdentity(claim, SECRET, (inTenMinutes + IDENTITY_CLOCK_SKEW_SECONDS + 1) * 1000)).toBeNull();
  });

  it('is refused when it claims to stay valid for longer than the longest lifetime', () => {
    const longest = nowSeconds + IDENTITY_MAX_LIFETIME_SECONDS;
    expect(verifyVisitorIdentity(signVisitorIdentity(SECRET, { phone: '1', expires: longest }), SECRET, NOW)).not.toBeNull();
    expect(verifyVisitorIdentity(signVisitorIdentity(SECRET, { phone: '1', expires: longest + 3600 }), SECRET, NOW)).toBeNull();
  });

  it('is refused without an expiry, or with the expiry changed after signing', () => {
    const phone = '+1 650 555 0199';
    expect(verifyVisitorIdentity({ phone, signature: sign(`${phone}\n`) }, SECRET, NOW)).toBeNull();
    const claim = signVisitorIdentity(SECRET, { phone, expires: inTenMinutes });
    expect(verifyVisitorIdentity({ ...claim, expires: inTenMinutes + 3600 }, SECRET, NOW)).toBeNull();
  });

  it('is ignored when unsigned, signed for something else, or the channel has no secret', () => {
    const claim = signVisitorIdentity(SECRET, { phone: '+1 650 555 0199', expires: inTenMinutes });
    expect(verifyVisitorIdentity({ ...claim, phone: '+1 650 555 0198' }, SECRET, NOW)).toBeNull();
    expect(verifyVisitorIdentity({ ...claim, email: 'x@y.example' }, SECRET, NOW)).toBeNull();
    expect(verifyVisitorIdentity(claim, undefined, NOW)).toBeNull();
    expect(verifyVisitorIdentity(signVisitorIdentity(SECRET, { expires: inTenMinutes }), SECRET, NOW)).toBeNull();
    expect(verifyVisitorIdentity(undefined, SECRET, NOW)).toBeNull();
  });
});
