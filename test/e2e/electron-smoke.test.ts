import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateElectronBinary } from '../../main/launcher/electron-binary';
import { methodNames } from '../../shared/contract';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const electronBinary = locateElectronBinary(dirname(createRequire(import.meta.url).resolve('electron/package.json')));
const skipReason = 'skipped: no Electron binary (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1)';

if (!electronBinary) console.log(skipReason);

// The real shell on the real binary: only where the binary exists; elsewhere reported as skipped.
describe.skipIf(!electronBinary)('the Electron shell', () => {
  const profile = mkdtempSync(join(tmpdir(), 'sb-electron-smoke-'));
  let app: ElectronApplication;
  let page: Page;

  beforeAll(async () => {
    app = await _electron.launch({
      executablePath: electronBinary ?? undefined,
      args: [repo, `--user-data-dir=${profile}`],
      cwd: repo,
      env: { ...process.env, XDG_CONFIG_HOME: profile, ELECTRON_RENDERER_URL: '' },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  afterAll(async () => {
    await app?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('opens one window on our built page, served from app:// rather than file://', async () => {
    expect(page.url()).toBe('app://switchboard/index.html');
    const windows = await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows().map((w) => ({ url: w.webContents.getURL(), visible: w.isVisible() })),
    );
    expect(windows).toEqual([{ url: page.url(), visible: true }]);
  });

  it('exposes exactly the contract on window.switchboard and no Node to the page', async () => {
    const seen = await page.evaluate(() => ({
      keys: Object.keys((window as unknown as { switchboard: object }).switchboard).sort(),
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
    }));
    expect(seen).toEqual({ keys: [...methodNames, 'on'].sort(), require: 'undefined', process: 'undefined' });
  });

  it('answers a contract call through IPC and refuses bad arguments', async () => {
    const answers = await page.evaluate(async () => {
      const bridge = (window as unknown as { switchboard: Record<string, (a: unknown) => Promise<{ ok: boolean; error?: { code: string } }>> }).switchboard;
      return [await bridge['session.get']!({}), await bridge['messages.list']!({ conversationId: 42 })];
    });
    expect(answers[0]).toMatchObject({ ok: true });
    expect(answers[1]).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('denies window.open and stays on our page after a foreign navigation', async () => {
    const before = page.url();
    expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    // A listener added after the shell's own guard sees the guard's decision on the attempt.
    type Seen = { url: string; prevented: boolean };
    await app.evaluate(({ BrowserWindow }) => {
      (globalThis as { navigationSeen?: Promise<Seen> }).navigationSeen = new Promise<Seen>((resolve) => {
        BrowserWindow.getAllWindows()[0]!.webContents.once('will-navigate', (event, url) => resolve({ url, prevented: event.defaultPrevented }));
      });
    });
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    const seen = await app.evaluate(() => (globalThis as { navigationSeen?: Promise<Seen> }).navigationSeen);
    expect(seen).toEqual({ url: 'https://example.com/', prevented: true });
    expect(page.url()).toBe(before);
  });
});
