import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBrowserHost } from '../../main/browser-host/host';
import { startServer, type RunningServer } from '../../server/app';
import { chromiumMissing, CHROMIUM_PATH, E2E_ARTIFACTS, chromiumForFile, signIn, startWorkstationHost, type TestBrowser } from '../support/browser';
import { runDatabase, type OpenedDatabase } from '../support/databases';
import { openWidget, writeInWidget } from '../support/widget-customer';

if (chromiumMissing) console.log(`skipped: Chromium not found at ${CHROMIUM_PATH}`);

// An agent types a card number into a reply: the workstation says what will be masked and asks;
// the customer on the widget gets the number masked.
describe.skipIf(chromiumMissing)('masking personal data in a reply, end to end', () => {
  let database: OpenedDatabase | undefined;
  let server: RunningServer;
  let host: RunningBrowserHost;
  let browser: TestBrowser;

  beforeAll(async () => {
    mkdirSync(E2E_ARTIFACTS, { recursive: true });
    database = await runDatabase().open();
    server = await startServer({ port: 0, ...database.options, seed: 'if-empty' });
    host = await startWorkstationHost();
    browser = await chromiumForFile();
    console.log(`database: ${database.describe}; workstation at ${host.url}`);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await server?.close();
    await database?.drop();
  });

  const shoot = (page: Page, name: string) => page.screenshot({ path: join(E2E_ARTIFACTS, `${name}.png`), fullPage: true });

  it('tells the agent before sending, and the customer never sees the number', async () => {
    const agentPage = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 820 } })).newPage();
    await agentPage.goto(host.url);
    await signIn(agentPage, server.url, 'wang.fang@demo.test', 'demo-agent');

    // A pre-sales question: 王芳 works in pre-sales, so the chat is hers to answer.
    const visitorPage = await openWidget(browser, server.url, 'zh-CN');
    await writeInWidget(visitorPage, '用银行卡付款有优惠吗');
    const item = agentPage.getByTestId('conversation-item').filter({ hasText: '用银行卡付款有优惠吗' });
    await item.waitFor({ timeout: 15_000 });
    await item.click();

    const box = agentPage.getByLabel(/^(Reply|回复)$/);
    const typed = '请确认您的银行卡号 6222 0000 1111 2222 是否正确';
    await box.fill(typed);
    const notice = agentPage.getByTestId('mask-notice');
    await expect
      .poll(() => notice.locator('li').allInnerTexts(), { timeout: 15_000 })
      .toEqual(['“银行卡号” will be sent as ****', 'Card number ending 2222 will be sent as **** **** **** ****']);

    // Enter asks first; the text stays in the box.
    await box.press('Enter');
    const confirm = agentPage.getByRole('button', { name: 'Send masked' });
    await confirm.waitFor();
    await shoot(agentPage, 'masking-01-asked');
    expect(await box.inputValue()).toBe(typed);
    expect(await agentPage.locator('[data-testid=message][data-sender=agent]').count()).toBe(0);

    // Enter again presses "Send masked", which has the focus.
    await agentPage.keyboard.press('Enter');
    const masked = '请确认您的**** **** **** **** **** 是否正确';
    await expect
      .poll(() => visitorPage.locator('[data-testid=widget-message][data-from=agent]').allInnerTexts(), { timeout: 15_000 })
      .toEqual([expect.stringContaining(masked)]);
    expect(await visitorPage.content()).not.toContain('6222');
    await expect.poll(() => agentPage.locator('[data-testid=message][data-sender=agent]').allInnerTexts()).toEqual([expect.stringContaining(masked)]);
    expect(await box.inputValue()).toBe('');
    await shoot(visitorPage, 'masking-02-widget');
  });
});
