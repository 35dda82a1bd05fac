import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBrowserHost } from '../../main/browser-host/host';
import { startServer, type RunningServer } from '../../server/app';
import { runDatabase, type OpenedDatabase } from '../support/databases';
import { chromiumForFile, chromiumMissing, CHROMIUM_PATH, E2E_ARTIFACTS, signIn, startWorkstationHost, type TestBrowser } from '../support/browser';
import { connectVisitor, type TestVisitor } from '../support/visitor';

const artifacts = E2E_ARTIFACTS;

if (chromiumMissing) console.log(`skipped: Chromium not found at ${CHROMIUM_PATH}`);

// An agent works two chats from the keyboard alone: takes them, moves between them, writes,
// resolves, jumps with the command palette, reads the shortcut sheet, and turns the dark theme on.
describe.skipIf(chromiumMissing)('keyboard first and themes, end to end', () => {
  let database: OpenedDatabase | undefined;
  let server: RunningServer;
  let host: RunningBrowserHost;
  let browser: TestBrowser;
  const visitors: TestVisitor[] = [];

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    database = await runDatabase().open();
    server = await startServer({ port: 0, ...database.options, seed: 'if-empty', routingSweepMs: 60_000 });
    // 王芳 is the one agent taking chats.
    await server.db.query("UPDATE users SET presence = 'offline' WHERE email <> 'wang.fang@demo.test'");
    await server.db.query("UPDATE users SET max_chats = 5 WHERE email = 'wang.fang@demo.test'");
    host = await startWorkstationHost('sb-e2e-keyboard-');
    browser = await chromiumForFile();
  });
  afterAll(async () => {
    for (const v of visitors) v.close();
    await browser?.close();
    await host?.close();
    await server?.close();
    await database?.drop();
  });

  const shoot = (page: Page, name: string) => page.screenshot({ path: join(artifacts, `${name}.png`) });
  const row = (page: Page, name: string) => page.getByTestId('conversation-item').filter({ hasText: name });
  const selectedName = (page: Page) => page.locator('[data-testid=conversation-item][data-selected=true] .inbox-contact').innerText();
  const focused = (page: Page) => page.evaluate(() => document.activeElement?.className ?? '');
  const backgroundLuminance = (page: Page) =>
    page.evaluate(() => {
      const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+(\.\d+)?/g)!.map(Number) as [number, number, number];
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    });

  async function customerWrites(name: string, text: string): Promise<void> {
    const visitor = await connectVisitor(server.url, { name });
    visitors.push(visitor);
    const sent = await visitor.send(text);
    expect(sent.ok).toBe(true);
  }

  it('takes, answers and resolves chats without the mouse, and keeps the dark theme', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 820 }, colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(host.url);
    await signIn(page, server.url, 'wang.fang@demo.test', 'demo-agent');
    // Alt+P moves the status round until the agent is online.
    const presence = page.getByTestId('presence-switch');
    const status = () => presence.getAttribute('data-presence');
    await expect.poll(status).not.toBe('');
    for (let i = 0; i < 3 && (await status()) !== 'online'; i++) {
      const before = await status();
      await page.keyboard.press('Alt+KeyP');
      await expect.poll(status).not.toBe(before);
    }
    expect(await status()).toBe('online');

    // Two customers write; each chat is offered to the agent, who accepts it with Alt+A.
    await customerWrites('Vera Keys', 'My parcel 5521 has not arrived, could someone look?');
    await expect.poll(() => row(page, 'Vera Keys').getAttribute('data-offer'), { timeout: 20_000 }).toBe('me');
    await page.keyboard.press('Alt+KeyA');
    await expect.poll(() => row(page, 'Vera Keys').getAttribute('data-routing')).toBe('assigned');
    await customerWrites('Otto Board', 'Please change the address on invoice 7710.');
    await expect.poll(() => row(page, 'Otto Board').getAttribute('data-offer'), { timeout: 20_000 }).toBe('me');
    await page.keyboard.press('Alt+KeyA');
    await expect.poll(() => row(page, 'Otto Board').getAttribute('data-routing')).toBe('assigned');
    // Accepting opened the chat with the cursor in its reply box.
    await expect.poll(() => selectedName(page)).toBe('Otto Board');
    await expect.poll(() => focused(page)).toContain('composer-input');

    // Alt+↓ / Alt+↑ move to the neighbouring chat; the agent types straight away and sends with Enter.
    const order = await page.locator('[data-testid=conversation-item] .inbox-contact').allInnerTexts();
    const other = order.indexOf('Otto Board') === 0 ? 'ArrowDown' : 'ArrowUp';
    await page.keyboard.press(`Alt+${other}`);
    await expect.poll(() => selectedName(page)).toBe('Vera Keys');
    await expect.poll(() => focused(page)).toContain('composer-input');
    await page.keyboard.type('Sorry about that, I am checking parcel 5521 now.');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('message').filter({ hasText: 'I am checking parcel 5521 now' }).count(), { timeout: 15_000 })
      .toBe(1);
    await shoot(page, 'keyboard-01-reply-light');

    // Alt+E resolves the open chat.
    await page.keyboard.press('Alt+KeyE');
    await expect.poll(() => row(page, 'Vera Keys').getAttribute('data-status'), { timeout: 15_000 }).toBe('resolved');

    // Ctrl+K: the palette finds the other chat by the customer's name; Enter opens it.
    await page.keyboard.press('Control+KeyK');
    const palette = page.getByRole('combobox', { name: /Search chats/ });
    await expect.poll(() => palette.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('otto');
    await expect.poll(() => page.getByTestId('palette-option').first().innerText()).toContain('Otto Board');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('command-palette').count()).toBe(0);
    await expect.poll(() => selectedName(page)).toBe('Otto Board');
    await expect.poll(() => focused(page)).toContain('composer-input');

    // …and an article: it opens in the knowledge tab.
    await page.keyboard.press('Control+KeyK');
    await page.keyboard.type('refund policy');
    const article = page.locator('[data-testid=palette-option][data-kind=article]').filter({ hasText: 'Refund policy' });
    await article.waitFor({ timeout: 10_000 });
    await shoot(page, 'keyboard-02-palette');
    while ((await page.locator('[data-testid=palette-option][aria-selected=true]').getAttribute('data-kind')) !== 'article') {
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('kb-article').innerText()).toContain('Refund policy');

    // Ctrl+/ shows the shortcut sheet (also from a text box); Esc closes it.
    await page.keyboard.press('Control+Slash');
    const sheet = page.getByTestId('shortcut-sheet');
    await expect.poll(() => sheet.getByTestId('shortcut-row').count()).toBe(14);
    expect(await sheet.innerText()).toContain('Alt+E');
    await shoot(page, 'keyboard-03-shortcut-sheet');
    await page.keyboard.press('Escape');
    await expect.poll(() => sheet.count()).toBe(0);

    // The dark theme: the page turns dark and stays dark after a reload, whatever the system says.
    expect(await backgroundLuminance(page)).toBeGreaterThan(0.8);
    await page.getByTestId('theme-switch').selectOption('dark');
    await expect.poll(() => backgroundLuminance(page)).toBeLessThan(0.15);
    await shoot(page, 'keyboard-04-dark');
    await page.reload();
    await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('online');
    expect(await page.getByTestId('theme-switch').inputValue()).toBe('dark');
    expect(await backgroundLuminance(page)).toBeLessThan(0.15);
    // A fresh window starts dark: the theme is on <html> before the parser even reaches <body>.
    const fresh = await context.newPage();
    await fresh.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (!document.body) return;
        (window as unknown as { themeAtBody: string | null }).themeAtBody = document.documentElement.getAttribute('data-theme');
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    });
    await fresh.goto(host.url);
    expect(await fresh.evaluate(() => (window as unknown as { themeAtBody: string | null }).themeAtBody)).toBe('dark');
    await fresh.close();
    // Back to the system's theme: the system here is light.
    await page.getByTestId('theme-switch').selectOption('system');
    await expect.poll(() => backgroundLuminance(page)).toBeGreaterThan(0.8);
    await context.close();
  });
});
