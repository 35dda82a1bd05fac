import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { ChannelView } from '../../shared/channels';
import type { BotRule, BotTurn } from '../../shared/knowledge';
import type { VisitorMessage } from '../../shared/protocol';
import { orderEventSignature } from '../../server/domain/orders/order-events-signature';
import { bearer, countRows, createChannel, http, hubSignature, startChannelServer, threadOf, type ChannelTestServer } from '../support/channels';
import { deliveriesDrained, pushesFlushed, webhooksProcessed } from '../support/barriers';
import { databaseTargets } from '../support/databases';
import { WA_CUSTOMER, WA_PHONE_NUMBER_ID, waSent, waText } from '../support/platform-payloads';
import { startRecordingServer, type RecordingServer } from '../support/recording-server';
import { closeAllSockets, connectVisitor, login, record, request, waitFor } from '../support/server-fixture';

const targets = await databaseTargets();

const SHIPPED_EN = (name: string, order: string) => `Hi ${name}, your order ${order} has shipped. We will let you know when it arrives.`;
const SHIPPED_ZH = (name: string, order: string) => `${name}您好，您的订单 ${order} 已发货，请留意物流信息。`;
const DELIVERED_EN = (name: string, order: string) => `Hi ${name}, your order ${order} has been delivered. Reply here if anything is not right.`;

type Visitor = { socket: Socket; contactId: string; messages: VisitorMessage[]; conversationId: string };

describe.each(targets)('order-status events and the bot’s order replies on $label', (target) => {
  let t: ChannelTestServer;
  let graph: RecordingServer;
  let whatsapp: ChannelView;
  let secret: string;
  let supervisorToken: string;
  const url = () => t.server.url;

  /** Any REST call as someone (or no one). */
  const api = (method: string, path: string, token: string | null, body?: unknown) =>
    http(`${url()}${path}`, {
      method,
      headers: { ...(token ? bearer(token) : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  /** A request from the shop's system, signed as the README says (or tampered with by `over`). */
  const signed = (path: string, payload: unknown, over: { secret?: string; account?: string; timestamp?: string; signature?: string | null } = {}) => {
    const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
    const timestamp = over.timestamp ?? String(Math.floor(Date.now() / 1000));
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-switchboard-account': over.account ?? t.accountId,
      'x-switchboard-timestamp': timestamp,
    };
    const signature = over.signature === undefined ? orderEventSignature(over.secret ?? secret, timestamp, body) : over.signature;
    if (signature !== null) headers['x-switchboard-signature'] = signature;
    return http(`${url()}${path}`, { method: 'POST', headers, body });
  };

  /** A widget customer who wrote one message (the conversation waits in the queue: the demo's bot is off). */
  async function visitor(name: string, firstMessage: string): Promise<Visitor> {
    let messages: VisitorMessage[] = [];
    const { socket, session } = await connectVisitor(url(), { name }, (s) => {
      messages = record<VisitorMessage>(s, 'message:new');
    });
    const ack = await request<{ message: VisitorMessage & { conversationId: string } }>(socket, 'visitor:send', { clientId: randomUUID(), body: firstMessage });
    if (!ack.ok) throw new Error(`send failed: ${JSON.stringify(ack.error)}`);
    const [row] = await t.server.db.query<{ id: string }>('SELECT id FROM conversations WHERE contact_id = $1', [session.contactId]);
    return { socket, contactId: session.contactId, messages, conversationId: row!.id };
  }

  /** An order of the built-in store for a contact. */
  async function order(contactId: string, number: string, status = 'paid'): Promise<string> {
    const id = `order-${randomUUID()}`;
    await t.server.db.query(
      `INSERT INTO orders (id, account_id, contact_id, number, status, total_cents, currency) VALUES ($1, $2, $3, $4, $5, 12900, 'CNY')`,
      [id, t.accountId, contactId, number, status],
    );
    return id;
  }

  const botSaid = (v: Visitor) => v.messages.filter((m) => m.from === 'bot').map((m) => m.body);
  const botMessages = (conversationId: string) =>
    countRows(t, "SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1 AND sender_type = 'bot'", [conversationId]);
  const eventCount = () => countRows(t, 'SELECT count(*)::int AS n FROM order_events');
  const ruleFor = async (status: string) => {
    const rules = (await api('GET', '/api/bot/rules', t.adminToken)).json as { rules: BotRule[] };
    return rules.rules.find((r) => r.kind === 'order_status' && r.pattern === status)!;
  };

  beforeAll(async () => {
    graph = await startRecordingServer();
    let wamids = 0;
    graph.answer((r) => (r.method === 'POST' && r.path.endsWith('/messages') ? { json: waSent(`wamid.ORDER${++wamids}`) } : undefined));
    t = await startChannelServer({}, target);
    supervisorToken = (await login(url(), 'supervisor@demo.test', 'demo-supervisor')).accessToken;
    whatsapp = await createChannel(t, {
      kind: 'whatsapp', name: 'WhatsApp', config: { phoneNumberId: WA_PHONE_NUMBER_ID, apiBaseUrl: `${graph.url}/v21.0` },
      secrets: { appSecret: 'wa-app-secret', verifyToken: 'wa-verify', accessToken: 'wa-access' },
    });
    const made = await api('POST', '/api/admin/order-events/secret', t.adminToken);
    expect(made.status).toBe(200);
    secret = (made.json as { secret: string }).secret;
  });

  afterAll(async () => {
    closeAllSockets();
    await t?.close();
    await graph?.close();
  });

  it('lets only admins make the signing secret, shown once and audited', async () => {
    expect(secret.length).toBeGreaterThanOrEqual(40);
    expect((await api('GET', '/api/admin/order-events', t.adminToken)).json).toEqual({ accountId: t.accountId, hasSecret: true });
    expect((await api('POST', '/api/admin/order-events/secret', t.agentToken)).status).toBe(403);
    expect((await api('GET', '/api/admin/order-events', supervisorToken)).status).toBe(403);
    expect(await countRows(t, "SELECT count(*)::int AS n FROM audit_log WHERE action = 'order_events.secret_rotated'")).toBe(1);
  });

  it('an admin ships a built-in order: the widget customer gets the bot’s message in English, stored as a bot turn that says why', async () => {
    const lena = await visitor('Lena', 'Hi, when will my order arrive?');
    const orderId = await order(lena.contactId, 'SO-20001');
    const changed = await api('POST', `/api/orders/${orderId}/status`, t.adminToken, { status: 'shipped' });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({
      order: { id: orderId, number: 'SO-20001', status: 'shipped', previousStatus: 'paid' }, changed: true,
      event: { duplicate: false, outcome: 'replied', conversationId: lena.conversationId },
    });
    await waitFor(() => botSaid(lena).length > 0, 'the customer to hear from the bot');
    expect(botSaid(lena)).toEqual([SHIPPED_EN('Lena', 'SO-20001')]);

    // The agents' side: the same message in the thread, sent by the bot.
    const thread = await threadOf(t.admin, lena.conversationId);
    expect(thread.at(-1)).toMatchObject({ senderType: 'bot', body: SHIPPED_EN('Lena', 'SO-20001') });
    // The store holds the new status; the change is audited with who made it.
    expect((await t.server.db.query<{ status: string }>('SELECT status FROM orders WHERE id = $1', [orderId]))[0]!.status).toBe('shipped');
    const [audit] = await t.server.db.query<{ actor_id: string; details: Record<string, unknown> }>(
      "SELECT actor_id, details FROM audit_log WHERE action = 'order.status_change' AND target_id = $1",
      [orderId],
    );
    expect(audit).toMatchObject({ actor_id: t.adminId, details: { number: 'SO-20001', from: 'paid', to: 'shipped', via: 'admin' } });

    // Admins see why the bot wrote: the rule and the event, in the customer's language.
    const turns = (await api('GET', `/api/bot/turns?conversationId=${lena.conversationId}`, t.adminToken)).json as { turns: BotTurn[] };
    expect(turns.turns).toHaveLength(1);
    expect(turns.turns[0]).toMatchObject({
      action: 'rule', via: 'rule', ruleId: (await ruleFor('shipped')).id, messageId: null, lang: 'en',
      orderEvent: { source: 'store', orderNumber: 'SO-20001', status: 'shipped' },
    });
  });

  it('writes to a Chinese-speaking customer in Chinese, and the same status again changes nothing', async () => {
    const wei = await visitor('王伟', '你好，我的订单什么时候发货？');
    const orderId = await order(wei.contactId, 'SO-20002');
    expect((await api('POST', `/api/orders/${orderId}/status`, t.adminToken, { status: 'Shipped' })).json).toMatchObject({ event: { outcome: 'replied' } });
    await waitFor(() => botSaid(wei).length > 0, 'the Chinese reply');
    expect(botSaid(wei)).toEqual([SHIPPED_ZH('王伟', 'SO-20002')]);

    const again = await api('POST', `/api/orders/${orderId}/status`, t.adminToken, { status: 'shipped' });
    expect(again.json).toMatchObject({ changed: false, event: null, order: { status: 'Shipped' } });
    await pushesFlushed(wei.socket);
    expect(botSaid(wei)).toHaveLength(1);
  });

  it('refuses agents and supervisors (403) and anyone signed out (401), changing nothing', async () => {
    const sam = await visitor('Sam', 'Where is my parcel?');
    const orderId = await order(sam.contactId, 'SO-20003');
    const events = await eventCount();
    expect(await api('POST', `/api/orders/${orderId}/status`, t.agentToken, { status: 'shipped' })).toMatchObject({ status: 403, json: { code: 'forbidden' } });
    expect((await api('POST', `/api/orders/${orderId}/status`, supervisorToken, { status: 'shipped' })).status).toBe(403);
    expect((await api('POST', `/api/orders/${orderId}/status`, null, { status: 'shipped' })).status).toBe(401);
    expect((await api('POST', `/api/orders/${orderId}/status`, t.adminToken, { status: '' })).status).toBe(400);
    expect((await api('POST', '/api/orders/no-such-order/status', t.adminToken, { status: 'shipped' })).status).toBe(404);
    expect((await t.server.db.query<{ status: string }>('SELECT status FROM orders WHERE id = $1', [orderId]))[0]!.status).toBe('paid');
    expect(await eventCount()).toBe(events);
    await pushesFlushed(sam.socket);
    expect(botSaid(sam)).toEqual([]);
  });

  it('takes a status change signed by the shop’s system, once per event id', async () => {
    const mia = await visitor('Mia', 'Has my order shipped yet?');
    const orderId = await order(mia.contactId, 'SO-20004');
    const first = await signed(`/api/orders/${orderId}/status`, { status: 'shipped', eventId: 'erp-1' });
    expect(first).toMatchObject({ status: 200, json: { changed: true, event: { outcome: 'replied', duplicate: false } } });
    const again = await signed(`/api/orders/${orderId}/status`, { status: 'shipped', eventId: 'erp-1' });
    expect(again).toMatchObject({ status: 200, json: { changed: false, event: { duplicate: true } } });
    expect((await signed(`/api/orders/${orderId}/status`, { status: 'delivered' }, { secret: 'guess' })).status).toBe(401);
    await waitFor(() => botSaid(mia).length > 0, 'the reply to the first event');
    await pushesFlushed(mia.socket);
    expect(botSaid(mia)).toEqual([SHIPPED_EN('Mia', 'SO-20004')]);
    const [audit] = await t.server.db.query<{ actor_id: string | null; details: Record<string, unknown> }>(
      "SELECT actor_id, details FROM audit_log WHERE action = 'order.status_change' AND target_id = $1",
      [orderId],
    );
    expect(audit).toMatchObject({ actor_id: null, details: { via: 'signed_request' } });
  });

  it('a shop’s signed event reaches a WhatsApp customer through the Graph API, and a redelivery is stored once', async () => {
    const inbound = await http(`${url()}/webhooks/whatsapp/${whatsapp.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(JSON.stringify(waText('wamid.IN1', 'Is my order on its way?')), 'wa-app-secret') },
      body: JSON.stringify(waText('wamid.IN1', 'Is my order on its way?')),
    });
    expect(inbound.status).toBe(200);
    await webhooksProcessed(t.server);
    const [conversation] = await t.server.db.query<{ conversation_id: string }>('SELECT conversation_id FROM messages WHERE client_id = $1', [
      `ch:${whatsapp.id}:wamid.IN1`,
    ]);
    const conversationId = conversation!.conversation_id;
    graph.clear();

    const event = { eventId: 'shop-evt-1', orderId: 'A-991', orderNumber: 'SHOP-991', status: 'delivered', contact: { phone: `+${WA_CUSTOMER}` }, carrier: 'UPS' };
    const first = await signed('/api/orders/events', event);
    expect(first).toMatchObject({ status: 201, json: { duplicate: false, outcome: 'replied', conversationId } });
    const sent = await graph.waitFor((r) => r.method === 'POST' && r.path.endsWith('/messages'), 'the Graph API send');
    expect(sent.json).toMatchObject({ to: WA_CUSTOMER, type: 'text', text: { body: DELIVERED_EN('Sheena Nelson', 'SHOP-991') } });

    const redelivered = await signed('/api/orders/events', event);
    expect(redelivered).toMatchObject({ status: 200, json: { duplicate: true, outcome: 'replied', id: (first.json as { id: string }).id } });
    await deliveriesDrained(t.server);
    expect(await botMessages(conversationId)).toBe(1);
    expect(graph.to('/v21.0').filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(await countRows(t, "SELECT count(*)::int AS n FROM order_events WHERE external_id = 'shop-evt-1'")).toBe(1);
  });

  it('answers a bad signature with 401 and stores nothing', async () => {
    const ana = await visitor('Ana', 'Any news on my order?');
    await t.server.db.query('UPDATE contacts SET email = $2 WHERE id = $1', [ana.contactId, 'ana@example.com']);
    const event = { eventId: 'shop-evt-bad', orderNumber: 'SHOP-1', status: 'shipped', contact: { email: 'ana@example.com' } };
    const events = await eventCount();
    const messages = await countRows(t, 'SELECT count(*)::int AS n FROM messages');
    expect(await signed('/api/orders/events', event, { secret: 'not-the-secret' })).toMatchObject({ status: 401, json: { code: 'unauthorized' } });
    expect((await signed('/api/orders/events', event, { signature: null })).status).toBe(401);
    expect((await signed('/api/orders/events', event, { account: randomUUID() })).status).toBe(401);
    expect((await signed('/api/orders/events', event, { timestamp: String(Math.floor(Date.now() / 1000) - 3600) })).status).toBe(401);
    const tampered = orderEventSignature(secret, String(Math.floor(Date.now() / 1000)), JSON.stringify({ ...event, status: 'refunded' }));
    expect((await signed('/api/orders/events', event, { signature: tampered })).status).toBe(401);
    expect(await eventCount()).toBe(events);
    expect(await countRows(t, 'SELECT count(*)::int AS n FROM messages')).toBe(messages);
    await pushesFlushed(ana.socket);
    expect(botSaid(ana)).toEqual([]);
    expect(t.logs.some((l) => l.includes('order request with a bad signature refused'))).toBe(true);

    // The same event, signed properly, goes through (matched by email).
    expect(await signed('/api/orders/events', event)).toMatchObject({ status: 201, json: { outcome: 'replied' } });
    await waitFor(() => botSaid(ana).length > 0, 'the reply after a good signature');
    expect(botSaid(ana)).toEqual([SHIPPED_EN('Ana', 'SHOP-1')]);
  });

  it('answers a malformed body with 400 saying what is wrong, storing nothing', async () => {
    const events = await eventCount();
    expect(await signed('/api/orders/events', 'not json')).toMatchObject({ status: 400, json: { code: 'bad_request' } });
    const noContact = await signed('/api/orders/events', { eventId: 'x', orderNumber: 'S-1', status: 'shipped', contact: {} });
    expect(noContact).toMatchObject({ status: 400 });
    expect((noContact.json as { message: string }).message).toMatch(/externalId, phone or email/);
    expect((await signed('/api/orders/events', { eventId: 'x', status: 'shipped', contact: { email: 'a@b.co' } })).status).toBe(400);
    expect((await signed('/api/orders/events', { orderNumber: 'S-1', status: 'shipped', contact: { email: 'a@b.co' } })).status).toBe(400);
    expect(await eventCount()).toBe(events);
    expect(t.logs.some((l) => l.includes('malformed order request refused'))).toBe(true);
  });

  it('sends nothing for a status whose reply an admin turned off, or for a customer nobody knows', async () => {
    const kim = await visitor('Kim', 'Hello, is my order delivered?');
    await t.server.db.query('UPDATE contacts SET phone = $2 WHERE id = $1', [kim.contactId, '+44 20 7946 0000']);
    const delivered = await ruleFor('delivered');
    const off = await api('PUT', `/api/bot/rules/${delivered.id}`, t.adminToken, {
      kind: 'order_status', pattern: 'delivered', replyZh: delivered.replyZh, replyEn: delivered.replyEn, enabled: false,
    });
    expect(off.status).toBe(200);

    const answer = await signed('/api/orders/events', { eventId: 'shop-evt-off', orderNumber: 'SHOP-2', status: 'delivered', contact: { phone: '442079460000' } });
    expect(answer).toMatchObject({ status: 201, json: { outcome: 'no_rule', messageId: null } });
    const refunded = await signed('/api/orders/events', { eventId: 'shop-evt-refund', orderNumber: 'SHOP-2', status: 'refunded', contact: { phone: '442079460000' } });
    expect(refunded.json).toMatchObject({ outcome: 'no_rule' });
    const stranger = await signed('/api/orders/events', { eventId: 'shop-evt-who', orderNumber: 'SHOP-3', status: 'shipped', contact: { externalId: 'nobody' } });
    expect(stranger).toMatchObject({ status: 201, json: { outcome: 'no_contact' } });
    await pushesFlushed(kim.socket);
    expect(botSaid(kim)).toEqual([]);
    expect(await botMessages(kim.conversationId)).toBe(0);

    // Turned back on, the next event is answered.
    await api('PUT', `/api/bot/rules/${delivered.id}`, t.adminToken, {
      kind: 'order_status', pattern: 'delivered', replyZh: delivered.replyZh, replyEn: delivered.replyEn, enabled: true,
    });
    expect((await signed('/api/orders/events', { eventId: 'shop-evt-on', orderNumber: 'SHOP-2', status: 'delivered', contact: { phone: '442079460000' } })).json)
      .toMatchObject({ outcome: 'replied' });
    await waitFor(() => botSaid(kim).length > 0, 'the reply once the rule is on');
    expect(botSaid(kim)).toEqual([DELIVERED_EN('Kim', 'SHOP-2')]);
  });

  it('writes into a resolved conversation without reopening it', async () => {
    const ola = await visitor('Ola', 'Thanks, that is all for now.');
    await t.server.db.query("UPDATE conversations SET status = 'resolved' WHERE id = $1", [ola.conversationId]);
    const orderId = await order(ola.contactId, 'SO-20005');
    expect((await api('POST', `/api/orders/${orderId}/status`, t.adminToken, { status: 'shipped' })).json).toMatchObject({
      event: { outcome: 'replied', conversationId: ola.conversationId },
    });
    await waitFor(() => botSaid(ola).length > 0, 'the reply on a resolved conversation');
    const [row] = await t.server.db.query<{ status: string; last_message_sender_type: string }>(
      'SELECT status, last_message_sender_type FROM conversations WHERE id = $1',
      [ola.conversationId],
    );
    expect(row).toEqual({ status: 'resolved', last_message_sender_type: 'bot' });
  });

  it('refuses an order-status reply with a variable the bot cannot fill', async () => {
    const answer = await api('POST', '/api/bot/rules', t.adminToken, { kind: 'order_status', pattern: 'refunded', replyEn: 'Refund for {{order.total}} sent.' });
    expect(answer).toMatchObject({ status: 400, json: { code: 'bad_request' } });
    expect((answer.json as { message: string }).message).toContain('{{order.id}}');
  });
});
