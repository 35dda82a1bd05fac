import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP } from 'node:net';
import { DeliveryError, retryableStatus } from './outbound';

/** Addresses no fetch on a customer's behalf may reach: private, shared, link-local, reserved, multicast. */
const INTERNAL = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24],
  ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) INTERNAL.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [['::', 128], ['::1', 128], ['64:ff9b::', 96], ['100::', 64], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) {
  INTERNAL.addSubnet(net, prefix, 'ipv6');
}
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** An IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it is. */
function plain(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1]!, family: 'ipv4' };
  return { address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' };
}

/** Whether a fetch may connect to `address`: public ones always; loopback only when `allowLoopback` (tests). */
export function mayConnectTo(address: string, allowLoopback: boolean): boolean {
  const { address: a, family } = plain(address);
  if (allowLoopback && LOOPBACK.check(a, family)) return true;
  return !INTERNAL.check(a, family);
}

class RefusedAddressError extends Error {
  constructor(host: string) {
    super(`${host} is a private or local address`);
    this.name = 'RefusedAddressError';
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** dns.lookup that fails for names resolving to any address a fetch may not reach (checked at connect, so a rebinding name cannot slip through). */
function guardedLookup(allowLoopback: boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const list = addresses;
      if (list.length === 0 || list.some((a) => !mayConnectTo(a.address, allowLoopback))) return callback(new RefusedAddressError(hostname), []);
      if (options.all) return callback(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

export type PublicUrlFetchOptions = {
  signal: AbortSignal;
  /** Tests reach their local servers; never in production. */
  allowLoopback: boolean;
  maxRedirects?: number;
};

export type PublicUrlAnswer = { body: IncomingMessage; declaredSize: number | null };

/**
 * GETs a file from an address someone outside gave us (an API channel's attachment URL): http or
 * https only, no credentials in the URL, at most a few redirects (each checked again), and never
 * to a private, loopback or link-local address, whether named directly or through DNS. Refusals
 * are final DeliveryErrors; network failures and 5xx are retryable.
 */
export async function fetchPublicUrl(url: string, options: PublicUrlFetchOptions): Promise<PublicUrlAnswer> {
  let target = url;
  for (let hop = 0; hop <= (options.maxRedirects ?? 3); hop++) {
    let parsed: URL;
    try {
      parsed = new URL(target);
    } catch {
      throw new DeliveryError('the file address is not a URL', false);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new DeliveryError(`the file address must be http or https, not ${parsed.protocol}`, false);
    if (parsed.username || parsed.password) throw new DeliveryError('the file address may not carry a user name or password', false);
    const host = parsed.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !mayConnectTo(host, options.allowLoopback)) throw new DeliveryError(`the file address ${host} is a private or local address`, false);
    const response = await get(parsed, options);
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && response.headers.location) {
      response.resume();
      target = new URL(response.headers.location, parsed).toString();
      continue;
    }
    if (status < 200 || status >= 300) {
      response.resume();
      throw new DeliveryError(`the file address answered HTTP ${status}`, retryableStatus(status));
    }
    const length = response.headers['content-length'];
    return { body: response, declaredSize: length && /^\d{1,15}$/.test(length) ? Number(length) : null };
  }
  throw new DeliveryError('the file address redirected too often', false);
}

function get(url: URL, options: PublicUrlFetchOptions): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, { method: 'GET', lookup: guardedLookup(options.allowLoopback), signal: options.signal, headers: { accept: '*/*', 'user-agent': 'Switchboard' } }, resolve);
    req.on('error', (err: Error) => {
      if (err instanceof RefusedAddressError || (err as { cause?: unknown }).cause instanceof RefusedAddressError) return reject(new DeliveryError(`the file address ${url.hostname} is a private or local address`, false));
      const cause = err.name === 'AbortError' || err.name === 'TimeoutError' ? 'timed out' : err.message;
      reject(new DeliveryError(`the file address could not be reached: ${cause}`, true));
    });
    req.end();
  });
}
