import { describe, expect, it } from 'vitest';
import { pageIdentity } from './connection';

describe('the page address', () => {
  it('names the channel and the identity the shop signed', () => {
    expect(pageIdentity(new URLSearchParams('channel=c1&phone=%2B8613800138000&expires=1800000000&signature=abc'))).toEqual({
      channelId: 'c1',
      identity: { signature: 'abc', phone: '+8613800138000', expires: 1800000000 },
    });
    expect(pageIdentity(new URLSearchParams('email=a%40b.example&expires=soon&signature=abc')).identity).toEqual({ signature: 'abc', email: 'a@b.example' });
    expect(pageIdentity(new URLSearchParams('phone=123'))).toEqual({ channelId: undefined, identity: undefined });
  });
});
