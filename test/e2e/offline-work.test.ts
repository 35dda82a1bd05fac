import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBrowserHost } from '../../main/browser-host/host';
import { startServer, type RunningServer } from '../../server/app';
import { runDatabase, type OpenedDatabase } from '../support/databases';
import { chromiumMissing, E2E_ARTIFACTS, CHROMIUM_PATH, chromiumForFile, startWorkstationHost, type TestBrowser } from '../support/browser';
import { startCore } from '../support/core-harness';
import { TcpProxy } from '../support/tcp-proxy';
import { connectVisitor } from '../support/visitor';
import { waitUntil } from '../support/wait';

const artifacts = E2E_ARTIFACTS;

if (chromiumMissing) console.log(`skipped: Chromium not found at ${CHROMIUM_PATH}`);

// The agent's network drops while customers keep writing and a colleague takes a chat; the
// workstation keeps working and, once back, equals the server without a reload.
describe.skipIf(chromiumMissing)('working through a network drop, end to end', () => {
  let server: RunningServer;
  let database: OpenedDatabase | undefined;
  let host: RunningBrowserHost;
  let browser: TestBrowser;
  let proxy: TcpProxy;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    database = await runDatabase().open();
    server = await startServer({ port: 0, ...database.options, seed: 'if-empty' });
    proxy = await TcpProxy.start(server.port);
    host = await startWorkstationHost('sb-e2e-offline-desktop-');
    browser = await chromiumForFile();
    console.log(`database: ${database.describe}; the workstation reaches the server through a relay the test cuts`);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await proxy?.close();
    await server?.close();
    await database?.drop();
  });

  const shoot = (page: Page, name: string) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
  const item = (page: Page, text: string) => page.getByTestId('conversation-item').filter({ hasText: text });

  it('queues replies offline, keeps drafts, and catches up without a reload', async () => {
    const page = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 820 } })).newPage();
    await page.goto(host.url);
    await page.getByLabel(/Server URL/).fill(proxy.url);
    await page.getByLabel(/^Email$/).fill('wang.fang@demo.test');
    await page.getByLabel(/^Password$/).fill('demo-agent');
    await page.getByRole('button', { name: /Sign in/ }).click();
    const status = page.getByTestId('connection-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 15_000 }).toBe('online');

    const anna = await connectVisitor(server.url, { name: 'Anna' });
    const bo = await connectVisitor(server.url, { name: 'Bo' });
    const chen = await connectVisitor(server.url, { name: 'Chen' });
    await anna.send('Anna: where is my order?');
    await bo.send('Bo: can I change the size?');
    await chen.send('Chen: 发票怎么开？');
    await item(page, 'Anna: where is my order?').waitFor();
    await item(page, 'Chen: 发票怎么开？').waitFor();

    // The network goes away.
    proxy.cut();
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 15_000 }).toBe('offline');
    await expect.poll(() => status.innerText()).toMatch(/Offline since \d{1,2}:\d{2}/);

    await item(page, 'Anna: where is my order?').click();
    const reply = page.getByLabel(/^Reply$/);
    await reply.fill('It left our warehouse this morning.');
    await page.getByTestId('send-button').click();
    const mine = page.locator('[data-testid=message][data-sender=agent]');
    await expect.poll(() => mine.getAttribute('data-delivery')).toBe('queued');
    await expect.poll(() => reply.inputValue()).toBe('');

    // A reply to Chen, who a colleague is about to take over.
    await item(page, 'Chen: 发票怎么开？').click();
    await reply.fill('我来帮您开发票。');
    await page.getByTestId('send-button').click();
    await expect.poll(() => page.locator('[data-testid=message][data-sender=agent]').getAttribute('data-delivery')).toBe('queued');

    await item(page, 'Bo: can I change the size?').click();
    await reply.fill('Sizes can be changed until the parcel ships — ');
    await shoot(page, '07-offline-queued-and-draft');

    // Meanwhile: customers keep writing, and a colleague takes Chen's chat.
    await anna.send('Anna: hello?');
    await chen.send('Chen: 在吗？');
    const colleague = startCore();
    await colleague.call('session.login', { serverUrl: server.url, email: 'li.lei@demo.test', password: 'demo-agent' });
    await colleague.waitForStatus('online');
    const chens = await waitUntil(
      async () => (await colleague.call('conversations.list', {})).find((c) => c.contactName === 'Chen'),
      "Chen's conversation for the colleague",
    );
    await colleague.call('outbox.send', { conversationId: chens.id, body: '李雷为您开发票。' });
    await chen.waitFor((m) => m.body === '李雷为您开发票。');

    // The network comes back: the queued reply goes out once, the inbox matches the server.
    proxy.restore();
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 30_000 }).toBe('online');
    await anna.waitFor((m) => m.body === 'It left our warehouse this morning.', 20_000);
    // Chen's chat is no longer ours: the reply was not sent; it waits in the composer with the reason.
    const chenItem = page.getByTestId('conversation-item').filter({ hasText: 'Chen' });
    await expect.poll(() => chenItem.getAttribute('data-access'), { timeout: 15_000 }).toBe('lost');
    await chenItem.click();
    await expect.poll(() => reply.inputValue()).toBe('我来帮您开发票。');
    await expect.poll(() => page.getByTestId('draft-reason').innerText()).toContain('李雷');
    // What was cached of the thread still shows; nothing asks the server for a chat that is not ours.
    await expect.poll(() => page.getByTestId('message').allInnerTexts()).toEqual([expect.stringContaining('Chen: 发票怎么开？')]);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(chen.received.map((m) => m.body)).not.toContain('我来帮您开发票。');
    await shoot(page, '08a-reply-returned-to-draft');
    // Anna's row is there once, with what happened while offline in its thread.
    const annaItem = page.getByTestId('conversation-item').filter({ hasText: 'Anna' });
    await expect.poll(() => annaItem.count()).toBe(1);
    await annaItem.click();
    await expect
      .poll(() => page.getByTestId('message').allInnerTexts())
      .toEqual([
        expect.stringContaining('Anna: where is my order?'),
        // Written by Anna while the agent was offline, so stored before the queued reply went out.
        expect.stringContaining('Anna: hello?'),
        expect.stringContaining('It left our warehouse this morning.'),
      ]);
    await expect.poll(() => mine.getAttribute('data-delivery')).toBe('sent');
    expect(anna.received.filter((m) => m.body === 'It left our warehouse this morning.')).toHaveLength(1);
    await shoot(page, '08-back-online');

    // Bo's draft survives a restart of the window.
    await page.reload();
    await item(page, 'Bo: can I change the size?').click();
    await expect.poll(() => reply.inputValue()).toBe('Sizes can be changed until the parcel ships — ');

    for (const v of [anna, bo, chen]) v.close();
    await colleague.core.dispose();
  });
});
