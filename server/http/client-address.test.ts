import Fastify from 'fastify';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { clientAddress, parseTrustProxy, proxyTrust, type TrustProxySetting } from './client-address';

describe('SWITCHBOARD_TRUST_PROXY', () => {
  it('trusts nothing when unset, empty or 0', () => {
    expect(parseTrustProxy(undefined)).toBeUndefined();
    expect(parseTrustProxy('  ')).toBeUndefined();
    expect(parseTrustProxy('0')).toBeUndefined();
  });

  it('reads a hop count, or addresses, CIDR ranges and range names', () => {
    expect(parseTrustProxy('2')).toEqual({ hops: 2 });
    expect(parseTrustProxy('10.0.0.1, 192.168.0.0/16,::1,fd00::/8, loopback')).toEqual({
      ranges: ['10.0.0.1', '192.168.0.0/16', '::1', 'fd00::/8', 'loopback'],
    });
  });

  it('refuses what is neither, naming it', () => {
    for (const bad of ['true', 'proxy.example', '10.0.0.0/33', '10.0.0.1/', '300.1.1.1', '::1/129', '-1']) {
      expect(() => parseTrustProxy(bad)).toThrow(/SWITCHBOARD_TRUST_PROXY/);
    }
  });
});

describe('the client address', () => {
  const behindOne = proxyTrust({ ranges: ['10.0.0.1'] });

  it('is the peer when no proxy is trusted, whatever the header says', () => {
    expect(clientAddress('198.51.100.7', '203.0.113.9', undefined)).toBe('198.51.100.7');
  });

  it('is the forwarded address when the peer is a trusted proxy', () => {
    expect(clientAddress('10.0.0.1', '203.0.113.9', behindOne)).toBe('203.0.113.9');
    expect(clientAddress('::ffff:10.0.0.1', '203.0.113.9', behindOne)).toBe('203.0.113.9');
  });

  it('stops at the first untrusted hop, so a client cannot forge its way past the proxy', () => {
    // nginx appends the address it saw to what the client sent.
    expect(clientAddress('10.0.0.1', '1.2.3.4, 203.0.113.9', behindOne)).toBe('203.0.113.9');
    expect(clientAddress('198.51.100.7', '1.2.3.4', behindOne)).toBe('198.51.100.7');
  });

  it('counts hops when given a number', () => {
    const two = proxyTrust({ hops: 2 });
    expect(clientAddress('10.0.0.1', '1.2.3.4, 203.0.113.9, 10.0.0.2', two)).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.1', '10.0.0.2', two)).toBe('10.0.0.2');
  });

  it('matches ranges and range names', () => {
    const trust = proxyTrust({ ranges: ['uniquelocal', 'fd00::/8'] })!;
    expect(trust('172.20.1.1', 0)).toBe(true);
    expect(trust('fd12::1', 0)).toBe(true);
    expect(trust('172.32.0.1', 0)).toBe(false);
    expect(trust('not an address', 0)).toBe(false);
  });
});

describe('the client address of a socket handshake', () => {
  const settings: TrustProxySetting[] = [{ hops: 1 }, { hops: 3 }, { ranges: ['10.0.0.1'] }, { ranges: ['loopback', '10.0.0.0/8'] }, { ranges: ['::1', 'fc00::/7'] }];
  const apps = settings.map((setting) => {
    const app = Fastify({ trustProxy: proxyTrust(setting) ?? false });
    app.get('/', async (request) => ({ ip: request.ip }));
    return { setting, app };
  });
  afterAll(async () => {
    for (const { app } of apps) await app.close();
  });

  const address = fc.constantFrom('10.0.0.1', '10.0.0.2', '127.0.0.1', '::1', '::ffff:10.0.0.1', 'fc00::5', '203.0.113.9', '198.51.100.7', 'unknown');
  const separator = fc.constantFrom(',', ', ', ' ,', ',,', '\t, ');
  const header = fc.array(fc.tuple(address, separator), { maxLength: 5 }).map((parts) => parts.map(([a, s]) => a + s).join(''));

  it('is what Fastify says request.ip is, for the same trust', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: apps.length - 1 }), fc.constantFrom('10.0.0.1', '127.0.0.1', '203.0.113.9', '::1'), fc.option(header), async (which, peer, forwarded) => {
        const { setting, app } = apps[which]!;
        const response = await app.inject({ method: 'GET', url: '/', remoteAddress: peer, headers: forwarded === null ? {} : { 'x-forwarded-for': forwarded } });
        expect(clientAddress(peer, forwarded ?? undefined, proxyTrust(setting))).toBe(response.json<{ ip: string }>().ip);
      }),
      { numRuns: 300 },
    );
  });
});
