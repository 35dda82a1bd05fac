import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { startBrowserHost, type RunningBrowserHost } from '../../main/browser-host/host';
import { fastReconnect } from './fast-reconnect';

/** The workstation's renderer as `npm run build` leaves it, served by the browser host in e2e tests. */
export const RENDERER_DIR = join(fileURLToPath(new URL('../..', import.meta.url)), 'out', 'renderer');

/**
 * Where e2e screenshots go: one folder per database run, since the PGlite and PostgreSQL runs of
 * a file take the same screenshots side by side.
 */
export const E2E_ARTIFACTS = join(
  fileURLToPath(new URL('../..', import.meta.url)), 'test-results', `e2e-${process.env.SWITCHBOARD_TEST_DATABASE ?? 'pglite'}`,
);

/** Debian's Chromium; browsers cannot be downloaded on our machines. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumMissing = !existsSync(CHROMIUM_PATH);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** What a test file uses of Chromium: contexts of its own, and `close()`, which closes them. */
export type TestBrowser = Pick<Browser, 'newContext'> & { close(): Promise<void> };

let shared: Promise<Browser> | null = null;

/**
 * Chromium for the tests of one file. The files a worker runs one after another share one
 * browser (starting Chromium cost seconds per file), and each file still starts clean: its pages
 * live in contexts of its own (cookies, storage, cache), which `close()` closes at the end of the
 * file. The browser itself ends with the worker's process.
 */
export async function chromiumForFile(): Promise<TestBrowser> {
  if (!shared) {
    const launching = launchChromium();
    shared = launching;
    launching.then(
      (browser) => browser.once('disconnected', () => { if (shared === launching) shared = null; }),
      () => { if (shared === launching) shared = null; },
    );
  }
  const browser = await shared;
  const contexts = new Set<BrowserContext>();
  return {
    async newContext(...options: Parameters<Browser['newContext']>) {
      const context = await browser.newContext(...options);
      contexts.add(context);
      return context;
    },
    async close() {
      for (const context of contexts) await context.close();
      contexts.clear();
    },
  };
}

/** A workstation served to the browser from the built renderer, with its own data folder. */
export function startWorkstationHost(prefix = 'sb-e2e-desktop-'): Promise<RunningBrowserHost> {
  return startBrowserHost({ port: 0, dataDir: mkdtempSync(join(tmpdir(), prefix)), rendererDir: RENDERER_DIR, reconnectDelay: fastReconnect });
}

/** Fills the workstation's sign-in form (either language) on `page` and waits until it shows online. */
export async function signIn(page: Page, serverUrl: string, email: string, password: string): Promise<void> {
  await page.getByLabel(/Server URL|服务器地址/).fill(serverUrl);
  await page.getByLabel(/^(Email|邮箱)$/).fill(email);
  await page.getByLabel(/^(Password|密码)$/).fill(password);
  await page.getByRole('button', { name: /Sign in|登录/ }).click();
  await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('online');
}
