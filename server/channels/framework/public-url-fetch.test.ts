import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchPublicUrl, mayConnectTo } from './public-url-fetch';
import { DeliveryError } from './outbound';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/file') return void res.writeHead(200, { 'content-type': 'image/png', 'content-length': '4' }).end('\x89PNG');
    if (req.url === '/to-file') return void res.writeHead(302, { location: '/file' }).end();
    if (req.url === '/to-metadata') return void res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    res.writeHead(503).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const signal = () => AbortSignal.timeout(5_000);

async function refusal(promise: Promise<unknown>): Promise<{ reason: string; retryable: boolean }> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(DeliveryError);
  return { reason: (err as DeliveryError).reason, retryable: (err as DeliveryError).retryable };
}

describe('fetching a file from an address a shop’s app sent', () => {
  it('reaches public addresses only: never private, loopback, link-local or mapped ones', () => {
    for (const address of ['8.8.8.8', '2606:4700:4700::1111', '151.101.1.69']) expect(mayConnectTo(address, false)).toBe(true);
    for (const address of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1', '::ffff:127.0.0.1']) {
      expect(mayConnectTo(address, false)).toBe(false);
    }
    // Tests may reach their own machine, and nothing else private.
    expect(mayConnectTo('127.0.0.1', true)).toBe(true);
    expect(mayConnectTo('10.1.2.3', true)).toBe(false);
  });

  it('refuses this machine by address and by name, for good', async () => {
    expect(await refusal(fetchPublicUrl(`${base}/file`, { signal: signal(), allowLoopback: false }))).toEqual({ reason: expect.stringMatching(/private or local/), retryable: false });
    const byName = `${base.replace('127.0.0.1', 'localhost')}/file`;
    expect(await refusal(fetchPublicUrl(byName, { signal: signal(), allowLoopback: false }))).toEqual({ reason: expect.stringMatching(/private or local/), retryable: false });
    expect((await refusal(fetchPublicUrl('file:///etc/passwd', { signal: signal(), allowLoopback: true }))).retryable).toBe(false);
    expect((await refusal(fetchPublicUrl(`http://user:pw@127.0.0.1:1/x`, { signal: signal(), allowLoopback: true }))).retryable).toBe(false);
  });

  it('follows redirects, checking each address again', async () => {
    const answer = await fetchPublicUrl(`${base}/to-file`, { signal: signal(), allowLoopback: true });
    expect(answer.declaredSize).toBe(4);
    answer.body.resume();
    expect(await refusal(fetchPublicUrl(`${base}/to-metadata`, { signal: signal(), allowLoopback: true }))).toEqual({ reason: expect.stringMatching(/169\.254\.169\.254/), retryable: false });
  });

  it('tries again later when the address answers 5xx', async () => {
    expect(await refusal(fetchPublicUrl(`${base}/down`, { signal: signal(), allowLoopback: true }))).toEqual({ reason: 'the file address answered HTTP 503', retryable: true });
  });
});
