import { describe, expect, it } from 'vitest';
import { addressBudgetKey } from './socket-address';

describe('the key an address is budgeted under', () => {
  it('is the IPv4 address itself, also when written IPv4-mapped', () => {
    expect(addressBudgetKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressBudgetKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('is the /64 network of an IPv6 address, however it is written', () => {
    expect(addressBudgetKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressBudgetKey('2001:0db8:0001:0002:ffff:0:0:9')).toBe('2001:db8:1:2::/64');
    expect(addressBudgetKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBudgetKey('::1')).toBe('0:0:0:0::/64');
  });
});
