import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBrowserHost } from '../../main/browser-host/host';
import type { UploadResult } from '../../shared/attachments';
import { startServer, type RunningServer } from '../../server/app';
import { runDatabase, type OpenedDatabase } from '../support/databases';
import { chromiumMissing, E2E_ARTIFACTS, CHROMIUM_PATH, chromiumForFile, signIn, startWorkstationHost, type TestBrowser } from '../support/browser';
import { bearer, hubSignature, http, TEST_RETRY } from '../support/channels';
import { serveWhatsAppMedia } from '../support/platform-media';
import { WA_CUSTOMER, WA_PHONE_NUMBER_ID, waMessage, waSent } from '../support/platform-payloads';
import { formFile, formOf, startRecordingServer, type RecordingServer } from '../support/recording-server';
import { PNG_1X1, TINY_PDF } from '../support/sample-files';
import { login, onlyWangTakesChats, request } from '../support/server-fixture';
import { connectVisitor, type TestVisitor } from '../support/visitor';
import { webhooksProcessed } from '../support/barriers';

if (chromiumMissing) console.log(`skipped: Chromium not found at ${CHROMIUM_PATH}`);

const APP_SECRET = 'e2e-files-app-secret';
const ACCESS_TOKEN = 'e2e-files-access-token';
/** The media id the recording Graph server gives the agent's upload. */
const UPLOADED_MEDIA_ID = '1480225946342145';

/** Opens the conversation whose list item shows `text` and takes the chat it is offered. */
async function takeConversation(page: Page, text: string): Promise<void> {
  const item = page.getByTestId('conversation-item').filter({ hasText: text });
  await item.waitFor({ timeout: 20_000 });
  await item.click();
  const offer = page.getByTestId('thread-offer');
  await offer.getByTestId('accept-offer').click();
  await offer.waitFor({ state: 'detached' });
}

/** Pastes `bytes` as an image file into the focused field, the way the system clipboard hands a screenshot to the page. */
async function pasteImage(page: Page, bytes: Buffer, name: string): Promise<void> {
  await page.evaluate(
    ({ base64, fileName }) => {
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], fileName, { type: 'image/png' }));
      const target = document.activeElement;
      if (!target) throw new Error('nothing has the focus to paste into');
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    },
    { base64: bytes.toString('base64'), fileName: name },
  );
}

// A customer's photo seen in the agent's thread and viewer, a file the agent attaches and sends back,
// a WhatsApp photo fetched from Graph and a pasted screenshot sent back through it, and a customer's PDF.
describe.skipIf(chromiumMissing)('files between a customer and the workstation, end to end', () => {
  let database: OpenedDatabase | undefined;
  let server: RunningServer;
  let graph: RecordingServer;
  let host: RunningBrowserHost;
  let browser: TestBrowser;
  let visitor: TestVisitor | undefined;

  beforeAll(async () => {
    mkdirSync(E2E_ARTIFACTS, { recursive: true });
    graph = await startRecordingServer();
    graph.answer((r) => {
      if (r.method !== 'POST') return undefined;
      if (r.path === `/v21.0/${WA_PHONE_NUMBER_ID}/media`) return { json: { id: UPLOADED_MEDIA_ID } };
      if (r.path === `/v21.0/${WA_PHONE_NUMBER_ID}/messages`) return { json: waSent('wamid.E2E-FILE-REPLY') };
      return undefined;
    });
    database = await runDatabase().open();
    server = await startServer({ port: 0, ...database.options, seed: 'if-empty', deliveryPollMs: 50, deliveryRetry: TEST_RETRY });
    await onlyWangTakesChats(server);
    const admin = await login(server.url, 'admin@demo.test', 'demo-admin');
    const created = await http(`${server.url}/api/channels`, {
      method: 'POST',
      headers: { ...bearer(admin.accessToken), 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'wa-files', kind: 'whatsapp', name: 'WhatsApp', config: { phoneNumberId: WA_PHONE_NUMBER_ID, apiBaseUrl: `${graph.url}/v21.0` },
        secrets: { appSecret: APP_SECRET, verifyToken: 'e2e-verify', accessToken: ACCESS_TOKEN },
      }),
    });
    expect(created.status).toBe(201);
    host = await startWorkstationHost();
    browser = await chromiumForFile();
  });
  afterAll(async () => {
    visitor?.close();
    await browser?.close();
    await host?.close();
    await server?.close();
    await database?.drop();
    await graph?.close();
  });

  /** 王芳's workstation page, signed in once and kept for every test of the file. */
  let signedIn: Promise<Page> | undefined;
  function agentPage(): Promise<Page> {
    signedIn ??= (async () => {
      const opened = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } })).newPage();
      opened.on('requestfailed', (r) => console.log(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
      await opened.goto(host.url);
      await signIn(opened, server.url, 'wang.fang@demo.test', 'demo-agent');
      return opened;
    })();
    return signedIn;
  }

  it('the photo shows as a thumbnail and opens in the viewer; the agent attaches a file and the customer gets it; the customer’s PDF opens in the viewer', async () => {
    const page = await agentPage();
    visitor = await connectVisitor(server.url, { name: 'Photo customer' });
    const upload = await fetch(`${server.url}/api/visitor-uploads?name=screen.png`, {
      method: 'POST',
      headers: { 'x-visitor-token': visitor.token, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(PNG_1X1),
    });
    expect(upload.status).toBe(201);
    const { fileId } = (await upload.json()) as UploadResult;
    const sent = await request(visitor.socket, 'visitor:send', { clientId: randomUUID(), body: 'My screen broke', attachmentIds: [fileId] });
    expect(sent.ok).toBe(true);

    await takeConversation(page, 'My screen broke');

    // The thumbnail loads from the signed link (the page's CSP lets the file route through).
    const thumbnail = page.getByRole('button', { name: 'Open image screen.png' });
    await thumbnail.waitFor({ timeout: 15_000 });
    await expect.poll(() => thumbnail.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 15_000 }).toBe(1);
    await thumbnail.click();
    const viewer = page.getByRole('dialog', { name: /screen\.png \(1 of 1\)/ });
    await viewer.waitFor();
    await expect.poll(() => viewer.getByTestId('viewer-image').evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 15_000 }).toBe(1);
    await viewer.getByRole('button', { name: 'Rotate' }).click();
    expect(await viewer.getByTestId('viewer-image').getAttribute('data-rotation')).toBe('90');
    await page.screenshot({ path: join(E2E_ARTIFACTS, 'attachments-01-viewer.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    // The agent attaches a file with a caption and sends it: the customer receives the file.
    await page.getByTestId('attach-input').setInputFiles({ name: 'label.png', mimeType: 'image/png', buffer: PNG_1X1 });
    await page.getByTestId('composer-file').waitFor();
    await page.getByLabel('Reply').fill('Here is your return label');
    await page.getByTestId('send-button').click();
    const got = await visitor.waitFor((m) => m.file?.fileName === 'label.png', 20_000);
    expect(got.file).toMatchObject({ kind: 'image', caption: 'Here is your return label', state: 'ready' });
    await expect.poll(() => page.getByTestId('composer-file').count()).toBe(0);
    await page.getByRole('button', { name: 'Open image label.png' }).waitFor({ timeout: 15_000 });

    // The customer sends a receipt as a PDF: the agent opens it in the viewer's frame, served as a PDF under a sandboxing CSP.
    const pdfUpload = await fetch(`${server.url}/api/visitor-uploads?name=receipt.pdf`, {
      method: 'POST',
      headers: { 'x-visitor-token': visitor.token, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(TINY_PDF),
    });
    expect(pdfUpload.status).toBe(201);
    const pdf = (await pdfUpload.json()) as UploadResult;
    expect((await request(visitor.socket, 'visitor:send', { clientId: randomUUID(), body: 'And the receipt', attachmentIds: [pdf.fileId] })).ok).toBe(true);
    const card = page.getByTestId('file-card').filter({ hasText: 'receipt.pdf' });
    await card.waitFor({ timeout: 15_000 });
    const pdfAnswer = page.waitForResponse((r) => r.url().includes(`/api/files/${pdf.fileId}?`), { timeout: 15_000 });
    await card.getByRole('button', { name: 'Open' }).click();
    const pdfViewer = page.getByRole('dialog', { name: 'receipt.pdf' });
    await pdfViewer.waitFor();
    const frame = pdfViewer.getByTestId('viewer-pdf');
    expect(await frame.evaluate((el) => el.tagName)).toBe('IFRAME');
    const answered = await pdfAnswer;
    expect(await frame.getAttribute('src')).toBe(answered.url());
    expect(answered.status()).toBe(200);
    expect(answered.request().resourceType()).toBe('document');
    const headers = await answered.allHeaders();
    expect(headers['content-type']).toBe('application/pdf');
    expect(headers['content-disposition']).toMatch(/^inline; filename="receipt.pdf"/);
    expect(headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(headers['x-content-type-options']).toBe('nosniff');
    await page.screenshot({ path: join(E2E_ARTIFACTS, 'attachments-02-pdf.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  });

  it('a WhatsApp photo fetched from Graph shows as a thumbnail and opens in the viewer; a pasted screenshot goes back as an uploaded media id', async () => {
    const photo = Buffer.concat([PNG_1X1, Buffer.from('whatsapp photo')]);
    serveWhatsAppMedia(graph, { id: 'wa-e2e-photo', token: ACCESS_TOKEN, bytes: photo, mimeType: 'image/jpeg' });
    const body = JSON.stringify(
      waMessage({ id: 'wamid.E2E-PHOTO', type: 'image', image: { caption: 'The hinge snapped', mime_type: 'image/jpeg', sha256: 'aGVsbG8=', id: 'wa-e2e-photo' } }),
    );
    const answer = await http(`${server.url}/webhooks/whatsapp/wa-files`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(body, APP_SECRET) }, body,
    });
    expect(answer.status).toBe(200);
    await webhooksProcessed(server);
    const page = await agentPage();
    await takeConversation(page, 'The hinge snapped');

    // Fetched from Graph with the channel's token, stored, and shown from the signed link.
    const thumbnail = page.getByTestId('file-thumbnail');
    await thumbnail.waitFor({ timeout: 15_000 });
    await expect.poll(() => thumbnail.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 15_000 }).toBe(1);
    expect(graph.to('/whatsapp-cdn/wa-e2e-photo').map((r) => r.headers.authorization)).toEqual([`Bearer ${ACCESS_TOKEN}`]);
    await thumbnail.click();
    const viewer = page.getByRole('dialog', { name: /\(1 of 1\)$/ });
    await viewer.waitFor();
    await expect.poll(() => viewer.getByTestId('viewer-image').evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 15_000 }).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    // The agent pastes a screenshot into the reply box and sends it with a caption.
    const screenshot = Buffer.concat([PNG_1X1, Buffer.from('pasted screenshot')]);
    const reply = page.getByLabel('Reply');
    await reply.focus();
    await pasteImage(page, screenshot, 'screenshot.png');
    await page.getByTestId('composer-file').waitFor();
    await reply.fill('This is how the hinge should look');
    await page.getByTestId('send-button').click();

    // Graph gets the upload first, then the message naming the media id it answered.
    const sent = await graph.waitFor((r) => r.path === `/v21.0/${WA_PHONE_NUMBER_ID}/messages`, 'the image message on Graph', 20_000);
    const uploads = graph.to(`/v21.0/${WA_PHONE_NUMBER_ID}/media`);
    expect(uploads).toHaveLength(1);
    const [upload] = uploads;
    expect(upload!.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(upload!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const form = await formOf(upload!);
    expect(form.get('messaging_product')).toBe('whatsapp');
    expect(form.get('type')).toBe('image/png');
    const file = await formFile(upload!, 'file');
    expect(file.name).toBe('screenshot.png');
    expect(file.bytes.equals(screenshot)).toBe(true);
    expect(sent.at).toBeGreaterThanOrEqual(upload!.at);
    expect(sent.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(sent.json).toEqual({
      messaging_product: 'whatsapp', recipient_type: 'individual', to: WA_CUSTOMER, type: 'image',
      image: { id: UPLOADED_MEDIA_ID, caption: 'This is how the hinge should look' },
    });
    await expect.poll(() => page.getByTestId('file-thumbnail').count(), { timeout: 15_000 }).toBe(2);
    await page.screenshot({ path: join(E2E_ARTIFACTS, 'attachments-03-whatsapp.png') });
  });
});
