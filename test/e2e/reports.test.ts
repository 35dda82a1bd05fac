import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBrowserHost } from '../../main/browser-host/host';
import { startServer, type RunningServer } from '../../server/app';
import { chromiumMissing, CHROMIUM_PATH, chromiumForFile, E2E_ARTIFACTS, signIn, startWorkstationHost, type TestBrowser } from '../support/browser';
import { bearer, http, postBody, reply, TEST_RETRY } from '../support/channels';
import { runDatabase, type OpenedDatabase } from '../support/databases';
import { TG_CHAT, tgCallbackQuery, tgSent, tgText } from '../support/platform-payloads';
import { startRecordingServer, type RecordingServer } from '../support/recording-server';
import { closeAllSockets, connectAgent, data, login, onlyWangTakesChats, request } from '../support/server-fixture';
import { connectVisitor } from '../support/visitor';
import { waitUntil } from '../support/wait';

if (chromiumMissing) console.log(`skipped: Chromium not found at ${CHROMIUM_PATH}`);

const BOT_TOKEN = '110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const TG_SECRET = 'reports-telegram-secret';

// Three chats resolved and rated: on the web widget (stars, in Chromium), on Telegram (the inline
// keyboard's button pressed, through the webhook) and on the widget again by a second agent. The
// supervisor's Reports show the three and their ratings in the charts, the tables and the CSV; an
// agent's Reports show only the two that were theirs, with no agent filter.
describe.skipIf(chromiumMissing)('reports over chats rated on the widget and on Telegram', () => {
  let database: OpenedDatabase | undefined;
  let server: RunningServer;
  let telegramApi: RecordingServer;
  let browser: TestBrowser;
  const hosts: RunningBrowserHost[] = [];
  let wang: Socket;
  let li: Socket;
  let telegramId = '';
  /** The account's time zone, which the reports count days in: the browsers' clocks use it too. */
  let timeZone = 'UTC';

  beforeAll(async () => {
    mkdirSync(E2E_ARTIFACTS, { recursive: true });
    telegramApi = await startRecordingServer();
    let sent = 7000;
    telegramApi.answer((r) => {
      if (r.method !== 'POST') return undefined;
      if (r.path.endsWith('/answerCallbackQuery')) return { json: { ok: true, result: true } };
      return { json: tgSent(++sent, (r.json as { text?: string } | null)?.text ?? '') };
    });
    database = await runDatabase().open();
    server = await startServer({ port: 0, ...database.options, seed: 'if-empty', deliveryPollMs: 50, deliveryRetry: TEST_RETRY });
    await server.db.query(`UPDATE channels SET config = config || '{"bot": false}'::jsonb WHERE kind = 'widget'`);
    await onlyWangTakesChats(server);
    const adminTokens = await login(server.url, 'admin@demo.test', 'demo-admin');
    const created = await http(`${server.url}/api/channels`, {
      method: 'POST',
      headers: { ...bearer(adminTokens.accessToken), 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'telegram', name: 'Telegram', config: { apiBaseUrl: `${telegramApi.url}/tg`, bot: false }, secrets: { botToken: BOT_TOKEN, webhookSecret: TG_SECRET },
      }),
    });
    expect(created.status).toBe(201);
    telegramId = (created.json as { channel: { id: string } }).channel.id;
    const admin = await connectAgent(server.url, adminTokens.accessToken);
    data(await request(admin, 'csat:admin:settings', {
      save: { enabled: true, channelKinds: ['widget', 'telegram'], questionZh: '您对本次服务满意吗？', questionEn: 'How did we do?', linkValidDays: 7 },
    }));
    const today = new Date().toISOString().slice(0, 10);
    ({ timeZone } = data(await request<{ timeZone: string }>(admin, 'reports:volume', { from: today, to: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10) })));
    wang = await connectAgent(server.url, (await login(server.url, 'wang.fang@demo.test', 'demo-agent')).accessToken);
    li = await connectAgent(server.url, (await login(server.url, 'li.lei@demo.test', 'demo-agent')).accessToken);
    data(await request(li, 'presence:set', { presence: 'away' }));
    for (let i = 0; i < 2; i++) hosts.push(await startWorkstationHost());
    browser = await chromiumForFile();
    console.log(`database: ${database.describe}; account time zone ${timeZone}; workstations at ${hosts.map((h) => h.url).join(', ')}`);
  });
  afterAll(async () => {
    await browser?.close();
    for (const host of hosts) await host.close();
    closeAllSockets();
    await server?.close();
    await database?.drop();
    await telegramApi?.close();
  });

  const conversationWith = (body: string) =>
    waitUntil(async () => {
      const rows = await server.db.query<{ id: string }>('SELECT conversation_id AS id FROM messages WHERE body = $1', [body]);
      return rows[0]?.id;
    }, `the conversation of "${body}"`);

  async function answerAndResolve(agent: Socket, conversationId: string): Promise<void> {
    await reply(agent, conversationId, '已为您处理好了。');
    data(await request(agent, 'conversation:resolve', { conversationId }));
  }

  async function signInAt(host: RunningBrowserHost, email: string, password: string): Promise<Page> {
    const page = await (await browser.newContext({ locale: 'zh-CN', timezoneId: timeZone, viewport: { width: 1440, height: 900 }, acceptDownloads: true })).newPage();
    await page.goto(host.url);
    await signIn(page, server.url, email, password);
    await page.getByTestId('view-tab-reports').click();
    await page.getByTestId('reports-view').waitFor();
    return page;
  }

  /** This period's value of a headline figure in a report's section. */
  const figure = (page: Page, report: string, key: string) =>
    page.getByTestId(`report-${report}`).locator(`tr[data-figure="${key}"] [data-testid=report-current]`).textContent();
  /** This period's value in a breakdown table's row and column. */
  const cell = (page: Page, table: string, row: string, column: string) =>
    page.getByTestId(table).locator(`tr[data-row="${row}"] td[data-col="${column}"] [data-testid=report-current]`).textContent();

  it('the supervisor sees the three rated chats in the charts, the tables and the CSV; an agent sees only their own', async () => {
    // ---- 1. The widget in Chromium: 王芳 answers and resolves; the customer gives five stars.
    const customer = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await customer.goto(`${server.url}/widget/`);
    await expect.poll(() => customer.getByTestId('widget-status').getAttribute('data-state'), { timeout: 15_000 }).toBe('online');
    await customer.getByRole('textbox').fill('我的快递到哪了？');
    await customer.getByTestId('widget-send').click();
    await answerAndResolve(wang, await conversationWith('我的快递到哪了？'));
    const card = customer.getByTestId('widget-survey');
    await card.waitFor({ timeout: 15_000 });
    await card.getByRole('radio', { name: '5 星' }).click();
    await card.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 15_000 }).toBe('answered');

    // ---- 2. Telegram: 王芳 answers and resolves; the customer presses "4" on the survey's keyboard.
    const tgDeliver = (payload: unknown) => postBody(`${server.url}/webhooks/telegram/${telegramId}`, payload, { 'x-telegram-bot-api-secret-token': TG_SECRET });
    expect((await tgDeliver(tgText(51001, 6001, 'What size should I pick?'))).status).toBe(200);
    await answerAndResolve(wang, await conversationWith('What size should I pick?'));
    const survey = await waitUntil(
      () => telegramApi.requests.find((r) => r.path === `/tg/bot${BOT_TOKEN}/sendMessage` && JSON.stringify(r.json).includes('csat:')),
      'the survey sent to Telegram',
    );
    const sent = survey.json as { chat_id: number; text: string; reply_markup: { inline_keyboard: { text: string; callback_data: string }[][] } };
    expect(sent.chat_id).toBe(TG_CHAT);
    const four = sent.reply_markup.inline_keyboard.flat().find((b) => b.callback_data.endsWith(':4'))!;
    const keyboard = { messageId: 7001, text: sent.text, keyboard: sent.reply_markup.inline_keyboard };
    expect((await tgDeliver(tgCallbackQuery(51002, 'reports-query-1', four.callback_data, keyboard))).status).toBe(200);
    await waitUntil(() => telegramApi.requests.some((r) => r.path.endsWith('/answerCallbackQuery')), 'the press acknowledged');

    // ---- 3. The widget again, now taken by 李雷 (王芳 steps away): three stars.
    data(await request(wang, 'presence:set', { presence: 'away' }));
    data(await request(li, 'presence:set', { presence: 'online' }));
    const visitor = await connectVisitor(server.url, { name: 'Third customer' });
    expect((await visitor.send('发票怎么开？')).ok).toBe(true);
    const third = await conversationWith('发票怎么开？');
    const offeredToLi = async () =>
      (await server.db.query("SELECT 1 FROM conversations WHERE id = $1 AND (assignee_id IS NOT NULL OR routing_state = 'offered')", [third])).length > 0;
    await waitUntil(offeredToLi, 'the chat offered to 李雷');
    await answerAndResolve(li, third);
    const liSurvey = await visitor.waitFor((m) => m.system?.code === 'csat_survey');
    expect(await visitor.socket.timeout(10_000).emitWithAck('visitor:csat', { messageId: liSurvey.id, rating: 3 })).toEqual({ ok: true, data: { status: 'stored' } });
    visitor.close();
    const ratings = await server.db.query<{ rating: number; via: string }>('SELECT rating, via FROM csat_answers ORDER BY rating DESC');
    expect(ratings).toEqual([{ rating: 5, via: 'widget' }, { rating: 4, via: 'telegram' }, { rating: 3, via: 'widget' }]);

    // ---- The supervisor's Reports, the last 7 days: three conversations, three answers.
    const supervisor = await signInAt(hosts[0]!, 'supervisor@demo.test', 'demo-supervisor');
    await expect.poll(() => figure(supervisor, 'volume', 'conversations')).toBe('3');
    expect(await supervisor.getByTestId('report-volume-by-channel').locator('tr[data-row="telegram"] [data-testid=report-current]').textContent()).toBe('1');
    await expect.poll(() => figure(supervisor, 'csat', 'answers')).toBe('3');
    expect(await figure(supervisor, 'csat', 'average')).toBe('4.00');
    expect(await figure(supervisor, 'csat', 'satisfiedPercent')).toBe('66.7 %');
    expect(await cell(supervisor, 'report-csat-by-channel', 'widget', 'answers')).toBe('2');
    expect(await cell(supervisor, 'report-csat-by-channel', 'widget', 'average')).toBe('4.00');
    expect(await cell(supervisor, 'report-csat-by-channel', 'telegram', 'average')).toBe('4.00');
    const agentChart = await supervisor.getByTestId('report-csat-chart').getAttribute('aria-label');
    expect(agentChart).toMatch(/^各客服平均分: /);
    expect(agentChart).toContain('王芳 4.50');
    expect(agentChart).toContain('李雷 3.00');
    const channelChart = await supervisor.getByTestId('report-csat-channel-chart').getAttribute('aria-label');
    expect(channelChart).toContain('网页聊天 2');
    expect(channelChart).toContain('Telegram 1');
    // The chart is drawn (SVG bars), not only described.
    expect(await supervisor.getByTestId('report-csat-channel-chart').locator('svg .recharts-bar-rectangle').count()).toBeGreaterThan(0);
    // Nothing before this week: every change reads "new", with an arrow.
    expect(await supervisor.getByTestId('report-csat').locator('tr[data-figure="answers"] [data-testid=report-change]').textContent()).toContain('▲ 新增');
    expect(await supervisor.locator('#report-agent').count()).toBe(1);
    await supervisor.getByTestId('report-csat').screenshot({ path: join(E2E_ARTIFACTS, 'reports-supervisor-csat.png') });

    // ---- Export CSV: the saved file holds the three answers, per agent and per channel.
    const [download] = await Promise.all([supervisor.waitForEvent('download'), supervisor.getByTestId('report-csat-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^report-csat-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
    const rows = csv.trim().split(/\r\n/).filter((line) => line.startsWith('current,')).map((line) => line.split(',').slice(3));
    expect(rows).toEqual(expect.arrayContaining([
      ['total', '', '', '3', '4', '66.7'],
      ['agent', expect.any(String), '王芳', '2', '4.5', '100'],
      ['agent', expect.any(String), '李雷', '1', '3', '0'],
      ['channel', 'widget', 'widget', '2', '4', '50'],
      ['channel', 'telegram', 'telegram', '1', '4', '100'],
    ]));
    await expect.poll(() => supervisor.getByTestId('report-csat-export-note').textContent()).toContain(download.suggestedFilename());

    // ---- 王芳 in her own desktop: her two chats only, and no agent filter.
    const agent = await signInAt(hosts[1]!, 'wang.fang@demo.test', 'demo-agent');
    expect(await agent.getByTestId('reports-own-note').isVisible()).toBe(true);
    expect(await agent.locator('#report-agent').count()).toBe(0);
    await expect.poll(() => figure(agent, 'volume', 'conversations')).toBe('2');
    await expect.poll(() => figure(agent, 'csat', 'answers')).toBe('2');
    expect(await figure(agent, 'csat', 'average')).toBe('4.50');
    expect(await agent.getByTestId('report-csat-by-agent').locator('tbody tr th').allTextContents()).toEqual(['王芳']);
    expect(await agent.getByTestId('report-csat-chart').getAttribute('aria-label')).not.toContain('李雷');
  });
});
