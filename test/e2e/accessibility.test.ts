import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBrowserHost } from '../../main/browser-host/host';
import { startServer, type RunningServer } from '../../server/app';
import { chromiumForFile, chromiumMissing, CHROMIUM_PATH, signIn, startWorkstationHost, type TestBrowser } from '../support/browser';
import { runDatabase, type OpenedDatabase } from '../support/databases';
import { connectVisitor, type TestVisitor } from '../support/visitor';

if (chromiumMissing) console.log(`skipped: Chromium not found at ${CHROMIUM_PATH}`);

/** What axe found on one screen, by impact. */
type ScreenResult = { screen: string; critical: number; serious: number; moderate: number; minor: number; ms: number; rules: string[] };

/** The WCAG 2.0 and 2.1 rules of levels A and AA. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// Every screen of the workstation, as an agent, a supervisor and an admin see it, and the
// customer's chat page, checked by axe-core: no serious or critical violation anywhere.
describe.skipIf(chromiumMissing)('accessibility of every screen (axe-core)', () => {
  let database: OpenedDatabase | undefined;
  let server: RunningServer;
  const hosts: RunningBrowserHost[] = [];
  let browser: TestBrowser;
  const visitors: TestVisitor[] = [];
  const results: ScreenResult[] = [];

  beforeAll(async () => {
    database = await runDatabase().open();
    server = await startServer({ port: 0, ...database.options, seed: 'if-empty', routingSweepMs: 60_000 });
    // 王芳 is the one agent taking chats.
    await server.db.query("UPDATE users SET presence = 'offline' WHERE email <> 'wang.fang@demo.test'");
    hosts.push(...(await Promise.all([1, 2, 3].map(() => startWorkstationHost('sb-e2e-a11y-')))));
    browser = await chromiumForFile();
  });
  afterAll(async () => {
    for (const v of visitors) v.close();
    console.log(`axe: violations per screen\n${results.map((r) => `  ${r.screen}: ${r.critical} critical, ${r.serious} serious, ${r.moderate} moderate, ${r.minor} minor (${r.ms} ms)${r.rules.length ? ` (${r.rules.join(', ')})` : ''}`).join('\n')}`);
    await browser?.close();
    for (const host of hosts) await host.close();
    await server?.close();
    await database?.drop();
  });

  /**
   * Runs axe on what the page shows now (only inside `within` when given: the rest of the page was
   * checked already) and records the counts under `screen`. axe is put into each page once (it is
   * 1.5 MB of script), and only violations are collected: listing every pass costs most of a run.
   */
  async function check(page: Page, screen: string, within?: string): Promise<void> {
    const started = Date.now();
    if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
    const violations = await page.evaluate(
      async ({ within, tags }) => {
        const run = (window as unknown as { axe: typeof axe }).axe.run;
        const found = await run(within ? { include: [within] } : document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
        return found.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, nodes: v.nodes.map((n) => ({ target: n.target.join(' '), why: n.any[0]?.message ?? n.failureSummary ?? '' })) }));
      },
      { within, tags: TAGS },
    );
    const count = (impact: string) => violations.filter((v) => v.impact === impact).reduce((n, v) => n + v.nodes.length, 0);
    results.push({
      screen,
      critical: count('critical'),
      serious: count('serious'),
      moderate: count('moderate'),
      minor: count('minor'),
      ms: Date.now() - started,
      rules: violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => `${n.target} (${n.why})`).join(' | ')}`),
    });
  }

  async function signInAt(host: RunningBrowserHost, email: string, password: string): Promise<Page> {
    const page = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 860 } })).newPage();
    await page.goto(host.url);
    await signIn(page, server.url, email, password);
    return page;
  }

  async function view(page: Page, name: string): Promise<void> {
    await page.getByTestId(`view-tab-${name}`).click();
    await expect.poll(() => page.getByTestId(`view-tab-${name}`).getAttribute('aria-selected')).toBe('true');
  }

  /** An agent's screens: the inbox with an offer, the thread with the profile, knowledge, the bell, tickets, reports. */
  async function agentScreens(agent: Page): Promise<void> {
    const presence = agent.getByTestId('presence-switch');
    await expect.poll(() => presence.getAttribute('data-presence')).not.toBe('');
    if ((await presence.getAttribute('data-presence')) !== 'online') {
      await presence.click();
      await agent.getByTestId('presence-option-online').click();
    }
    const visitor = await connectVisitor(server.url, { name: 'Ada Reader' });
    visitors.push(visitor);
    expect((await visitor.send('My parcel 5521 has not arrived, could someone look?')).ok).toBe(true);
    const row = agent.getByTestId('conversation-item').filter({ hasText: 'Ada Reader' });
    await expect.poll(() => row.getAttribute('data-offer'), { timeout: 20_000 }).toBe('me');
    await check(agent, 'inbox');
    await agent.keyboard.press('Alt+KeyA');
    await expect.poll(() => row.getAttribute('data-routing')).toBe('assigned');
    await agent.locator('.composer-input').waitFor();
    await check(agent, 'thread and contact profile', 'main.panes');
    await agent.getByTestId('side-tab-knowledge').click();
    await check(agent, 'knowledge', '.side-pane');
    await agent.getByTestId('notify-button').click();
    await check(agent, 'notification centre', '[data-testid=notify-popover]');
    await agent.keyboard.press('Escape');
    await view(agent, 'tickets');
    await check(agent, 'tickets', '#workstation-view');
    await view(agent, 'reports');
    await check(agent, 'reports (agent)', '#workstation-view');
  }

  /** A supervisor's screens beside the inbox: the live monitor, topics, reports. */
  async function supervisorScreens(supervisor: Page): Promise<void> {
    await view(supervisor, 'monitor');
    await check(supervisor, 'monitor', '#workstation-view');
    await view(supervisor, 'topics');
    await check(supervisor, 'topics', '#workstation-view');
    await view(supervisor, 'reports');
    await check(supervisor, 'reports (supervisor)', '#workstation-view');
  }

  /** Every tab of the admin screen (the header and tab bar once, then each tab's panel). */
  async function adminScreens(admin: Page): Promise<void> {
    await view(admin, 'admin');
    const tabs = await admin.locator('[data-testid^=admin-tab-]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')!));
    expect(tabs.length).toBeGreaterThan(10);
    for (const [i, tab] of tabs.entries()) {
      await admin.getByTestId(tab).click();
      await expect.poll(() => admin.getByTestId(tab).getAttribute('aria-selected')).toBe('true');
      await check(admin, `admin: ${tab.replace('admin-tab-', '')}`, i === 0 ? undefined : '#admin-panel');
    }
  }

  it('has no serious or critical violations on any screen', async () => {
    const widget = await (await browser.newContext({ locale: 'en-US', viewport: { width: 420, height: 720 } })).newPage();
    await widget.goto(`${server.url}/widget/`);
    await widget.getByLabel(/^(Message|消息)$/).waitFor();
    await check(widget, 'widget');

    await Promise.all([
      signInAt(hosts[0]!, 'wang.fang@demo.test', 'demo-agent').then(agentScreens),
      signInAt(hosts[1]!, 'supervisor@demo.test', 'demo-supervisor').then(supervisorScreens),
      signInAt(hosts[2]!, 'admin@demo.test', 'demo-admin').then(adminScreens),
    ]);

    expect(results.filter((r) => r.serious + r.critical > 0)).toEqual([]);
  }, 120_000);
});
