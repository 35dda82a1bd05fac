import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app';
import { chromiumMissing, CHROMIUM_PATH, launchChromium } from '../support/browser';
import { runDatabase, type OpenedDatabase } from '../support/databases';
import { login } from '../support/server-fixture';

if (chromiumMissing) console.log(`skipped: Chromium not found at ${CHROMIUM_PATH}`);

// The bot is unsure between two articles: the customer sees them as buttons under its question,
// clicks one, and reads that article's answer.
describe.skipIf(chromiumMissing)('the bot’s suggestions in the widget', () => {
  let database: OpenedDatabase | undefined;
  let server: RunningServer;
  let browser: Browser;
  let customer: Page;

  beforeAll(async () => {
    database = await runDatabase().open();
    server = await startServer({ port: 0, ...database.options, seed: 'if-empty' });
    await server.db.query('DELETE FROM kb_articles');
    await server.db.query(`UPDATE channels SET config = config || '{"bot": true}'::jsonb WHERE kind = 'widget'`);
    await server.db.query("DELETE FROM bot_rules WHERE kind = 'off_hours'");
    const { accessToken } = await login(server.url, 'admin@demo.test', 'demo-admin');
    for (const [title, body] of [['储值卡余额退款', '储值卡余额可在账户页申请原路退回。'], ['礼品卡余额退款', '礼品卡余额不可提现，可以转赠他人使用。']]) {
      const created = await fetch(`${server.url}/api/kb/articles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ lang: 'zh', title, body, questions: ['卡里的余额能退吗'] }),
      });
      expect(created.status).toBe(201);
    }
    browser = await launchChromium();
    customer = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    console.log(`database: ${database.describe}; server on port ${server.port}`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await database?.drop();
  });

  it('shows the articles as buttons; a click sends the pick and the bot answers with that article', async () => {
    await customer.goto(`${server.url}/widget/`);
    await expect.poll(() => customer.getByTestId('widget-status').getAttribute('data-state'), { timeout: 15_000 }).toBe('online');
    await customer.getByRole('textbox').fill('余额退款');
    await customer.getByTestId('widget-send').click();

    const choices = customer.getByTestId('widget-choices');
    await choices.waitFor({ timeout: 15_000 });
    expect((await choices.getByRole('button').allTextContents()).sort()).toEqual(['储值卡余额退款', '礼品卡余额退款']);
    await choices.getByRole('button', { name: '礼品卡余额退款' }).click();

    const mine = customer.locator('[data-testid=widget-message][data-from=me]');
    await expect.poll(() => mine.allTextContents(), { timeout: 15_000 }).toEqual([expect.stringContaining('余额退款'), expect.stringContaining('礼品卡余额退款')]);
    const bot = customer.locator('[data-testid=widget-message][data-from=bot] .msg__bubble');
    await expect.poll(async () => (await bot.allTextContents()).some((text) => text.includes('礼品卡余额不可提现')), { timeout: 15_000 }).toBe(true);
    // The pick is made: no buttons are left to click.
    expect(await customer.getByTestId('widget-choices').count()).toBe(0);
  });
});
