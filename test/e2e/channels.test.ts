import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBrowserHost } from '../../main/browser-host/host';
import { startServer, type RunningServer } from '../../server/app';
import { runDatabase, type OpenedDatabase } from '../support/databases';
import { chromiumMissing, E2E_ARTIFACTS, CHROMIUM_PATH, chromiumForFile, signIn, startWorkstationHost, type TestBrowser } from '../support/browser';
import { onlyWangTakesChats } from '../support/server-fixture';
import { hubSignature, http, TEST_RETRY } from '../support/channels';
import { WA_PHONE_NUMBER_ID, waError, waSent, waStatus, waText } from '../support/platform-payloads';
import { startRecordingServer, type RecordingServer } from '../support/recording-server';
import { webhooksProcessed } from '../support/barriers';

const artifacts = E2E_ARTIFACTS;

if (chromiumMissing) console.log(`skipped: Chromium not found at ${CHROMIUM_PATH}`);

const APP_SECRET = 'e2e-app-secret';

// An admin sets up WhatsApp in the admin screen; an agent answers a WhatsApp customer and sees
// each reply's ticks, a failure in the platform's words, and why a late reply stays a draft.
describe.skipIf(chromiumMissing)('WhatsApp from the admin screen to the thread, end to end', () => {
  let database: OpenedDatabase | undefined;
  let server: RunningServer;
  let graph: RecordingServer;
  const wamids = new Map<string, string>();
  const hosts: RunningBrowserHost[] = [];
  let browser: TestBrowser;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    graph = await startRecordingServer();
    const textOf = (json: unknown) => (json as { text?: { body?: string } } | null)?.text?.body ?? '';
    graph.answer((r) => {
      if (r.method !== 'POST') return undefined;
      if (textOf(r.json).startsWith('Sorry,')) {
        return { status: 400, json: waError(131026, '(#131026) Message undeliverable', 'Message undeliverable: the number is not on WhatsApp') };
      }
      const wamid = `wamid.E2E${wamids.size + 1}`;
      wamids.set(textOf(r.json), wamid);
      return { json: waSent(wamid) };
    });
    database = await runDatabase().open();
    server = await startServer({ port: 0, ...database.options, seed: 'if-empty', deliveryPollMs: 50, deliveryRetry: TEST_RETRY });
    // Only 王芳 takes chats, so the customer's conversation is offered to her.
    await onlyWangTakesChats(server);
    for (let i = 0; i < 3; i++) {
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
    await graph?.close();
  });

  const shoot = (page: Page, name: string) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

  async function signInAt(host: RunningBrowserHost, email: string, password: string): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.url });
    const page = await context.newPage();
    await page.goto(host.url);
    await signIn(page, server.url, email, password);
    return page;
  }

  const deliver = async (payload: unknown) => {
    const body = JSON.stringify(payload);
    const answer = await http(`${server.url}/webhooks/whatsapp/wa-shop`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(body, APP_SECRET) }, body,
    });
    expect(answer.status).toBe(200);
    await webhooksProcessed(server);
  };

  async function reply(page: Page, text: string) {
    await page.getByLabel(/^(Reply|回复)$/).fill(text);
    await page.getByTestId('send-button').click();
    const message = page.locator('[data-testid=message][data-sender=agent]').filter({ hasText: text });
    await expect.poll(() => message.getAttribute('data-message-id'), { timeout: 15_000 }).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => message.getAttribute('data-delivery'), { timeout: 15_000 }).toBe('sent');
    return (await message.getAttribute('data-message-id'))!;
  }

  it('an admin adds the channel and copies its webhook URL; the agent sees ticks, a failure, and a late reply kept', async () => {
    // ---- The admin screen: add WhatsApp, with a mistake first.
    const admin = await signInAt(hosts[0]!, 'admin@demo.test', 'demo-admin');
    await admin.getByTestId('view-tab-admin').click();
    await admin.getByTestId('admin-tab-channels').click();
    const section = admin.getByTestId('admin-channels');
    await section.waitFor();
    await admin.getByTestId('channel-add').click();
    await admin.getByTestId('channel-field-kind').selectOption('whatsapp');
    await admin.getByTestId('channel-field-name').fill('WhatsApp Shop');
    await admin.getByTestId('channel-field-id').fill('wa-shop');
    await admin.getByTestId('channel-field-config.apiBaseUrl').fill('graph.example');
    await admin.getByTestId('channel-save').click();
    await expect.poll(() => admin.getByTestId('channel-problem-config.phoneNumberId').innerText()).toBe('Fill this in.');
    expect(await admin.getByTestId('channel-problem-config.apiBaseUrl').innerText()).toContain('not a web address');
    await admin.getByTestId('channel-field-config.phoneNumberId').fill(WA_PHONE_NUMBER_ID);
    await admin.getByTestId('channel-field-config.apiBaseUrl').fill(`${graph.url}/v21.0`);
    await admin.getByTestId('channel-field-secrets.appSecret').fill(APP_SECRET);
    await admin.getByTestId('channel-field-secrets.verifyToken').fill('e2e-verify');
    await admin.getByTestId('channel-field-secrets.accessToken').fill('e2e-access');
    await shoot(admin, 'channels-01-form');
    await admin.getByTestId('channel-save').click();

    const row = admin.getByTestId('channel-row-wa-shop');
    await row.waitFor({ timeout: 15_000 });
    const urls = await row.getByTestId('channel-webhook-url').allInnerTexts();
    expect(urls).toEqual([`${server.url}/webhooks/whatsapp/wa-shop`, `${server.url}/webhooks/whatsapp/wa-shop`]);
    await row.getByTestId('channel-webhook-copy').first().click();
    await expect.poll(() => admin.evaluate(() => navigator.clipboard.readText())).toBe(`${server.url}/webhooks/whatsapp/wa-shop`);
    expect(await section.innerText()).not.toMatch(/e2e-app-secret|e2e-access|e2e-verify/);
    // Changing it: the secrets read as set, never shown; an empty field keeps them.
    await row.getByTestId('channel-edit').click();
    expect(await admin.getByTestId('channel-field-secrets.accessToken').inputValue()).toBe('');
    expect(await admin.getByTestId('channel-secret-state-accessToken').innerText()).toContain('Set.');
    await admin.getByTestId('channel-field-name').fill('WhatsApp');
    await admin.getByTestId('channel-save').click();
    await expect.poll(() => admin.getByTestId('channels-done').innerText()).toContain('Saved the changes to WhatsApp');
    await shoot(admin, 'channels-02-list');
    const verify = await http(`${server.url}/webhooks/whatsapp/wa-shop?hub.mode=subscribe&hub.verify_token=e2e-verify&hub.challenge=77`);
    expect(verify).toMatchObject({ status: 200, text: '77' });

    // ---- The agent answers the WhatsApp customer: ticks as WhatsApp reports them.
    const agent = await signInAt(hosts[1]!, 'wang.fang@demo.test', 'demo-agent');
    await deliver(waText('wamid.IN1', 'Where is my parcel?'));
    const item = agent.getByTestId('conversation-item').filter({ hasText: 'Where is my parcel?' });
    await item.waitFor({ timeout: 20_000 });
    await item.click();
    const accept = agent.getByRole('button', { name: /^(Accept|接受)/ });
    if (await accept.isVisible().catch(() => false)) await accept.click();
    // The customer wrote a moment ago: no window notice.
    expect(await agent.getByTestId('composer-window-notice').count()).toBe(0);

    const shipsId = await reply(agent, 'It ships today.');
    const ships = agent.getByTestId(`message-delivery-${shipsId}`);
    await expect.poll(() => ships.innerText(), { timeout: 15_000 }).toBe('Sent');
    await deliver(waStatus(wamids.get('It ships today.')!, 'delivered'));
    await expect.poll(() => ships.innerText(), { timeout: 15_000 }).toBe('Delivered');
    await deliver(waStatus(wamids.get('It ships today.')!, 'read'));
    await expect.poll(() => ships.innerText(), { timeout: 15_000 }).toBe('Read');

    const sorryId = await reply(agent, 'Sorry, here is the tracking link.');
    const sorry = agent.getByTestId(`message-delivery-${sorryId}`);
    await expect.poll(() => sorry.innerText(), { timeout: 15_000 }).toMatch(/^Not delivered: .*Message undeliverable/);
    expect(await sorry.getAttribute('data-status')).toBe('failed');
    await shoot(agent, 'channels-03-ticks');

    // ---- A day later: a desktop opening the thread says so before sending, and keeps the reply.
    await server.db.query("UPDATE messages SET created_at = now() - interval '25 hours' WHERE sender_type = 'contact' AND body = 'Where is my parcel?'");
    const later = await signInAt(hosts[2]!, 'wang.fang@demo.test', 'demo-agent');
    await later.getByTestId('conversation-item').filter({ hasText: /Sorry, here is the tracking link|Not delivered/ }).first().click();
    const notice = later.getByTestId('composer-window-notice');
    await expect.poll(() => notice.getAttribute('data-state'), { timeout: 15_000 }).toBe('closed');
    expect(await notice.innerText()).toContain('WhatsApp only allows an approved template message now');
    await later.getByLabel(/^(Reply|回复)$/).fill('Are you still there?');
    await later.getByTestId('send-button').click();
    await expect.poll(() => notice.getAttribute('data-state'), { timeout: 15_000 }).toBe('refused');
    expect(await notice.innerText()).toContain('kept here as a draft');
    await expect.poll(() => later.getByLabel(/^(Reply|回复)$/).inputValue()).toBe('Are you still there?');
    expect(graph.requests.some((r) => JSON.stringify(r.json).includes('Are you still there?'))).toBe(false);
    await shoot(later, 'channels-04-window');
  });
});
