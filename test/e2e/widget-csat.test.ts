import type { Browser, Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app';
import { chromiumMissing, CHROMIUM_PATH, launchChromium } from '../support/browser';
import { runDatabase, type OpenedDatabase } from '../support/databases';
import { closeAllSockets, connectAgent, data, login, request } from '../support/server-fixture';
import { reply } from '../support/channels';
import { waitUntil } from '../support/wait';

if (chromiumMissing) console.log(`skipped: Chromium not found at ${CHROMIUM_PATH}`);

// After the agent resolves the chat, the customer in the web widget sees the survey as stars,
// picks four, writes a comment and sends it; the agent's thread gets the answer.
describe.skipIf(chromiumMissing)('the satisfaction survey in the widget', () => {
  let database: OpenedDatabase | undefined;
  let server: RunningServer;
  let browser: Browser;
  let customer: Page;
  let agent: Socket;
  let admin: Socket;

  beforeAll(async () => {
    database = await runDatabase().open();
    server = await startServer({ port: 0, ...database.options, seed: 'if-empty' });
    await server.db.query(`UPDATE channels SET config = config || '{"bot": false}'::jsonb WHERE kind = 'widget'`);
    admin = await connectAgent(server.url, (await login(server.url, 'admin@demo.test', 'demo-admin')).accessToken);
    agent = await connectAgent(server.url, (await login(server.url, 'wang.fang@demo.test', 'demo-agent')).accessToken);
    data(await request(admin, 'csat:admin:settings', {
      save: { enabled: true, channelKinds: ['widget'], questionZh: '您对本次服务满意吗？', questionEn: 'How did we do?', linkValidDays: 7 },
    }));
    browser = await launchChromium();
    customer = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    console.log(`database: ${database.describe}; server on port ${server.port}`);
  });
  afterAll(async () => {
    closeAllSockets();
    await browser?.close();
    await server?.close();
    await database?.drop();
  });

  it('shows stars after the resolve; the picked stars and comment reach the agent, and the card thanks the customer', async () => {
    const violations: string[] = [];
    customer.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await customer.goto(`${server.url}/widget/`);
    await expect.poll(() => customer.getByTestId('widget-status').getAttribute('data-state'), { timeout: 15_000 }).toBe('online');
    await customer.getByRole('textbox').fill('我的快递到哪了？');
    await customer.getByTestId('widget-send').click();

    const conversationId = await waitUntil(async () => {
      const rows = await server.db.query<{ id: string }>("SELECT c.id FROM conversations c JOIN messages m ON m.conversation_id = c.id WHERE m.body = '我的快递到哪了？'");
      return rows[0]?.id;
    }, 'the customer’s conversation');
    await reply(agent, conversationId, '明天送达。');
    data(await request(agent, 'conversation:resolve', { conversationId }));

    const card = customer.getByTestId('widget-survey');
    await card.waitFor({ timeout: 15_000 });
    await expect.poll(() => customer.locator('.msg--survey .msg__bubble').textContent()).toBe('您对本次服务满意吗？');
    await card.getByRole('radio', { name: '4 星' }).click();
    await card.getByRole('textbox').fill('很快，谢谢');
    await card.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 15_000 }).toBe('answered');
    expect(await card.getByRole('status').textContent()).toBe('感谢您的评价！您仍可修改。');
    expect(await card.locator('.survey__star--on').count()).toBe(4);

    const rows = await server.db.query<{ rating: number; comment: string; via: string }>('SELECT rating, comment, via FROM csat_answers WHERE conversation_id = $1', [conversationId]);
    expect(rows).toEqual([{ rating: 4, comment: '很快，谢谢', via: 'widget' }]);
    const thread = data(await request<{ messages: { system?: { code: string; params: Record<string, string> } | null }[] }>(agent, 'messages:list', { conversationId }));
    expect(thread.messages.find((m) => m.system?.code === 'csat_answer')?.system?.params).toEqual({ rating: '4', comment: '很快，谢谢' });

    // Reloaded, the page still shows the stars given.
    await customer.reload();
    const again = customer.getByTestId('widget-survey');
    await again.waitFor({ timeout: 15_000 });
    await expect.poll(() => again.locator('.survey__star--on').count()).toBe(4);
    expect(violations).toEqual([]);
  });
});
