import { BlockList, isIP } from 'node:net';

/**
 * Which reverse proxies in front of the server may say who the client is (SWITCHBOARD_TRUST_PROXY):
 * a number of proxy hops, or the proxies' addresses and CIDR ranges (`loopback`, `linklocal` and
 * `uniquelocal` name the usual private ranges).
 */
export type TrustProxySetting = { hops: number } | { ranges: readonly string[] };

/** Whether the address `hop` steps from the server (0: the peer of the socket) is a trusted proxy. */
export type ProxyTrust = (address: string, hop: number) => boolean;

const NAMED_RANGES: Record<string, readonly string[]> = {
  loopback: ['127.0.0.1/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/**
 * Reads SWITCHBOARD_TRUST_PROXY: empty trusts nothing; a whole number is a hop count; otherwise a
 * comma-separated list of addresses, CIDR ranges and range names. Throws on anything else.
 */
export function parseTrustProxy(text: string | undefined): TrustProxySetting | undefined {
  const value = text?.trim() ?? '';
  if (value === '') return undefined;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops === 0 ? undefined : { hops };
  }
  const ranges = value.split(',').map((part) => part.trim()).filter((part) => part !== '');
  for (const range of ranges) {
    if (!(range in NAMED_RANGES) && !parseRange(range)) {
      throw new Error(`SWITCHBOARD_TRUST_PROXY: "${range}" is not an address, a CIDR range (10.0.0.0/8), loopback, linklocal, uniquelocal or a hop count`);
    }
  }
  return { ranges };
}

/** The trust test for a setting (none when unset): the same one serves HTTP requests and socket handshakes. */
export function proxyTrust(setting: TrustProxySetting | undefined): ProxyTrust | undefined {
  if (!setting) return undefined;
  if ('hops' in setting) {
    const { hops } = setting;
    return (_address, hop) => hop < hops;
  }
  const list = new BlockList();
  for (const entry of setting.ranges) {
    for (const range of NAMED_RANGES[entry] ?? [entry]) {
      const parsed = parseRange(range);
      if (parsed) list.addSubnet(parsed.address, parsed.prefix, parsed.family);
    }
  }
  return (address) => {
    const plain = unmapIpv4(address);
    const family = isIP(plain);
    return family !== 0 && list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
  };
}

/**
 * The client's address: the socket's peer, or, when that peer is a trusted proxy, the address it
 * forwarded (X-Forwarded-For, read right to left while each hop is trusted). Computes what
 * Fastify's `request.ip` does with the same trust, so socket.io handshakes count the same client.
 */
export function clientAddress(remoteAddress: string | undefined, xForwardedFor: string | string[] | undefined, trust: ProxyTrust | undefined): string {
  const peer = remoteAddress ?? '';
  const header = Array.isArray(xForwardedFor) ? xForwardedFor.join(',') : xForwardedFor;
  if (!trust || !header) return peer;
  const chain = [peer, ...forwardedRightToLeft(header)];
  for (let hop = 0; hop < chain.length - 1; hop++) {
    if (!trust(chain[hop]!, hop)) return chain[hop]!;
  }
  return chain[chain.length - 1]!;
}

/** The forwarded addresses, nearest first, split the way Fastify's proxy-addr splits them. */
function forwardedRightToLeft(header: string): string[] {
  if (!header.includes(',')) {
    const only = header.trim();
    return only ? [only] : [];
  }
  return header.split(',').map((part) => part.replace(/^[ \t]+|[ \t]+$/g, '')).filter((part) => part !== '').reverse();
}

function parseRange(range: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | null {
  const slash = range.lastIndexOf('/');
  const address = slash === -1 ? unmapIpv4(range) : range.slice(0, slash);
  const version = isIP(address);
  if (version === 0) return null;
  const max = version === 4 ? 32 : 128;
  const prefixText = slash === -1 ? String(max) : range.slice(slash + 1);
  if (!/^\d+$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  if (prefix < 1 || prefix > max) return null;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** `::ffff:10.0.0.1` (how a dual-stack socket reports an IPv4 peer) as `10.0.0.1`. */
function unmapIpv4(address: string): string {
  const match = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return match ? match[1]! : address;
}

/**
 * The part of an address one client controls: an IPv6 client usually holds a whole /64, so its
 * addresses count as one; IPv4 (also when written as ::ffff:a.b.c.d) counts per address.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIP(address) !== 6) return address;
  const [head = '', tail] = address.toLowerCase().split('%')[0]!.split('::') as [string, string | undefined];
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
