import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyVisitorIdentity } from './visitor-identity';

const sign = (payload: string) => createHmac('sha256', 'identity-secret').update(payload).digest('hex');

describe('a phone or email the shop’s site signs for a widget visitor', () => {
  it('is verified when signed with the channel’s identity secret', () => {
    expect(verifyVisitorIdentity({ phone: '+1 650 555 0199', signature: sign('+1 650 555 0199\n') }, 'identity-secret')).toEqual({ phone: '+1 650 555 0199', email: null });
    expect(verifyVisitorIdentity({ email: 'a@b.example', signature: sign('\na@b.example') }, 'identity-secret')).toEqual({ phone: null, email: 'a@b.example' });
    expect(verifyVisitorIdentity({ phone: '1', email: 'a@b.example', signature: sign('1\na@b.example').toUpperCase() }, 'identity-secret')).not.toBeNull();
  });

  it('is ignored when unsigned, signed for something else, or the channel has no secret', () => {
    expect(verifyVisitorIdentity({ phone: '+1 650 555 0199', signature: sign('+1 650 555 0198\n') }, 'identity-secret')).toBeNull();
    expect(verifyVisitorIdentity({ phone: '+1 650 555 0199', email: 'x@y.example', signature: sign('+1 650 555 0199\n') }, 'identity-secret')).toBeNull();
    expect(verifyVisitorIdentity({ phone: '+1 650 555 0199', signature: sign('+1 650 555 0199\n') }, undefined)).toBeNull();
    expect(verifyVisitorIdentity({ signature: sign('\n') }, 'identity-secret')).toBeNull();
    expect(verifyVisitorIdentity(undefined, 'identity-secret')).toBeNull();
  });
});
