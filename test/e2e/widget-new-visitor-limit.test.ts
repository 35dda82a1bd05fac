import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, CHROMIUM_PATH, chromiumForFile, type TestBrowser } from '../support/browser';
import { startServer, type RunningServer } from '../../server/app';
import { runDatabase, type OpenedDatabase } from '../support/databases';

if (chromiumMissing) console.log(`skipped: Chromium not found at ${CHROMIUM_PATH}`);

// The server allows one new visitor a minute from an address (as SWITCHBOARD_NEW_VISITORS_PER_MINUTE=1):
// the second customer from loopback is asked to wait, in words, and the first chats on.
describe.skipIf(chromiumMissing)('new chats from one network over the budget', () => {
  let database: OpenedDatabase | undefined;
  let server: RunningServer;
  let browser: TestBrowser;

  const widget = async (locale: string): Promise<Page> => {
    const page = await (await browser.newContext({ locale })).newPage();
    await page.goto(`${server.url}/widget/`);
    return page;
  };

  beforeAll(async () => {
    database = await runDatabase().open();
    server = await startServer({ port: 0, ...database.options, seed: 'if-empty', newVisitorLimit: { max: 1, windowMs: 60_000 } });
    browser = await chromiumForFile();
    console.log(`database: ${database.describe}; server on port ${server.port}`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await database?.drop();
  });

  it('the customer over the budget reads that their network must wait, in their language; the first one is connected', async () => {
    const first = await widget('en-US');
    await expect.poll(() => first.getByTestId('widget-status').getAttribute('data-state'), { timeout: 15_000 }).toBe('online');

    const second = await widget('en-US');
    const status = second.getByTestId('widget-status');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 15_000 }).toBe('busy');
    expect(await status.textContent()).toMatch(/Many chats are starting from your network/);

    const third = await widget('zh-CN');
    await expect.poll(() => third.getByTestId('widget-status').getAttribute('data-state'), { timeout: 15_000 }).toBe('busy');
    expect(await third.getByTestId('widget-status').textContent()).toMatch(/您所在的网络正在发起很多会话/);
    expect(await first.getByTestId('widget-status').getAttribute('data-state')).toBe('online');
  });
});
