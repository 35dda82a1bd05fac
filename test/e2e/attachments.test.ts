import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBrowserHost } from '../../main/browser-host/host';
import type { UploadResult } from '../../shared/attachments';
import { startServer, type RunningServer } from '../../server/app';
import { runDatabase, type OpenedDatabase } from '../support/databases';
import { chromiumMissing, E2E_ARTIFACTS, CHROMIUM_PATH, chromiumForFile, signIn, startWorkstationHost, type TestBrowser } from '../support/browser';
import { PNG_1X1 } from '../support/sample-files';
import { onlyWangTakesChats, request } from '../support/server-fixture';
import { connectVisitor, type TestVisitor } from '../support/visitor';

if (chromiumMissing) console.log(`skipped: Chromium not found at ${CHROMIUM_PATH}`);

// A customer's photo seen in the agent's thread and viewer, and a file the agent attaches and sends back.
describe.skipIf(chromiumMissing)('files between a customer and the workstation, end to end', () => {
  let database: OpenedDatabase | undefined;
  let server: RunningServer;
  let host: RunningBrowserHost;
  let browser: TestBrowser;
  let visitor: TestVisitor | undefined;

  beforeAll(async () => {
    mkdirSync(E2E_ARTIFACTS, { recursive: true });
    database = await runDatabase().open();
    server = await startServer({ port: 0, ...database.options, seed: 'if-empty' });
    await onlyWangTakesChats(server);
    host = await startWorkstationHost();
    browser = await chromiumForFile();
  });
  afterAll(async () => {
    visitor?.close();
    await browser?.close();
    await host?.close();
    await server?.close();
    await database?.drop();
  });

  it('the photo shows as a thumbnail and opens in the viewer; the agent attaches a file and the customer gets it', async () => {
    const page = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } })).newPage();
    page.on('requestfailed', (r) => console.log(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
    await page.goto(host.url);
    await signIn(page, server.url, 'wang.fang@demo.test', 'demo-agent');

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

    const item = page.getByTestId('conversation-item').filter({ hasText: 'My screen broke' });
    await item.waitFor({ timeout: 20_000 });
    await item.click();
    const accept = page.getByRole('button', { name: /^Accept/ });
    if (await accept.isVisible().catch(() => false)) await accept.click();

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
  });
});
