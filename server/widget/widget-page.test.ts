import Fastify, { type FastifyInstance } from 'fastify';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { registerWidgetPage, WIDGET_NOT_BUILT } from './widget-page';

let app: FastifyInstance | undefined;
let dir: string | undefined;
afterEach(async () => {
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  app = undefined;
  dir = undefined;
});

async function serve(folder: string): Promise<FastifyInstance> {
  app = Fastify();
  await registerWidgetPage(app, folder);
  await app.ready();
  return app;
}

describe('the widget page', () => {
  it('serves the built page and its assets with the CSP, and nothing else from the folder', async () => {
    dir = mkdtempSync(join(tmpdir(), 'widget-page-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Chat with us</title>');
    writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(join(dir, 'assets', 'index-abc.js.map'), '{}');
    const server = await serve(dir);

    const page = await server.inject('/widget/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Chat with us');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const script = await server.inject('/widget/assets/index-abc.js');
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect((await server.inject('/widget/assets/index-abc.js.map')).statusCode).toBe(404);
    const bare = await server.inject('/widget');
    expect([bare.statusCode, bare.headers.location]).toEqual([302, '/widget/']);
  });

  it('says how to build the page when it was never built', async () => {
    dir = mkdtempSync(join(tmpdir(), 'widget-page-'));
    const server = await serve(join(dir, 'missing'));
    const page = await server.inject('/widget/');
    expect(page.statusCode).toBe(503);
    expect(page.json()).toEqual(WIDGET_NOT_BUILT);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
  });
});
