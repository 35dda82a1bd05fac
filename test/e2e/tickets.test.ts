import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBrowserHost } from '../../main/browser-host/host';
import { startServer, type RunningServer } from '../../server/app';
import type { Ticket, TicketType } from '../../shared/tickets';
import { chromiumMissing, E2E_ARTIFACTS, CHROMIUM_PATH, chromiumForFile, signIn, startWorkstationHost, type TestBrowser } from '../support/browser';
import { bearer, hubSignature, http, TEST_RETRY } from '../support/channels';
import { runDatabase, type OpenedDatabase } from '../support/databases';
import { WA_PHONE_NUMBER_ID, waSent, waText } from '../support/platform-payloads';
import { startRecordingServer, type RecordingServer } from '../support/recording-server';
import { closeAllSockets, connectAgent, data, login, onlyWangTakesChats, request } from '../support/server-fixture';
import { saveDepartment, saveType, signInStaff } from '../support/ticket-desk';
import { webhooksProcessed } from '../support/barriers';

const artifacts = E2E_ARTIFACTS;

if (chromiumMissing) console.log(`skipped: Chromium not found at ${CHROMIUM_PATH}`);

const APP_SECRET = 'e2e-ticket-secret';
const CUSTOMER = '8613800138000';
const ASKS = '我的吹风机坏了，按开关没反应，想申请维修';
const INTERNAL = '内部：主板烧了，走保修换新主板，成本记到供应商';
const PUBLIC = '您好，吹风机已修好，今天顺丰寄回，单号 SF1234567890';
const STAFF = { email: 'repair.desk@demo.test', name: '周师傅' };

/** The WhatsApp text of each message the recording Graph server received, in order. */
const sentTexts = (graph: RecordingServer) =>
  graph.requests
    .filter((r) => r.method === 'POST')
    .map((r) => (r.json as { text?: { body?: string } } | null)?.text?.body)
    .filter((body): body is string => typeof body === 'string');

/** A due time three days ahead, as the dialog's datetime-local field takes it (this machine's time zone). */
function dueInThreeDays(): { input: string; iso: string } {
  const d = new Date(Date.now() + 3 * 86_400_000);
  d.setSeconds(0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { input: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`, iso: d.toISOString() };
}

// A WhatsApp customer's repair as a ticket: the agent opens it from the chat, a department member
// without the agent desk works it in their own desktop, and the customer hears only what is meant
// for them, on WhatsApp.
describe.skipIf(chromiumMissing)('a WhatsApp repair tracked as a ticket, end to end', () => {
  let database: OpenedDatabase | undefined;
  let server: RunningServer;
  let graph: RecordingServer;
  let admin: Socket;
  let repairType: TicketType;
  let departmentName: string;
  const hosts: RunningBrowserHost[] = [];
  let browser: TestBrowser;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    graph = await startRecordingServer();
    let sent = 0;
    graph.answer((r) => (r.method === 'POST' ? { json: waSent(`wamid.TICKET${++sent}`) } : undefined));
    database = await runDatabase().open();
    server = await startServer({ port: 0, ...database.options, seed: 'if-empty', deliveryPollMs: 50, deliveryRetry: TEST_RETRY });
    await onlyWangTakesChats(server);

    // The admin's set-up: the WhatsApp number, a repair desk with its own member, the 维修 type.
    const adminTokens = await login(server.url, 'admin@demo.test', 'demo-admin');
    const created = await http(`${server.url}/api/channels`, {
      method: 'POST',
      headers: { ...bearer(adminTokens.accessToken), 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'wa-shop', kind: 'whatsapp', name: 'WhatsApp', config: { phoneNumberId: WA_PHONE_NUMBER_ID, apiBaseUrl: `${graph.url}/v21.0` },
        secrets: { appSecret: APP_SECRET, verifyToken: 'e2e-verify', accessToken: 'e2e-access' },
      }),
    });
    expect(created.status).toBe(201);
    admin = await connectAgent(server.url, adminTokens.accessToken);
    const staff = await signInStaff(server.url, admin, STAFF);
    staff.socket.close();
    departmentName = '维修部';
    const department = await saveDepartment(admin, departmentName, [{ userId: staff.id, isLead: true }]);
    const { types } = data(await request<{ types: TicketType[] }>(admin, 'tickets:meta', {}));
    repairType = types.find((ty) => ty.name === '维修') ?? (await saveType(admin, '维修', department.id));

    for (let i = 0; i < 2; i++) hosts.push(await startWorkstationHost());
    browser = await chromiumForFile();
    console.log(`database: ${database.describe}; workstations at ${hosts.map((h) => h.url).join(', ')}`);
  });
  afterAll(async () => {
    await browser?.close();
    for (const host of hosts) await host.close();
    closeAllSockets();
    await server?.close();
    await database?.drop();
    await graph?.close();
  });

  const shoot = (page: Page, name: string) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

  async function signInAt(host: RunningBrowserHost, email: string, password: string): Promise<Page> {
    const page = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } })).newPage();
    await page.goto(host.url);
    await signIn(page, server.url, email, password);
    return page;
  }

  async function customerWrites(wamid: string, text: string): Promise<void> {
    const body = JSON.stringify(waText(wamid, text, CUSTOMER, '李女士'));
    const answer = await http(`${server.url}/webhooks/whatsapp/wa-shop`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(body, APP_SECRET) }, body,
    });
    expect(answer.status).toBe(200);
    await webhooksProcessed(server);
  }

  async function ticketOnServer(subject: string): Promise<Ticket> {
    const answer = data(await request<{ tickets: Ticket[] }>(admin, 'tickets:list', { view: 'all' }));
    const ticket = answer.tickets.find((t) => t.subject === subject);
    if (!ticket) throw new Error(`no ticket "${subject}" on the server`);
    return ticket;
  }

  it('the agent opens a 维修 ticket from the chat; the repair desk comments, replies and solves it; the customer hears only the public part', async () => {
    // ---- The customer asks on WhatsApp; 王芳 takes the chat and answers.
    await customerWrites('wamid.REPAIR1', ASKS);
    const agent = await signInAt(hosts[0]!, 'wang.fang@demo.test', 'demo-agent');
    const item = agent.getByTestId('conversation-item').filter({ hasText: '吹风机坏了' });
    await item.waitFor({ timeout: 20_000 });
    await item.click();
    const accept = agent.getByRole('button', { name: /^(Accept|接受)/ });
    if (await accept.isVisible().catch(() => false)) await accept.click();
    await agent.getByLabel(/^(Reply|回复)$/).fill('您好，我帮您登记维修');
    await agent.getByTestId('send-button').click();
    await expect.poll(() => sentTexts(graph), { timeout: 15_000 }).toContain('您好，我帮您登记维修');

    // ---- The composer's menu opens the ticket: 维修, the repair desk, a due time, the customer's message as the excerpt.
    await agent.getByTestId('composer-menu').click();
    await agent.getByTestId('composer-create-ticket').click();
    const dialog = agent.getByTestId('create-ticket-dialog');
    await dialog.waitFor();
    expect(await dialog.getByLabel(/^(Subject|主题)$/).inputValue()).toContain('吹风机坏了');
    const subject = '吹风机维修：按开关没反应';
    await dialog.getByLabel(/^(Subject|主题)$/).fill(subject);
    await dialog.getByLabel(/^(Type|类型)$/).selectOption({ label: '维修' });
    await dialog.getByLabel(/^(Department|部门)$/).selectOption({ label: departmentName });
    const due = dueInThreeDays();
    await dialog.getByLabel(/^(Due|截止时间)$/).fill(due.input);
    await dialog.getByTestId('create-ticket-pick').click();
    const customerLine = agent.locator('[data-testid=message]').filter({ hasText: ASKS });
    await customerLine.getByTestId('message-pick').check();
    await agent.getByTestId('ticket-picking-done').click();
    await expect.poll(() => agent.getByTestId('create-ticket-excerpt').innerText()).toMatch(/1/);
    await shoot(agent, 'tickets-01-create');
    await agent.getByTestId('create-ticket-submit').click();
    await expect.poll(() => agent.getByTestId('create-ticket-notice').innerText(), { timeout: 15_000 }).toMatch(/工单 #\d+ 已创建/);

    const ticket = await ticketOnServer(subject);
    expect(ticket).toMatchObject({ typeId: repairType.id, dueAt: due.iso, status: 'new' });
    expect(ticket.contactId).not.toBeNull();
    // The customer is told the number on WhatsApp, in the language they wrote in.
    await expect.poll(() => sentTexts(graph), { timeout: 15_000 }).toContainEqual(expect.stringContaining(`您的工单已创建，编号 #${ticket.number}`));

    // ---- 周师傅 of the repair desk signs in to his own desktop: tickets only, his department's.
    const staff = await signInAt(hosts[1]!, STAFF.email, 'staff-password-1');
    await staff.getByTestId('tickets-view').waitFor({ timeout: 20_000 });
    expect(await staff.getByTestId('view-tab-inbox').count()).toBe(0);
    await staff.getByTestId('ticket-view-my_department').click();
    const row = staff.getByTestId('ticket-row').filter({ hasText: subject });
    await row.waitFor({ timeout: 15_000 });
    await row.locator('.ticket-open').click();
    const detail = staff.getByTestId('ticket-detail');
    await detail.waitFor();
    // The excerpt the agent picked is in the ticket.
    await expect.poll(() => detail.locator('[data-testid=ticket-history-item][data-kind=excerpt]').innerText(), { timeout: 15_000 }).toContain(ASKS);

    // An internal comment, then a public reply.
    await staff.getByTestId('ticket-comment-internal').click();
    await staff.getByTestId('ticket-comment').locator('textarea').fill(INTERNAL);
    await staff.getByTestId('ticket-comment-send').click();
    await expect
      .poll(() => detail.locator('[data-testid=ticket-history-item][data-visibility=internal]').filter({ hasText: INTERNAL }).getAttribute('data-delivery'), { timeout: 15_000 })
      .toBe('sent');
    await staff.getByTestId('ticket-comment-public').click();
    await staff.getByTestId('ticket-comment').locator('textarea').fill(PUBLIC);
    await staff.getByTestId('ticket-comment-send').click();
    await expect.poll(() => sentTexts(graph), { timeout: 15_000 }).toContain(`【工单 #${ticket.number}】${PUBLIC}`);

    // Solved: the customer hears the new status.
    await detail.getByLabel(/^(Status|状态)$/).selectOption('solved');
    await expect.poll(() => sentTexts(graph), { timeout: 15_000 }).toContainEqual(expect.stringContaining(`您的工单 #${ticket.number} 状态已更新：已解决`));
    await shoot(staff, 'tickets-02-staff-solved');

    // ---- The customer's WhatsApp received the reply and the status messages, never the internal comment.
    const everything = graph.requests.map((r) => JSON.stringify(r.json ?? '')).join('\n');
    expect(everything).not.toContain('主板烧了');
    expect(everything).not.toContain('供应商');
    for (const r of graph.requests.filter((q) => q.method === 'POST')) expect(r.json).toMatchObject({ messaging_product: 'whatsapp', to: CUSTOMER });

    // ---- 王芳 opens the ticket and reads its whole history.
    await agent.getByTestId('view-tab-tickets').click();
    await agent.getByTestId('ticket-view-all').click();
    const agentRow = agent.getByTestId('ticket-row').filter({ hasText: subject });
    await agentRow.waitFor({ timeout: 15_000 });
    await agentRow.locator('.ticket-open').click();
    const history = agent.getByTestId('ticket-detail').getByTestId('ticket-history-item');
    await expect.poll(() => history.evaluateAll((items) => items.map((i) => i.getAttribute('data-kind'))), { timeout: 15_000 }).toEqual(
      expect.arrayContaining(['created', 'excerpt', 'comment', 'reply', 'status']),
    );
    expect(await history.filter({ hasText: INTERNAL }).getAttribute('data-visibility')).toBe('internal');
    expect(await history.filter({ hasText: PUBLIC }).getAttribute('data-visibility')).toBe('public');
    expect(await agentRow.locator('.ticket-status').getAttribute('data-status')).toBe('solved');
    await shoot(agent, 'tickets-03-agent-history');
  });
});
