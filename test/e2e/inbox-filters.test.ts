import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type RunningBrowserHost } from '../../main/browser-host/host';
import { startServer, type RunningServer } from '../../server/app';
import { runDatabase, type OpenedDatabase } from '../support/databases';
import type { Db } from '../../server/db/db';
import { chromiumMissing, E2E_ARTIFACTS, CHROMIUM_PATH, chromiumForFile, RENDERER_DIR, type TestBrowser } from '../support/browser';
import { connectVisitor, type TestVisitor } from '../support/visitor';

const artifacts = E2E_ARTIFACTS;

if (chromiumMissing) console.log(`skipped: Chromium not found at ${CHROMIUM_PATH}`);

type SeedMessage = { from: 'contact' | 'agent'; body: string };
type SeedConversation = {
  channel: 'email' | 'telegram';
  contact: { name: string; tags: string[] };
  status: 'open' | 'resolved';
  routing: 'assigned' | 'pending';
  assignee: string | null;
  group?: string;
  priority: number;
  messages: SeedMessage[];
};

/**
 * Conversations on the email and Telegram channels, written into the server's tables the way the
 * repositories write them (sequence numbers continue the account's), before anyone signs in.
 */
async function seedConversations(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    const [account] = await tx.query<{ id: string; seq: number }>(
      "SELECT a.id, pg_sequence_last_value(change_seq_name(a.id)::regclass) AS seq FROM accounts a JOIN users u ON u.account_id = a.id WHERE u.email = 'supervisor@demo.test' FOR UPDATE OF a",
    );
    const users = await tx.query<{ id: string; email: string }>('SELECT id, email FROM users WHERE account_id = $1', [account!.id]);
    const userId = (email: string) => users.find((u) => u.email === email)!.id;
    let seq = Number(account!.seq);
    const channels: Record<string, string> = {};
    for (const [kind, name] of [['email', 'Support mailbox'], ['telegram', 'Telegram bot']] as const) {
      channels[kind] = randomUUID();
      await tx.query('INSERT INTO channels (id, account_id, kind, name) VALUES ($1, $2, $3, $4)', [channels[kind], account!.id, kind, name]);
    }
    // A group that is never open: its conversation stays pending (a message left out of hours).
    const closedGroup = randomUUID();
    await tx.query('INSERT INTO skill_groups (id, account_id, name, keywords, business_hours) VALUES ($1, $2, $3, $4, $5)', [
      closedGroup, account!.id, 'Weekend desk', '[]', JSON.stringify({ timezone: 'Asia/Shanghai', days: {} }),
    ]);

    const conversations: SeedConversation[] = [
      {
        channel: 'email', contact: { name: '李娜', tags: ['vip', '发票'] }, status: 'open', routing: 'assigned',
        assignee: userId('supervisor@demo.test'), priority: 2,
        messages: [
          { from: 'contact', body: '请帮我开一张增值税发票，抬头是星河贸易有限公司' },
          { from: 'agent', body: '好的，已经为您提交开票申请。' },
          { from: 'contact', body: '谢谢，请问什么时候能收到？' },
        ],
      },
      {
        channel: 'email', contact: { name: 'Tom Baker', tags: ['new'] }, status: 'resolved', routing: 'assigned',
        assignee: userId('li.lei@demo.test'), priority: 0,
        messages: [
          { from: 'contact', body: 'The kettle handle came loose after a week.' },
          { from: 'agent', body: 'Sorry about that! A replacement is on its way.' },
        ],
      },
      {
        channel: 'telegram', contact: { name: 'Oleg Petrov', tags: [] }, status: 'open', routing: 'pending',
        assignee: null, group: closedGroup, priority: 0,
        messages: [{ from: 'contact', body: 'Hello, are you open on Sunday?' }],
      },
    ];
    for (const [i, c] of conversations.entries()) {
      const contactId = randomUUID();
      const conversationId = randomUUID();
      await tx.query('INSERT INTO contacts (id, account_id, name, tags) VALUES ($1, $2, $3, $4)', [
        contactId, account!.id, c.contact.name, JSON.stringify(c.contact.tags),
      ]);
      const minutesAgo = (k: number) => `${(3 - i) * 60 - k} minutes`;
      await tx.query(
        `INSERT INTO conversations (id, account_id, channel_id, contact_id, status, assignee_id, seq, routing_state, group_id, priority,
           waiting_since, created_at, last_message_at, last_message_preview, last_message_sender_type)
         VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8, $9, $10, now() - $11::interval, now() - $11::interval, '', NULL)`,
        [conversationId, account!.id, channels[c.channel], contactId, c.status, c.assignee, c.routing, c.group ?? null, c.priority,
          c.routing === 'pending' ? new Date() : null, minutesAgo(0)],
      );
      for (const [k, m] of c.messages.entries()) {
        await tx.query(
          `INSERT INTO messages (id, account_id, conversation_id, seq, sender_type, sender_id, body, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, now() - $8::interval)`,
          [randomUUID(), account!.id, conversationId, ++seq, m.from, m.from === 'agent' ? userId('li.lei@demo.test') : contactId, m.body, minutesAgo(k + 1)],
        );
      }
      const last = c.messages.at(-1)!;
      await tx.query(
        `UPDATE conversations SET seq = $2, last_message_preview = $3, last_message_sender_type = $4,
           last_message_at = now() - $5::interval WHERE id = $1`,
        [conversationId, ++seq, last.body, last.from, minutesAgo(c.messages.length)],
      );
    }
    await tx.query('SELECT setval(change_seq_name($1), $2, true)', [account!.id, seq]);
  });
}

// A supervisor narrows a mixed inbox by channel, status and label, and finds a conversation by a word
// from its messages, through the real server, client core and browser host.
describe.skipIf(chromiumMissing)('inbox filters, search, unread counts and notifications, end to end', () => {
  let database: OpenedDatabase | undefined;
  let server: RunningServer;
  let host: RunningBrowserHost;
  let browser: TestBrowser;
  let visitor: TestVisitor | undefined;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    database = await runDatabase().open();
    server = await startServer({ port: 0, ...database.options, seed: 'if-empty', routingSweepMs: 60_000 });
    await seedConversations(server.db);
    host = await startBrowserHost({
      port: 0,
      dataDir: mkdtempSync(join(tmpdir(), 'sb-e2e-inbox-desktop-')),
      rendererDir: RENDERER_DIR,
    });
    browser = await chromiumForFile();
  });
  afterAll(async () => {
    visitor?.close();
    await browser?.close();
    await host?.close();
    await server?.close();
    await database?.drop();
  });

  const shoot = (page: Page, name: string) => page.screenshot({ path: join(artifacts, `${name}.png`) });
  const names = (page: Page) => page.locator('[data-testid=conversation-item] .inbox-contact').allInnerTexts();
  const sorted = async (page: Page) => (await names(page)).sort();

  it('filters by channel, status and label, finds a conversation by a word from its messages, and tells about new ones', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 820 } });
    await context.grantPermissions(['notifications'], { origin: host.url });
    // Every web notification the page raises is recorded where the test can read it.
    await context.addInitScript(() => {
      const Real = window.Notification;
      const shown: { title: string; body: string | undefined }[] = [];
      (window as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
      class Recording extends Real {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          shown.push({ title, body: options?.body });
        }
      }
      window.Notification = Recording;
    });
    const page = await context.newPage();
    await page.goto(host.url);
    await page.getByLabel(/Server URL/).fill(server.url);
    await page.getByLabel(/^Email$/).fill('supervisor@demo.test');
    await page.getByLabel(/^Password$/).fill('demo-supervisor');
    await page.getByRole('button', { name: /Sign in/ }).click();
    await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('online');
    await expect.poll(() => sorted(page), { timeout: 20_000 }).toEqual(['Oleg Petrov', 'Tom Baker', '李娜']);

    // The supervisor's own conversation has an unanswered customer message: on the row and in the title.
    const lina = page.getByTestId('conversation-item').filter({ hasText: '李娜' });
    await expect.poll(() => lina.getByTestId('unread-count').innerText()).toBe('1');
    await expect.poll(() => page.title()).toBe('(1) Switchboard');

    // A customer writes on the website: the conversation arrives live, unread, with a notification.
    visitor = await connectVisitor(server.url, { name: 'Visitor Vera' });
    await visitor.send('My parcel has not arrived yet, can you check?');
    const vera = page.getByTestId('conversation-item').filter({ hasText: 'Visitor Vera' });
    await vera.waitFor({ timeout: 15_000 });
    await expect.poll(() => vera.getByTestId('unread-count').innerText()).toBe('1');
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { shownNotifications: unknown[] }).shownNotifications))
      .toEqual([{ title: 'Visitor Vera', body: 'My parcel has not arrived yet, can you check?' }]);
    await shoot(page, 'inbox-01-all');

    // By channel: the email conversations, with the count in the choice.
    const channel = page.getByTestId('inbox-filter-channel');
    await expect.poll(() => channel.locator('option[value=email]').innerText()).toBe('Email (2)');
    await channel.selectOption('email');
    await expect.poll(() => sorted(page)).toEqual(['Tom Baker', '李娜']);
    // …and by status within them.
    await page.getByTestId('inbox-filter-status').selectOption('resolved');
    await expect.poll(() => names(page)).toEqual(['Tom Baker']);
    await shoot(page, 'inbox-02-email-resolved');
    await page.getByTestId('inbox-filter-clear').click();
    await expect.poll(async () => (await names(page)).length).toBe(4);

    // Pending: the message left while the desk was closed.
    await page.getByTestId('inbox-filter-status').selectOption('pending');
    await expect.poll(() => names(page)).toEqual(['Oleg Petrov']);
    await page.getByTestId('inbox-filter-status').selectOption('');

    // By label (the customer's tags).
    await page.getByTestId('inbox-filter-label').selectOption('vip');
    await expect.poll(() => names(page)).toEqual(['李娜']);
    await page.getByTestId('inbox-filter-clear').click();

    // A word from an earlier message (not the last one shown in the list) finds the conversation.
    const search = page.getByTestId('inbox-search');
    await search.fill('星河贸易');
    await expect.poll(() => names(page)).toEqual(['李娜']);
    await expect.poll(() => lina.getByTestId('search-snippet').locator('mark').allInnerTexts()).toEqual(['星河贸易']);
    await expect.poll(() => page.getByTestId('inbox-search-status').innerText()).toBe('1 conversation found');
    await shoot(page, 'inbox-03-search');
    await search.fill('kettle handle');
    await expect.poll(() => names(page)).toEqual(['Tom Baker']);
    // Names are searched too.
    await search.fill('oleg');
    await expect.poll(() => names(page)).toEqual(['Oleg Petrov']);
    await search.press('Escape');
    await expect.poll(async () => (await names(page)).length).toBe(4);

    // Opening the conversation reads it: the count and the title clear.
    await lina.locator('[data-conversation-button]').click();
    await expect.poll(() => lina.getByTestId('unread-count').count()).toBe(0);
    await expect.poll(() => page.title()).toBe('Switchboard');

    // The preferences popover keeps the choice in the client core.
    await page.getByTestId('notify-button').click();
    await page.getByTestId('notify-settings-open').click();
    await page.getByTestId('notify-newConversations').uncheck();
    await shoot(page, 'inbox-04-notification-settings');
    await page.reload();
    await expect.poll(async () => (await names(page)).length, { timeout: 20_000 }).toBe(4);
    await page.getByTestId('notify-button').click();
    await page.getByTestId('notify-settings-open').click();
    await expect.poll(() => page.getByTestId('notify-newConversations').isChecked()).toBe(false);
    await expect.poll(() => page.getByTestId('notify-newMessages').isChecked()).toBe(true);
    await context.close();
  });
});
