import { describe, expect, it } from 'vitest';
import { addressKey, proxyTrust } from '../http/client-address';
import { socketAddress } from './socket-address';

describe('the address a socket connected from', () => {
  const socket = (address: string, forwarded?: string) => ({ handshake: { address, headers: forwarded ? { 'x-forwarded-for': forwarded } : {} } }) as never;

  it('is the peer address when no proxy is trusted, whatever the header says', () => {
    expect(socketAddress(socket('127.0.0.1', '203.0.113.7'), undefined)).toBe('127.0.0.1');
  });

  it('is the client a trusted proxy names, and not one a client forged in front of it', () => {
    const trust = proxyTrust({ ranges: ['127.0.0.1'] });
    expect(socketAddress(socket('127.0.0.1', '203.0.113.7'), trust)).toBe('203.0.113.7');
    expect(socketAddress(socket('127.0.0.1', '198.51.100.1, 203.0.113.7'), trust)).toBe('203.0.113.7');
    expect(socketAddress(socket('192.0.2.9', '203.0.113.7'), trust)).toBe('192.0.2.9');
  });
});

describe('the key an address is budgeted under', () => {
  it('is the IPv4 address itself, also when written IPv4-mapped', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('is the /64 network of an IPv6 address, however it is written', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:0:0:9')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });
});
