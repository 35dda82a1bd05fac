import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBrowserHost } from '../../main/browser-host/host';
import { startServer, type RunningServer } from '../../server/app';
import { runDatabase, type OpenedDatabase } from '../support/databases';
import { chromiumMissing, E2E_ARTIFACTS, CHROMIUM_PATH, chromiumForFile, signIn, startWorkstationHost, type TestBrowser } from '../support/browser';
import { onlyWangTakesChats } from '../support/server-fixture';

const artifacts = E2E_ARTIFACTS;

if (chromiumMissing) console.log(`skipped: Chromium not found at ${CHROMIUM_PATH}`);

const WHISPER = '这位是老客户，先道歉再给补偿券';
const UNSENT = '非常抱歉，我马上为您申请补发';

// A visitor on the widget, an agent and a supervisor each in their own workstation: the
// supervisor watches, whispers and takes over; the customer never sees any of it.
describe.skipIf(chromiumMissing)('supervision, end to end with three people', () => {
  let database: OpenedDatabase | undefined;
  let server: RunningServer;
  const hosts: RunningBrowserHost[] = [];
  let browser: TestBrowser;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    database = await runDatabase().open();
    server = await startServer({ port: 0, ...database.options, seed: 'if-empty' });
    // Only 王芳 takes chats, so the customer's conversation is offered to her.
    await onlyWangTakesChats(server);
    for (let i = 0; i < 2; i++) {
      hosts.push(await startWorkstationHost());
    }
    browser = await chromiumForFile();
    console.log(`database: ${database.describe}; workstations at ${hosts.map((h) => h.url).join(', ')}`);
  });
  afterAll(async () => {
    await browser?.close();
    for (const host of hosts) await host.close();
    await server?.close();
    await database?.drop();
  });

  const shoot = (page: Page, name: string) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

  async function signInAt(host: RunningBrowserHost, email: string, password: string): Promise<Page> {
    const page = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 860 } })).newPage();
    await page.goto(host.url);
    await signIn(page, server.url, email, password);
    return page;
  }

  it('the supervisor whispers and takes over; the visitor never sees it; the agent keeps their unsent text', async () => {
    // The visitor's page, with every socket frame it receives recorded.
    const visitor = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 420, height: 720 } })).newPage();
    const framesToVisitor: string[] = [];
    visitor.on('websocket', (ws) => ws.on('framereceived', (frame) => framesToVisitor.push(String(frame.payload))));
    await visitor.goto(`${server.url}/widget/`);

    const agent = await signInAt(hosts[0]!, 'wang.fang@demo.test', 'demo-agent');
    const supervisor = await signInAt(hosts[1]!, 'supervisor@demo.test', 'demo-supervisor');

    await visitor.getByLabel(/^(Message|消息)$/).fill('我收到的杯子是碎的，太失望了');
    await visitor.getByTestId('widget-send').click();

    // 王芳 gets the chat, opens it and answers.
    const item = agent.getByTestId('conversation-item').filter({ hasText: '杯子是碎的' });
    await item.waitFor({ timeout: 20_000 });
    await item.click();
    const accept = agent.getByRole('button', { name: /^(Accept|接受)/ });
    if (await accept.isVisible().catch(() => false)) await accept.click();
    await agent.getByLabel(/^(Reply|回复)$/).fill('您好，我是王芳，马上帮您处理');
    await agent.getByTestId('send-button').click();
    await expect
      .poll(() => visitor.locator('[data-testid=widget-message][data-from=agent]').allInnerTexts(), { timeout: 15_000 })
      .toEqual([expect.stringContaining('马上帮您处理')]);

    // The supervisor finds it on the live monitor and opens it: read-only, with the watch bar.
    await supervisor.getByTestId('view-tab-monitor').click();
    const row = supervisor.getByTestId('monitor-row').filter({ hasText: /王芳/ });
    await row.first().waitFor({ timeout: 15_000 });
    await shoot(supervisor, 'supervision-01-monitor');
    await row.first().getByRole('button').first().click();
    await supervisor.getByTestId('watch-bar').waitFor();
    await expect.poll(() => supervisor.getByLabel(/^(Reply|回复)$/).count()).toBe(0);

    // 王芳 types without sending; the supervisor sees the live preview.
    await agent.getByLabel(/^(Reply|回复)$/).fill(UNSENT);
    await expect
      .poll(() => supervisor.getByTestId('typing-preview').allInnerTexts(), { timeout: 15_000 })
      .toEqual([expect.stringContaining(UNSENT)]);
    await shoot(supervisor, 'supervision-02-typing-preview');

    // The whisper: only 王芳 (and other supervisors) see it.
    await supervisor.getByTestId('whisper-button').click();
    await supervisor.getByTestId('note-input').fill(WHISPER);
    await supervisor.getByTestId('add-note-button').click();
    const whisperInAgent = agent.locator('[data-testid=message][data-internal=true]').filter({ hasText: WHISPER });
    await whisperInAgent.waitFor({ timeout: 15_000 });
    expect(await whisperInAgent.getAttribute('data-note-kind')).toBe('whisper');
    await shoot(agent, 'supervision-03-agent-sees-whisper');

    // The takeover, with a reason the agent is told.
    await supervisor.getByTestId('takeover-button').click();
    await supervisor.getByTestId('takeover-reason').fill('客户情绪激动，由主管接手');
    await supervisor.getByTestId('confirm-takeover').click();
    const notice = agent.getByTestId('notice').filter({ hasText: '客户情绪激动，由主管接手' });
    await notice.waitFor({ timeout: 15_000 });
    await shoot(agent, 'supervision-04-agent-told');
    // The agent's unsent text is still in their composer, kept as a draft.
    await expect.poll(() => agent.getByLabel(/^(Reply|回复)$/).inputValue()).toBe(UNSENT);
    // The chat leaves her 我的 at once, and her thread says who has it now.
    await agent.getByTestId('inbox-filter-mine').click();
    await expect.poll(() => agent.getByTestId('conversation-item').filter({ hasText: '杯子是碎的' }).count()).toBe(0);
    await expect.poll(() => agent.locator('.thread-assignee').innerText()).toContain('Lin Chen 陈琳');
    // The line the takeover left reads in Chinese on the supervisor's zh-CN desktop.
    const takeoverLine = supervisor.locator('[data-testid=message][data-note-kind=system]').filter({ hasText: '接管' });
    await expect.poll(() => takeoverLine.allInnerTexts(), { timeout: 15_000 }).toEqual([expect.stringContaining('已由 Lin Chen 陈琳 接管')]);
    expect(await supervisor.locator('[data-testid=message]').allInnerTexts()).not.toContainEqual(expect.stringContaining('taken over'));

    // The supervisor now answers the customer from the normal composer.
    await supervisor.getByLabel(/^(Reply|回复)$/).fill('您好，我是主管陈琳，给您补发并送一张优惠券');
    await supervisor.getByTestId('send-button').click();
    await expect
      .poll(() => visitor.locator('[data-testid=widget-message][data-from=agent]').allInnerTexts(), { timeout: 15_000 })
      .toEqual([expect.stringContaining('马上帮您处理'), expect.stringContaining('主管陈琳')]);
    await shoot(visitor, 'supervision-05-visitor');

    // Neither the page nor a single socket frame to the visitor carries the whisper or the preview.
    const page = await visitor.locator('body').innerText();
    expect(page).not.toContain(WHISPER);
    expect(page).not.toContain(UNSENT);
    expect(framesToVisitor.length).toBeGreaterThan(0);
    for (const frame of framesToVisitor) {
      expect(frame).not.toContain(WHISPER);
      expect(frame).not.toContain(UNSENT);
      expect(frame).not.toContain('客户情绪激动');
    }
  });
});
