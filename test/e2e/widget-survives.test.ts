import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VISITOR_NAMESPACE } from '../../shared/protocol';
import { chromiumMissing, CHROMIUM_PATH, E2E_ARTIFACTS, chromiumForFile, signIn, startWorkstationHost, type TestBrowser } from '../support/browser';
import { startCore, type TestCore } from '../support/core-harness';
import { runDatabase, type OpenedDatabase } from '../support/databases';
import { freePort, ServerProcess } from '../support/server-process';
import { TcpProxy } from '../support/tcp-proxy';
import { waitUntil } from '../support/wait';

if (chromiumMissing) console.log(`skipped: Chromium not found at ${CHROMIUM_PATH}`);

// A customer's widget chat through a server restart (SIGTERM, as a deploy does), with typing and
// read marks both ways. The server runs as its own process so the restart is the real one; the
// agent is the real client core.
describe.skipIf(chromiumMissing)('a widget chat that survives a server restart', () => {
  let database: OpenedDatabase | undefined;
  let server: ServerProcess;
  let browser: TestBrowser;
  let agent: TestCore;
  let customer: Page;
  let conversationId: string;

  const shoot = (page: Page, name: string) => page.screenshot({ path: join(E2E_ARTIFACTS, `widget-survives-${name}.png`), fullPage: true });
  const widgetMessages = (from: 'me' | 'agent') => customer.locator(`[data-testid=widget-message][data-from=${from}]`);
  const agentBodies = async () => (await agent.call('messages.list', { conversationId })).map((m) => m.body);

  beforeAll(async () => {
    mkdirSync(E2E_ARTIFACTS, { recursive: true });
    database = await runDatabase().open();
    const { dataDir, databaseUrl } = database.options;
    server = new ServerProcess(await freePort(), databaseUrl ? { DATABASE_URL: databaseUrl } : { SWITCHBOARD_DATA_DIR: dataDir });
    await server.start();
    browser = await chromiumForFile();
    agent = startCore();
    await agent.call('session.login', { serverUrl: server.url, email: 'wang.fang@demo.test', password: 'demo-agent' });
    customer = await (await browser.newContext({ locale: 'en-US' })).newPage();
    console.log(`database: ${database.describe}; server process on port ${server.port}`);
  });
  afterAll(async () => {
    await agent?.core.dispose();
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  it('the customer writes and the agent answers', async () => {
    await customer.goto(`${server.url}/widget/`);
    await customer.getByLabel('Message').fill('Hello, my parcel is late');
    await customer.getByTestId('widget-send').click();
    await expect.poll(() => widgetMessages('me').first().getAttribute('data-delivery'), { timeout: 15_000 }).toBe('sent');

    conversationId = await waitUntil(async () => {
      const list = await agent.call('conversations.list', {});
      return list.find((c) => c.lastMessagePreview === 'Hello, my parcel is late')?.id;
    }, 'the conversation in the agent inbox');
    await agent.call('outbox.send', { conversationId, body: 'We are **checking** it: see https://shop.example/track' });
    await expect.poll(() => widgetMessages('agent').allInnerTexts(), { timeout: 15_000 }).toEqual([expect.stringContaining('We are checking it')]);
    // Markdown shows formatted, and the address is a safe link.
    expect(await widgetMessages('agent').locator('strong').innerText()).toBe('checking');
    const link = widgetMessages('agent').locator('a');
    expect(await link.getAttribute('href')).toBe('https://shop.example/track');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await link.getAttribute('target')).toBe('_blank');
  });

  it('each side sees the other typing, and their messages read', async () => {
    // The agent types a reply: the customer sees it, without the text.
    await agent.call('activity.set', { conversationId, state: 'typing', preview: 'Your parcel', toCustomer: true });
    const typingLine = customer.getByTestId('widget-typing');
    await expect.poll(() => typingLine.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await typingLine.innerText()).toBe('An agent is typing…');
    await agent.call('activity.set', { conversationId, state: 'viewing' });
    await expect.poll(() => typingLine.isVisible(), { timeout: 15_000 }).toBe(false);

    // The customer types: the agent's desk hears the flag, never the text.
    await customer.getByLabel('Message').pressSequentially('Is it');
    await waitUntil(() => agent.eventsOf('contact.typing').some((t) => t.conversationId === conversationId && t.typing), 'the agent to see the customer typing');
    expect(JSON.stringify(agent.eventsOf('contact.typing'))).not.toContain('Is it');
    await customer.getByLabel('Message').fill('');

    // The visible page showed the agent's reply: the agent sees it read under the reply.
    await waitUntil(async () => {
      const reply = (await agent.call('messages.list', { conversationId })).find((m) => m.senderType === 'agent');
      return reply?.channelDelivery?.status === 'read';
    }, "the agent's reply to show as read");
    // The agent reads the thread: the customer sees their message read.
    await agent.call('conversations.markRead', { conversationId });
    await expect.poll(() => widgetMessages('me').first().getAttribute('data-delivery'), { timeout: 15_000 }).toBe('read');
    expect(await widgetMessages('me').first().locator('.msg__meta').innerText()).toMatch(/· Read$/);
    await shoot(customer, '01-live');
  });

  it('after a restart, without a reload, the customer sees the queued reply and their pending message is stored once', async () => {
    // A socket of our own beside the page: the restart is a real goodbye, which socket.io does not retry.
    const watcher = io(new URL(VISITOR_NAMESPACE, server.url).toString(), { transports: ['websocket'], forceNew: true });
    await new Promise<void>((resolve) => watcher.once('visitor:session', () => resolve()));
    const goodbye = new Promise<string>((resolve) => watcher.once('disconnect', (reason) => resolve(reason)));

    await server.stop();
    expect(await goodbye).toBe('io server disconnect');
    watcher.close();
    const status = customer.getByTestId('widget-status');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 15_000 }).toBe('reconnecting');

    // While the server is down the customer writes (shown pending) and the agent replies (queued).
    await customer.getByLabel('Message').fill('Are you still there?');
    await customer.getByTestId('widget-send').click();
    await expect.poll(() => widgetMessages('me').last().getAttribute('data-delivery')).toBe('failed');
    expect(await widgetMessages('me').last().locator('.msg__meta').innerText()).toBe('Not sent yet — will retry when connected');
    await agent.call('outbox.send', { conversationId, body: 'Your parcel arrives tomorrow.' });
    await shoot(customer, '02-server-down');

    await server.start();

    // The page reconnects by itself: the reply is caught up and the pending message goes once.
    await expect
      .poll(() => widgetMessages('agent').allInnerTexts(), { timeout: 45_000 })
      .toEqual([expect.stringContaining('We are checking it'), expect.stringContaining('Your parcel arrives tomorrow.')]);
    await expect.poll(() => widgetMessages('me').last().getAttribute('data-delivery'), { timeout: 15_000 }).toMatch(/^(sent|read)$/);
    await expect.poll(() => status.getAttribute('data-state')).toBe('online');
    expect(await widgetMessages('me').allInnerTexts()).toEqual([
      expect.stringContaining('Hello, my parcel is late'),
      expect.stringContaining('Are you still there?'),
    ]);
    await shoot(customer, '03-back');

    // In the agent's view (the server's stored thread, synced): each message once, in order.
    await waitUntil(async () => (await agentBodies()).includes('Are you still there?'), "the customer's message in the agent's thread");
    await waitUntil(
      async () => (await agent.call('messages.list', { conversationId })).every((m) => m.delivery === 'sent'),
      "the agent's outbox to be empty",
    );
    // Both were written while the server was down: whichever reconnected first is stored first.
    const bodies = await agentBodies();
    expect(bodies.slice(0, 2)).toEqual(['Hello, my parcel is late', 'We are **checking** it: see https://shop.example/track']);
    expect(bodies.slice(2).sort()).toEqual(['Are you still there?', 'Your parcel arrives tomorrow.']);
    // Nothing waits in the page's storage any more.
    expect(await customer.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('switchboard.pending')))).toEqual([]);
  });

  it('after a network loss the page reconnects by itself and catches up, the pending message stored once', async () => {
    const proxy = await TcpProxy.start(server.port);
    const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    try {
      const mine = page.locator('[data-testid=widget-message][data-from=me]');
      await page.goto(`${proxy.url}/widget/`);
      await page.getByLabel('Message').fill('Is the shop open on Sunday?');
      await page.getByTestId('widget-send').click();
      await expect.poll(() => mine.first().getAttribute('data-delivery'), { timeout: 15_000 }).toBe('sent');
      const id = await waitUntil(async () => {
        const list = await agent.call('conversations.list', {});
        return list.find((c) => c.lastMessagePreview === 'Is the shop open on Sunday?')?.id;
      }, 'the second conversation in the agent inbox');

      // The Wi-Fi goes: every connection reset, new ones refused.
      proxy.cut();
      const status = page.getByTestId('widget-status');
      await expect.poll(() => status.getAttribute('data-state'), { timeout: 15_000 }).toBe('reconnecting');
      await page.getByLabel('Message').fill('Hello?');
      await page.getByTestId('widget-send').click();
      await expect.poll(() => mine.last().getAttribute('data-delivery')).toBe('failed');
      await agent.call('outbox.send', { conversationId: id, body: 'Yes, 10:00 to 16:00.' });

      proxy.restore();
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      await expect.poll(() => status.getAttribute('data-state'), { timeout: 20_000 }).toBe('online');
      await expect
        .poll(() => page.locator('[data-testid=widget-message][data-from=agent]').allInnerTexts(), { timeout: 15_000 })
        .toEqual([expect.stringContaining('Yes, 10:00 to 16:00.')]);
      await expect.poll(() => mine.last().getAttribute('data-delivery'), { timeout: 15_000 }).toMatch(/^(sent|read)$/);
      expect(await mine.allInnerTexts()).toEqual([expect.stringContaining('Is the shop open on Sunday?'), expect.stringContaining('Hello?')]);
      await waitUntil(async () => (await agent.call('messages.list', { conversationId: id })).some((m) => m.body === 'Hello?'), "the customer's message in the agent's thread");
      expect((await agent.call('messages.list', { conversationId: id })).filter((m) => m.body === 'Hello?')).toHaveLength(1);
    } finally {
      await page.context().close();
      await proxy.close();
    }
  });

  it("in the agent's workstation: each side sees the other typing, and the reply shows read once the customer's page showed it", async () => {
    const host = await startWorkstationHost();
    const desk = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1360, height: 820 } })).newPage();
    try {
      await desk.goto(host.url);
      await signIn(desk, server.url, 'wang.fang@demo.test', 'demo-agent');
      await desk.getByTestId('conversation-item').filter({ hasText: /Are you still there\?|Your parcel arrives tomorrow\./ }).click();

      // The customer types: the thread says so, in the agent's language, without the text.
      await customer.getByLabel('Message').pressSequentially('Thanks a');
      const customerTyping = desk.getByTestId('customer-typing');
      await expect.poll(() => customerTyping.isVisible(), { timeout: 15_000 }).toBe(true);
      expect(await customerTyping.innerText()).toBe('客户正在输入…');
      await customer.getByLabel('Message').fill('');
      await expect.poll(() => customerTyping.isVisible(), { timeout: 15_000 }).toBe(false);

      // The agent types a reply in the composer: the customer sees it, then the reply itself.
      await desk.getByLabel(/^(Reply|回复)$/).pressSequentially('不客气');
      await expect.poll(() => customer.getByTestId('widget-typing').isVisible(), { timeout: 15_000 }).toBe(true);
      await desk.getByTestId('send-button').click();
      await expect.poll(() => widgetMessages('agent').last().innerText(), { timeout: 15_000 }).toContain('不客气');
      await expect.poll(() => customer.getByTestId('widget-typing').isVisible()).toBe(false);

      // The customer's page showed it: "Read" under the reply, as a platform's read receipt would.
      const reply = desk.locator('[data-testid=message][data-sender=agent]').last();
      await expect.poll(() => reply.getAttribute('data-channel-delivery'), { timeout: 15_000 }).toBe('read');
      expect(await reply.innerText()).toContain('已读');
      await shoot(desk, '04-desk-read');
    } finally {
      await desk.context().close();
      await host.close();
    }
  });
});
