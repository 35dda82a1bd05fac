import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBrowserHost } from '../../main/browser-host/host';
import { startServer, type RunningServer } from '../../server/app';
import { signVisitorIdentity } from '../../server/channels/widget/visitor-identity';
import { runDatabase, type OpenedDatabase } from '../support/databases';
import type { ChannelView } from '../../shared/channels';
import { chromiumMissing, E2E_ARTIFACTS, CHROMIUM_PATH, chromiumForFile, signIn, startWorkstationHost, type TestBrowser } from '../support/browser';
import { bearer, http, hubSignature } from '../support/channels';
import { WA_PHONE_NUMBER_ID, waSent, waStatus, waText } from '../support/platform-payloads';
import { startRecordingServer, type RecordingServer } from '../support/recording-server';
import { login, onlyWangTakesChats } from '../support/server-fixture';
import { webhooksProcessed } from '../support/barriers';

const artifacts = E2E_ARTIFACTS;

if (chromiumMissing) console.log(`skipped: Chromium not found at ${CHROMIUM_PATH}`);

const APP_SECRET = 'e2e-whatsapp-app-secret';
const IDENTITY_SECRET = 'e2e-widget-identity-secret';
const CUSTOMER_PHONE = '16505550199';
const REPLY = 'Hi Maya, the blue vase ships tomorrow.';

// One customer writes on WhatsApp, then on the shop's web chat while signed in there: the agent
// sees one person with two conversations and answers on WhatsApp through the Graph API.
describe.skipIf(chromiumMissing)('one customer on two channels, end to end', () => {
  let database: OpenedDatabase | undefined;
  let server: RunningServer;
  let graph: RecordingServer;
  let host: RunningBrowserHost;
  let browser: TestBrowser;
  let whatsapp: ChannelView;
  let widgetId: string;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    graph = await startRecordingServer();
    let sent = 0;
    graph.answer((r) => (r.method === 'POST' ? { json: waSent(`wamid.E2E${++sent}`, CUSTOMER_PHONE) } : undefined));
    database = await runDatabase().open();
    server = await startServer({ port: 0, ...database.options, seed: 'if-empty', deliveryPollMs: 100 });
    // Only 王芳 takes chats, so both conversations are offered to her.
    await onlyWangTakesChats(server);

    // The admin sets up WhatsApp and signs the shop's widget visitors, through the REST API.
    const admin = await login(server.url, 'admin@demo.test', 'demo-admin');
    const json = { ...bearer(admin.accessToken), 'content-type': 'application/json' };
    const created = await http(`${server.url}/api/channels`, {
      method: 'POST', headers: json,
      body: JSON.stringify({
        kind: 'whatsapp', name: 'WhatsApp', config: { phoneNumberId: WA_PHONE_NUMBER_ID, apiBaseUrl: `${graph.url}/v21.0` },
        secrets: { appSecret: APP_SECRET, verifyToken: 'verify-me', accessToken: 'wa-token' },
      }),
    });
    expect(created.status).toBe(201);
    whatsapp = (created.json as { channel: ChannelView }).channel;
    const channels = (await http(`${server.url}/api/channels`, { headers: bearer(admin.accessToken) })).json as { channels: ChannelView[] };
    widgetId = channels.channels.find((c) => c.kind === 'widget')!.id;
    const patched = await http(`${server.url}/api/channels/${widgetId}`, {
      method: 'PATCH', headers: json, body: JSON.stringify({ secrets: { identitySecret: IDENTITY_SECRET } }),
    });
    expect(patched.status).toBe(200);

    host = await startWorkstationHost();
    browser = await chromiumForFile();
    console.log(`database: ${database.describe}; workstation at ${host.url}; Graph API recorder at ${graph.url}`);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await server?.close();
    await database?.drop();
    await graph?.close();
  });

  const shoot = (page: Page, name: string) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

  it('shows one contact with both conversations, and the reply on WhatsApp reaches the Graph API', async () => {
    const agent = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 860 } })).newPage();
    await agent.goto(host.url);
    await signIn(agent, server.url, 'wang.fang@demo.test', 'demo-agent');

    // The customer writes on WhatsApp: Meta's webhook, signed with the app secret.
    const raw = JSON.stringify(waText('wamid.E2E-IN-1', 'Hi, I ordered the blue vase', CUSTOMER_PHONE, 'Maya Chen'));
    const webhook = await http(`${server.url}/webhooks/whatsapp/${whatsapp.id}`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(raw, APP_SECRET) }, body: raw,
    });
    expect(webhook.status).toBe(200);
    await webhooksProcessed(server);

    // Then she opens the shop's chat while signed in there; the shop's site signs her phone.
    const phone = '+1 (650) 555-0199';
    const { expires, signature } = signVisitorIdentity(IDENTITY_SECRET, { phone, expires: Math.floor(Date.now() / 1000) + 600 });
    const visitor = await (await browser.newContext({ locale: 'en-US', viewport: { width: 420, height: 720 } })).newPage();
    await visitor.goto(`${server.url}/widget/?channel=${widgetId}&phone=${encodeURIComponent(phone)}&expires=${expires}&signature=${signature}`);
    await visitor.getByLabel(/^(Message|消息)$/).fill('Writing from the website now');
    await visitor.getByTestId('widget-send').click();

    // 王芳 sees both conversations and opens the WhatsApp one.
    const waItem = agent.getByTestId('conversation-item').filter({ hasText: 'blue vase' });
    const webItem = agent.getByTestId('conversation-item').filter({ hasText: 'from the website' });
    await waItem.waitFor({ timeout: 20_000 });
    await webItem.waitFor({ timeout: 20_000 });
    await waItem.click();
    // It is offered to her: she accepts it in the thread.
    const offer = agent.getByTestId('thread-offer');
    await offer.getByTestId('accept-offer').click();
    await offer.waitFor({ state: 'detached', timeout: 15_000 });

    // The profile: one person, reachable on WhatsApp and the widget, with both conversations.
    await agent.getByTestId('side-tab-profile').click();
    const identities = agent.getByTestId('profile-identities');
    await expect.poll(() => identities.innerText(), { timeout: 15_000 }).toMatch(/WhatsApp/);
    expect(await identities.innerText()).toMatch(/Web|widget/i);
    const past = agent.getByTestId('profile-conversations').locator('[data-testid^="profile-conversation-"]');
    await expect.poll(() => past.count(), { timeout: 15_000 }).toBe(2);
    // The agent has no permission to see phone numbers: the profile shows it masked.
    expect(await agent.locator('.profile-panel').innerText()).not.toContain('5550199');
    await shoot(agent, 'channels-01-one-contact-two-conversations');

    // The reply goes out on WhatsApp.
    await agent.getByLabel(/^(Reply|回复)$/).fill(REPLY);
    await agent.getByTestId('send-button').click();
    const call = await graph.waitFor((r) => r.method === 'POST', 'the Graph API call');
    expect(call.path).toBe(`/v21.0/${WA_PHONE_NUMBER_ID}/messages`);
    expect(call.headers.authorization).toBe('Bearer wa-token');
    expect(call.json).toEqual({
      messaging_product: 'whatsapp', recipient_type: 'individual', to: CUSTOMER_PHONE, type: 'text', text: { preview_url: false, body: REPLY },
    });
    // The thread says the platform took it, then that it reached her phone (Meta's status webhook).
    const delivery = agent.locator('[data-testid^="message-delivery-"]').last();
    await expect.poll(() => delivery.getAttribute('data-status'), { timeout: 15_000 }).toBe('sent');
    const status = JSON.stringify(waStatus('wamid.E2E1', 'delivered'));
    const statusHook = await http(`${server.url}/webhooks/whatsapp/${whatsapp.id}`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(status, APP_SECRET) }, body: status,
    });
    expect(statusHook.status).toBe(200);
    await webhooksProcessed(server);
    await expect.poll(() => delivery.getAttribute('data-status'), { timeout: 15_000 }).toBe('delivered');

    // Nothing of it reached the web chat: the customer wrote there about something else.
    expect(await visitor.locator('body').innerText()).not.toContain(REPLY);

    // One click in the profile opens the other conversation.
    await past.filter({ hasText: /from the website|Web|widget/i }).first().click();
    await expect
      .poll(() => agent.getByTestId('message').allInnerTexts(), { timeout: 15_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining('Writing from the website now')]));
    await shoot(agent, 'channels-02-other-conversation');
  });
});
