import { isIPv6 } from 'node:net';
import type { Socket } from 'socket.io';
import { clientAddress, type ProxyTrust } from '../http/client-address';

/**
 * The address a socket connected from, the one place realtime code reads it: behind a trusted
 * reverse proxy (SWITCHBOARD_TRUST_PROXY) the client it names in X-Forwarded-For, as for request.ip.
 */
export function socketAddress(socket: Pick<Socket, 'handshake'>, trust: ProxyTrust | undefined): string {
  return clientAddress(socket.handshake.address, socket.handshake.headers['x-forwarded-for'], trust);
}

/**
 * The key an address is budgeted under: an IPv4 address itself (also when written IPv4-mapped),
 * an IPv6 address's /64 network, since one customer line is given a whole /64.
 */
export function addressBudgetKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head = '', tail = ''] = address.split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...headParts, ...Array(8 - headParts.length - tailParts.length).fill('0'), ...tailParts] : headParts;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
