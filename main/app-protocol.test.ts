import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_PAGE_URL, appSchemePrivileges, createAppProtocolHandler } from './app-protocol';
import { resolveRendererFile } from './renderer-files';
import { contentSecurityPolicy } from './session-policy';

/** A renderer build beside a secret file that must never be served. */
function builtRenderer() {
  const parent = mkdtempSync(join(tmpdir(), 'sb-app-protocol-'));
  const root = join(parent, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Switchboard</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(join(parent, 'secret.txt'), 'refresh-token');
  return { root, handle: createAppProtocolHandler(root, contentSecurityPolicy()) };
}

const get = (url: string, method = 'GET') => new Request(url, { method });

describe('app:// protocol', () => {
  it('serves the built page and its assets with their types and our CSP', async () => {
    const { handle } = builtRenderer();
    const page = await handle(get(APP_PAGE_URL));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Switchboard</title>');
    const types = await Promise.all(
      ['index-abc.js', 'index-abc.css', 'logo.svg'].map(async (name) =>
        (await handle(get(`app://switchboard/assets/${name}`))).headers.get('content-type'),
      ),
    );
    expect(types).toEqual(['text/javascript; charset=utf-8', 'text/css; charset=utf-8', 'image/svg+xml']);
    expect((await handle(get('app://switchboard/'))).status).toBe(200);
  });

  it('never serves a file outside the renderer build, however the path is written', async () => {
    const { handle } = builtRenderer();
    const attempts = [
      'app://switchboard/%2e%2e/secret.txt',
      'app://switchboard/assets/%2E%2E%2F%2E%2E%2Fsecret.txt',
      'app://switchboard/..%2fsecret.txt',
      'app://switchboard/..%5csecret.txt',
      'app://switchboard/%2fetc%2fpasswd',
      'app://switchboard/assets/%00index-abc.js',
      'app://switchboard/%E0%A4%A',
      'app://switchboard/../secret.txt',
    ];
    for (const url of attempts) {
      const response = await handle(get(url));
      expect(response.status, url).not.toBe(200);
      expect(await response.text(), url).not.toContain('refresh-token');
    }
  });

  it('answers only its own host, only reads, and 404 for what the build lacks', async () => {
    const { handle } = builtRenderer();
    expect((await handle(get('app://evil/index.html'))).status).toBe(404);
    expect((await handle(get('app://switchboard/missing.js'))).status).toBe(404);
    expect((await handle(get(APP_PAGE_URL, 'POST'))).status).toBe(405);
    const head = await handle(get(APP_PAGE_URL, 'HEAD'));
    expect([head.status, await head.text()]).toEqual([200, '']);
  });

  it('is registered as a secure standard scheme without CORS or CSP bypass', () => {
    expect(appSchemePrivileges).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
  });
});

describe('renderer file resolution', () => {
  it('maps URL paths to files under the root and refuses the rest', () => {
    expect(resolveRendererFile('/r', '/')).toBe('/r/index.html');
    expect(resolveRendererFile('/r', '/assets/a%20b.js')).toBe('/r/assets/a b.js');
    expect(resolveRendererFile('/r', '/assets/./a.js')).toBeNull();
    expect(resolveRendererFile('/r', '/assets/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
    expect(resolveRendererFile('/r', '/%')).toBeNull();
  });
});
