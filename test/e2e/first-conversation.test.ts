import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type RunningBrowserHost } from '../../main/browser-host/host';
import { startServer, type RunningServer } from '../../server/app';
import { runDatabase, type OpenedDatabase } from '../support/databases';
import { chromiumMissing, E2E_ARTIFACTS, CHROMIUM_PATH, chromiumForFile, RENDERER_DIR, type TestBrowser } from '../support/browser';

const artifacts = E2E_ARTIFACTS;

if (chromiumMissing) console.log(`skipped: Chromium not found at ${CHROMIUM_PATH}`);

// A customer on the widget and an agent in the workstation, through the real server and core.
describe.skipIf(chromiumMissing)('a first conversation, end to end', () => {
  let database: OpenedDatabase | undefined;
  let server: RunningServer;
  let host: RunningBrowserHost;
  let browser: TestBrowser;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    database = await runDatabase().open();
    server = await startServer({ port: 0, ...database.options, seed: 'if-empty' });
    host = await startBrowserHost({
      port: 0,
      dataDir: mkdtempSync(join(tmpdir(), 'sb-e2e-desktop-')),
      rendererDir: RENDERER_DIR,
    });
    browser = await chromiumForFile();
    console.log(`database: ${database.describe}; workstation at ${host.url}`);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await server?.close();
    await database?.drop();
  });

  const shoot = (page: Page, name: string) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

  it('a visitor writes, the agent sees it live and replies, and history survives a server restart', async () => {
    const visitorPage = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    const agentPage = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 820 } })).newPage();

    // The agent signs in first and is looking at an empty inbox.
    await agentPage.goto(host.url);
    await agentPage.getByLabel(/Server URL|服务器地址/).fill(server.url);
    await agentPage.getByLabel(/^(Email|邮箱)$/).fill('wang.fang@demo.test');
    await agentPage.getByLabel(/^(Password|密码)$/).fill('demo-agent');
    await shoot(agentPage, '01-login');
    await agentPage.getByRole('button', { name: /Sign in|登录/ }).click();
    const status = agentPage.getByTestId('connection-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 15_000 }).toBe('online');

    // The customer writes on the widget.
    await visitorPage.goto(`${server.url}/widget/`);
    await visitorPage.getByLabel(/^(Message|消息)$/).fill('你好，我的订单还没到');
    await visitorPage.getByTestId('widget-send').click();
    await expect
      .poll(() => visitorPage.locator('[data-testid=widget-message][data-from=me]').allInnerTexts())
      .toEqual([expect.stringContaining('你好，我的订单还没到')]);

    // It appears in the agent's inbox without a reload.
    const item = agentPage.getByTestId('conversation-item').filter({ hasText: '你好，我的订单还没到' });
    await item.waitFor({ timeout: 15_000 });
    await shoot(agentPage, '02-inbox-new-conversation');
    await item.click();
    const thread = agentPage.getByTestId('message');
    await expect.poll(() => thread.allInnerTexts()).toEqual([expect.stringContaining('你好，我的订单还没到')]);

    await agentPage.getByLabel(/^(Reply|回复)$/).fill('您好，我来帮您查一下物流。');
    await agentPage.getByTestId('send-button').click();
    await expect
      .poll(() => agentPage.locator('[data-testid=message][data-sender=agent]').getAttribute('data-delivery'))
      .toBe('sent');
    await expect.poll(() => agentPage.getByLabel(/^(Reply|回复)$/).inputValue()).toBe('');
    await shoot(agentPage, '03-replied');

    // The customer sees the reply.
    await expect
      .poll(() => visitorPage.locator('[data-testid=widget-message][data-from=agent]').allInnerTexts(), { timeout: 15_000 })
      .toEqual([expect.stringContaining('您好，我来帮您查一下物流。')]);
    await shoot(visitorPage, '04-widget-sees-reply');

    // The server restarts on the same data; the workstation says it is offline, then recovers.
    const port = server.port;
    await server.close();
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 15_000 }).toMatch(/offline|connecting/);
    await shoot(agentPage, '05-server-down');
    server = await startServer({ port, ...database!.options, seed: 'if-empty' });
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 45_000 }).toBe('online');

    // A fresh window shows the same history from the restarted server.
    await agentPage.reload();
    await agentPage.getByTestId('conversation-item').filter({ hasText: '您好，我来帮您查一下物流。' }).click();
    await expect
      .poll(() => agentPage.getByTestId('message').allInnerTexts())
      .toEqual([expect.stringContaining('你好，我的订单还没到'), expect.stringContaining('您好，我来帮您查一下物流。')]);
    await shoot(agentPage, '06-history-after-restart');

    // The visitor's page restores the thread after a reload, from the token it kept.
    await visitorPage.reload();
    await expect
      .poll(() => visitorPage.getByTestId('widget-message').count(), { timeout: 15_000 })
      .toBe(2);
  });
});
