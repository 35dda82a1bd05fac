import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app';
import { runDatabase, type OpenedDatabase } from '../support/databases';
import { chromiumMissing, E2E_ARTIFACTS, CHROMIUM_PATH, chromiumForFile, type TestBrowser } from '../support/browser';
import { startCore } from '../support/core-harness';
import { offerTo, openWidget as openWidgetOn, widgetQueueLine as queueOf, writeInWidget as write, type CoreAgent } from '../support/widget-customer';

const artifacts = E2E_ARTIFACTS;

if (chromiumMissing) console.log(`skipped: Chromium not found at ${CHROMIUM_PATH}`);

type Agent = CoreAgent;

// Two agents who each take one chat at a time, three customers on the widget: the third waits
// first in line, sees the position live, and is connected as soon as a chat is closed.
describe.skipIf(chromiumMissing)('the widget queue, end to end', () => {
  let database: OpenedDatabase | undefined;
  let server: RunningServer;
  let browser: TestBrowser;
  const agents: Agent[] = [];

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    database = await runDatabase().open();
    server = await startServer({ port: 0, ...database.options, seed: 'if-empty' });
    await server.db.query("UPDATE users SET max_chats = 1 WHERE email IN ('wang.fang@demo.test', 'li.lei@demo.test')");
    // Nobody else takes chats: everyone but the two agents is offline and never connects.
    await server.db.query("UPDATE users SET presence = 'offline' WHERE email NOT IN ('wang.fang@demo.test', 'li.lei@demo.test')");
    browser = await chromiumForFile();
    console.log(`database: ${database.describe}`);
  });
  afterAll(async () => {
    for (const agent of agents) await agent.core.dispose();
    await browser?.close();
    await server?.close();
    await database?.drop();
  });

  const openWidget = (locale: string) => openWidgetOn(browser, server.url, locale);
  const shoot = (page: Page, name: string) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

  async function signIn(email: string): Promise<Agent> {
    const core = startCore();
    const session = await core.call('session.login', { serverUrl: server.url, email, password: 'demo-agent' });
    await core.waitForStatus('online');
    const state = await core.call('presence.set', { presence: 'online' });
    expect(state).toMatchObject({ presence: 'online', maxChats: 1 });
    const agent = { ...core, userId: session.user!.id, name: session.user!.name };
    agents.push(agent);
    return agent;
  }


  it('shows the third customer their place in line, then connects them when an agent is free', async () => {
    const wang = await signIn('wang.fang@demo.test');
    const li = await signIn('li.lei@demo.test');

    // Customer 1 picks pre-sales (王芳's group) in the menu; 王芳 is offered the chat and takes it.
    const first = await openWidget('zh-CN');
    await write(first, '这件外套还有现货吗？', /售前/);
    await expect.poll(() => first.locator('.chat__menu').isHidden()).toBe(true);
    const firstChat = await offerTo(wang, '这件外套还有现货吗？');
    expect(firstChat).toMatchObject({ groupName: '售前 Pre-sales' });
    await wang.call('conversations.accept', { conversationId: firstChat.id });
    await expect.poll(() => queueOf(first).getAttribute('data-state'), { timeout: 15_000 }).toBe('assigned');
    await expect.poll(() => queueOf(first).innerText()).toContain(wang.name);

    // Customer 2 picks after-sales (李雷's group); 李雷 takes it.
    const second = await openWidget('en-US');
    await write(second, 'Hello, the zip of my jacket broke after two days.', /After-sales/);
    const secondChat = await offerTo(li, 'the zip of my jacket broke');
    expect(secondChat).toMatchObject({ groupName: '售后 After-sales' });
    await li.call('conversations.accept', { conversationId: secondChat.id });
    await expect.poll(() => queueOf(second).getAttribute('data-state'), { timeout: 15_000 }).toBe('assigned');

    // Customer 3 just types (no group). Both agents are at their limit: first in line.
    const third = await openWidget('zh-CN');
    await expect.poll(() => third.getByTestId('widget-group').count(), { timeout: 15_000 }).toBe(2);
    await write(third, '你好，请问会员积分怎么使用？');
    await expect.poll(() => queueOf(third).getAttribute('data-state'), { timeout: 15_000 }).toBe('queued');
    await expect.poll(() => queueOf(third).getAttribute('data-position')).toBe('1');
    expect((await queueOf(third).innerText()).trim()).not.toBe('');
    await shoot(third, '09-widget-queue-position');

    // 王芳 closes the first chat: customer 1 is told, and customer 3 is offered to 王芳.
    await wang.call('conversations.resolve', { conversationId: firstChat.id });
    await expect.poll(() => queueOf(first).getAttribute('data-state'), { timeout: 15_000 }).toBe('resolved');
    await shoot(first, '12-widget-chat-closed');
    const thirdChat = await offerTo(wang, '会员积分怎么使用');
    await expect.poll(() => queueOf(third).getAttribute('data-state'), { timeout: 15_000 }).toBe('offered');
    await shoot(third, '11-widget-connecting');

    // 王芳 accepts: customer 3 sees who is helping them.
    await wang.call('conversations.accept', { conversationId: thirdChat.id });
    await expect.poll(() => queueOf(third).getAttribute('data-state'), { timeout: 15_000 }).toBe('assigned');
    await expect.poll(() => queueOf(third).innerText()).toContain(wang.name);
    expect(await queueOf(third).getAttribute('data-position')).toBeNull();
    await shoot(third, '10-widget-assigned');
  });
});
