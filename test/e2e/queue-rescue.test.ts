import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app';
import { runDatabase, type OpenedDatabase } from '../support/databases';
import type { RunningBrowserHost } from '../../main/browser-host/host';
import { chromiumMissing, E2E_ARTIFACTS, CHROMIUM_PATH, chromiumForFile, signIn as signInWorkstation, startWorkstationHost, type TestBrowser } from '../support/browser';
import { startCore } from '../support/core-harness';
import { offeredTo, offerTo, openWidget as openWidgetOn, widgetQueueLine as queueOf, writeInWidget as write, type CoreAgent } from '../support/widget-customer';
import { waitUntil } from '../support/wait';

const artifacts = E2E_ARTIFACTS;

if (chromiumMissing) console.log(`skipped: Chromium not found at ${CHROMIUM_PATH}`);

type Agent = CoreAgent;

// The queue never strands a widget customer: an offer nobody accepts moves on, a group with nobody
// in it overflows, and with nobody online the customer is told so and their message is answered later.
describe.skipIf(chromiumMissing)('routing that never strands a widget customer, end to end', () => {
  let database: OpenedDatabase | undefined;
  let server: RunningServer;
  let browser: TestBrowser;
  let host: RunningBrowserHost | undefined;
  const agents: Agent[] = [];

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    database = await runDatabase().open();
    // The routing sweep (2 s by default) is what notices an overflow and a long wait: every 250 ms
    // here, so each waits for its own time and not for the next sweep as well.
    server = await startServer({ port: 0, ...database.options, seed: 'if-empty', routingSweepMs: 250 });
    // Short timings so the test waits seconds, not minutes: offers run out after 5 s, an empty
    // after-sales overflows to pre-sales after 2 s; the routing sweep notices both on its own.
    await server.db.query('UPDATE accounts SET accept_timeout_seconds = 5, reoffer_cooldown_seconds = 60');
    await server.db.query("UPDATE skill_groups SET overflow_target = NULL WHERE name LIKE '售前%'");
    await server.db.query(
      "UPDATE skill_groups SET overflow_after_seconds = 2, overflow_target = (SELECT id FROM skill_groups WHERE name LIKE '售前%') WHERE name LIKE '售后%'",
    );
    browser = await chromiumForFile();
    console.log(`database: ${database.describe}`);
  });
  afterAll(async () => {
    for (const agent of agents) await agent.core.dispose();
    await browser?.close();
    await host?.close();
    await server?.close();
    await database?.drop();
  });

  const openWidget = (locale: string) => openWidgetOn(browser, server.url, locale);
  const shoot = (page: Page, name: string) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

  async function signIn(email: string): Promise<Agent> {
    const core = startCore();
    const session = await core.call('session.login', { serverUrl: server.url, email, password: 'demo-agent' });
    await core.waitForStatus('online');
    await core.call('presence.set', { presence: 'online' });
    const agent = { ...core, userId: session.user!.id, name: session.user!.name };
    agents.push(agent);
    return agent;
  }


  let wang: Agent;
  let emma: Agent;

  it('offers a chat nobody accepted in time to the next agent', async () => {
    wang = await signIn('wang.fang@demo.test');
    emma = await signIn('emma@demo.test');
    const customer = await openWidget('zh-CN');
    await write(customer, '请问这款羊毛大衣有 M 码吗？', /售前/);
    const first = await waitUntil(
      () => [wang, emma].find((a) => offeredTo(a, '羊毛大衣')),
      'the first offer',
      20_000,
    );
    const next = first === wang ? emma : wang;
    // Nobody accepts: after the 5 s offer runs out, the other agent is offered it.
    const reoffered = await offerTo(next, '羊毛大衣');
    await next.call('conversations.accept', { conversationId: reoffered.id });
    await expect.poll(() => queueOf(customer).getAttribute('data-state'), { timeout: 15_000 }).toBe('assigned');
    await expect.poll(() => queueOf(customer).innerText()).toContain(next.name);
    await next.call('conversations.resolve', { conversationId: reoffered.id });
  });

  it('overflows a chat from a group with nobody in it to the target group', async () => {
    // Emma (the only after-sales agent signed in) steps away: after-sales has nobody.
    await emma.call('presence.set', { presence: 'away' });
    const customer = await openWidget('en-US');
    await write(customer, 'The zip of my jacket broke after two days.', /After-sales/);
    const offered = await offerTo(wang, 'The zip of my jacket broke');
    expect(offered).toMatchObject({ groupName: '售前 Pre-sales', overflowedFromGroupName: '售后 After-sales' });
    await wang.call('conversations.accept', { conversationId: offered.id });
    await expect.poll(() => queueOf(customer).getAttribute('data-state'), { timeout: 15_000 }).toBe('assigned');
    await wang.call('conversations.resolve', { conversationId: offered.id });
  });

  it('tells the customer nobody is online, keeps their message, and shows the answer when an agent is back', async () => {
    await wang.call('presence.set', { presence: 'away' });
    const customer = await openWidget('en-US');
    await write(customer, 'Can I still change the delivery address of order 10002?');
    await expect.poll(() => queueOf(customer).getAttribute('data-availability'), { timeout: 15_000 }).toBe('nobody_online');
    const line = await queueOf(customer).innerText();
    expect(line).toContain('Nobody is available right now');
    expect(line).toContain('Leave your message');
    expect(line).not.toMatch(/min|minute/);
    await write(customer, 'The new address is 12 Harbour Road.');
    await shoot(customer, '13-widget-nobody-online');

    // 王芳 comes back: the kept message is offered to her, marked as a left message, and her answer reaches the widget.
    await wang.call('presence.set', { presence: 'online' });
    const kept = await offerTo(wang, '12 Harbour Road');
    expect(kept.leftMessage).toBe(true);
    await wang.call('conversations.accept', { conversationId: kept.id });
    await wang.call('outbox.send', { conversationId: kept.id, body: 'Yes — I have changed it to 12 Harbour Road.' });
    await expect
      .poll(() => customer.locator('[data-testid=widget-message][data-from=agent]').last().innerText(), { timeout: 15_000 })
      .toContain('12 Harbour Road');
    await expect.poll(() => queueOf(customer).getAttribute('data-state')).toBe('assigned');
    await shoot(customer, '14-widget-left-message-answered');
  });

  it('shows supervisors in the live monitor a customer who has waited too long', async () => {
    host = await startWorkstationHost();
    const supervisor = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 860 } })).newPage();
    await supervisor.goto(host.url);
    await signInWorkstation(supervisor, server.url, 'supervisor@demo.test', 'demo-supervisor');
    await supervisor.getByTestId('view-tab-monitor').click();
    // A short escalation time for the test; nobody is at work for after-sales or pre-sales.
    await server.db.query('UPDATE accounts SET escalate_after_seconds = 3');
    await wang.call('presence.set', { presence: 'away' });
    const customer = await openWidget('zh-CN');
    await write(customer, '我的退款什么时候到账？', /售后/);
    const alert = supervisor.getByTestId('monitor-escalation');
    await expect.poll(() => alert.count(), { timeout: 20_000 }).toBe(1);
    const text = await alert.innerText();
    expect(text).toContain('等待人工已超过 3 秒');
    expect(text).toContain('没有可接待的客服在线');
    await shoot(supervisor, '15-monitor-escalation');
  });
});
