import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { HOST_SOCKET_PATH } from '../../shared/host-protocol';
import { startBrowserHost, type RunningBrowserHost } from './host';

let host: RunningBrowserHost;
let folders: string[];

beforeAll(async () => {
  folders = [mkdtempSync(join(tmpdir(), 'sb-host-data-')), mkdtempSync(join(tmpdir(), 'sb-host-renderer-'))];
  writeFileSync(join(folders[1]!, 'index.html'), '<!doctype html><title>Switchboard</title>');
  host = await startBrowserHost({ port: 0, dataDir: folders[0]!, rendererDir: folders[1]! });
});

afterAll(async () => {
  await host?.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const address = () => new URL(host.url);
const key = () => address().searchParams.get('k') ?? '';

/** A GET as any program on this machine can send it, Host header included. */
function get(path: string, hostHeader: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: Number(address().port), path, headers: { host: hostHeader } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens the contract socket as a page would, answering the upgrade's status (101 when it opened). */
function openSocket(query: string, headers: { host: string; origin: string }): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${address().port}${HOST_SOCKET_PATH}${query}`, { headers });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => resolve(0));
  });
}

describe('browser host access', () => {
  it('prints an address on this machine that carries a key made at launch', () => {
    expect(address().hostname).toBe('127.0.0.1');
    expect(key()).toMatch(/^[\w-]{40,}$/);
  });

  it('serves the page under a loopback name and refuses any other Host (DNS rebinding)', async () => {
    const port = address().port;
    expect(await get('/', `127.0.0.1:${port}`)).toBe(200);
    expect(await get('/', `localhost:${port}`)).toBe(200);
    expect(await get('/', `evil.example:${port}`)).toBe(403);
    expect(await get('/', 'evil.example')).toBe(403);
  });

  it('opens the contract socket only for a loopback Host, a matching Origin and the launch key', async () => {
    const port = address().port;
    const own = { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` };
    const rebound = { host: `evil.example:${port}`, origin: `http://evil.example:${port}` };
    expect(await openSocket(`?k=${key()}`, own)).toBe(101);
    expect(await openSocket(`?k=${key()}`, rebound)).toBe(403);
    expect(await openSocket('', own)).toBe(403);
    expect(await openSocket(`?k=${key().slice(1)}x`, own)).toBe(403);
    expect(await openSocket(`?k=${key()}`, { ...own, origin: 'http://127.0.0.1:1' })).toBe(403);
  });
});
