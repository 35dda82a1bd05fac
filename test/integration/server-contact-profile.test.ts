import { randomUUID } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signVisitorIdentity } from '../../server/channels/widget/visitor-identity';
import { unmaskContact } from '../../server/domain/contacts/contact-unmask';
import { ordersFor } from '../../server/domain/orders/orders-connector';
import type { ContactNote, CustomerProfile, PiiReveal } from '../../shared/contact-profile';
import type { Contact, Conversation } from '../../shared/domain';
import type { Result } from '../../shared/errors';
import { bearer, data, http, reply, signWidgetVisitorsWith, startChannelServer, type ChannelTestServer } from '../support/channels';
import { databaseTargets } from '../support/databases';
import { startRecordingServer, type RecordedAnswer, type RecordingServer } from '../support/recording-server';
import { closeAllSockets, connectAgent, connectVisitor, login, record, request, waitFor } from '../support/server-fixture';

const IDENTITY_SECRET = 'profile-identity-secret';
/** 张伟 of the demo shop: two orders (SO-10001 delivered, SO-10002 shipped), tags vip and 回头客. */
const ZHANG_PHONE = '+86 138 0013 8000';

const signIdentity = (phone: string) => signVisitorIdentity(IDENTITY_SECRET, { phone, expires: Math.floor(Date.now() / 1000) + 600 });

const targets = await databaseTargets();

describe.each(targets)('the customer profile on $label', (target) => {
  let t: ChannelTestServer;
  let shop: RecordingServer;
  let li: Socket;
  let supervisor: Socket;
  let widgetId = '';
  let zhang = { contactId: '', conversationId: '', visitorId: '' };

  const ask = async <T>(socket: Socket, name: string, payload: unknown): Promise<T> => data(await request<T>(socket, name, payload));
  const profileOf = async (socket: Socket, contactId = zhang.contactId) =>
    (await ask<{ profile: CustomerProfile }>(socket, 'contacts:profile', { contactId })).profile;
  const audit = (action: string) =>
    t.server.db.query<{ actor_id: string | null; target_id: string; details: Record<string, unknown> }>(
      'SELECT actor_id, target_id, details FROM audit_log WHERE action = $1 ORDER BY id', [action],
    );
  const setConnector = (body: unknown, token = t.adminToken) =>
    http(`${t.server.url}/api/admin/orders-connector`, { method: 'PUT', headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    shop = await startRecordingServer();
    t = await startChannelServer({}, target);
    li = await connectAgent(t.server.url, (await login(t.server.url, 'li.lei@demo.test', 'demo-agent')).accessToken);
    supervisor = await connectAgent(t.server.url, (await login(t.server.url, 'supervisor@demo.test', 'demo-supervisor')).accessToken);
    await request(li, 'presence:set', { presence: 'away' });
    widgetId = await signWidgetVisitorsWith(t, IDENTITY_SECRET);

    // 张伟 opens the shop's chat signed in there: the visitor joins the demo contact with his phone.
    const { socket, session } = await connectVisitor(t.server.url, { channelId: widgetId, identity: signIdentity(ZHANG_PHONE) });
    data(await request(socket, 'visitor:send', { clientId: randomUUID(), body: '我的耳机到哪了？' }));
    const [conversation] = await t.server.db.query<{ id: string }>('SELECT id FROM conversations WHERE contact_id = $1', [session.contactId]);
    const [identity] = await t.server.db.query<{ external_id: string }>('SELECT external_id FROM contact_identities WHERE contact_id = $1', [session.contactId]);
    zhang = { contactId: session.contactId, conversationId: conversation!.id, visitorId: identity!.external_id };
    expect(await t.server.db.query('SELECT name FROM contacts WHERE id = $1', [zhang.contactId])).toEqual([{ name: '张伟' }]);
  });

  afterAll(async () => {
    closeAllSockets();
    await t?.close();
    await shop?.close();
  });

  it('shows identities, orders with items, lifetime spend, tags and conversations; phones, emails and addresses masked for agents only', async () => {
    const forAgent = await profileOf(t.agent);
    expect(forAgent.masked).toBe(true);
    expect(forAgent.contact).toMatchObject({ name: '张伟', phone: '+861****8000', email: 'z***@example.cn', vipLevel: 2, tags: ['vip', '回头客'] });
    expect(forAgent.contact.tagGroups).toEqual({ basic: ['vip', '回头客'], behaviour: [], need: [] });
    expect(forAgent.identities).toEqual([expect.objectContaining({ channelKind: 'widget', externalId: zhang.visitorId, phone: '861****8000' })]);
    expect(forAgent.conversations).toEqual([expect.objectContaining({ id: zhang.conversationId, readable: true })]);
    if (forAgent.orders.status !== 'ok') throw new Error('orders unavailable');
    expect(forAgent.orders.source).toBe('store');
    expect(forAgent.orders.orders.map((o) => [o.number, o.status])).toEqual([['SO-10002', 'shipped'], ['SO-10001', 'delivered']]);
    for (const order of forAgent.orders.orders) {
      expect(order.items.reduce((sum, i) => sum + i.quantity * i.unitPriceCents, 0)).toBe(order.totalCents);
      expect(order.shippingAddress).toMatchObject({ recipient: '张***', line1: '***', city: '上海', postalCode: '***', phone: '+861****8000' });
    }
    expect(forAgent.lifetimeSpend).toEqual([{ currency: 'CNY', totalCents: 129900 + 45800 }]);

    const forSupervisor = await profileOf(supervisor);
    expect(forSupervisor.masked).toBe(false);
    expect(forSupervisor.contact).toMatchObject({ phone: ZHANG_PHONE, email: 'zhang.wei@example.cn' });
    expect(forSupervisor.identities[0]?.phone).toBe('8613800138000');
    expect(forSupervisor.orders.status === 'ok' && forSupervisor.orders.orders[0]?.shippingAddress?.line1).toBe('世纪大道 100 号 2 栋 1201 室');

    // The REST profile is the same, masked the same way.
    const rest = await http(`${t.server.url}/api/contacts/${zhang.contactId}`, { headers: bearer(t.agentToken) });
    expect(rest.status).toBe(200);
    expect((rest.json as CustomerProfile).contact.phone).toBe('+861****8000');
  });

  it('masks contacts everywhere they reach an agent: contacts:get and sync pages (so quick-reply variables too)', async () => {
    const got = await ask<{ contacts: Contact[] }>(t.agent, 'contacts:get', { ids: [zhang.contactId] });
    expect(got.contacts).toEqual([expect.objectContaining({ phone: '+861****8000', email: 'z***@example.cn' })]);
    const page = await ask<{ contacts: Contact[] }>(t.agent, 'sync:changes', { after: 0, limit: 5000 });
    const synced = page.contacts.find((c) => c.id === zhang.contactId);
    expect(synced).toMatchObject({ phone: '+861****8000', email: 'z***@example.cn' });
    expect(JSON.stringify(page)).not.toContain('13800138000');
    expect(JSON.stringify(page)).not.toContain('zhang.wei@');
    const forAdmin = await ask<{ contacts: Contact[] }>(t.admin, 'contacts:get', { ids: [zhang.contactId] });
    expect(forAdmin.contacts[0]).toMatchObject({ phone: ZHANG_PHONE, email: 'zhang.wei@example.cn' });
  });

  it('lets an agent edit a tag group; every desktop that may see the customer hears it, masked for agents', async () => {
    const toWang = record<Contact>(t.agent, 'contact:updated');
    const toLi = record<Contact>(li, 'contact:updated');
    const toAdmin = record<Contact>(t.admin, 'contact:updated');
    const { contact } = await ask<{ contact: Contact }>(t.agent, 'contacts:tags:set', {
      contactId: zhang.contactId, group: 'behaviour', tags: ['night owl', ' Night Owl ', '夜间下单'],
    });
    expect(contact.tagGroups).toEqual({ basic: ['vip', '回头客'], behaviour: ['night owl', '夜间下单'], need: [] });
    expect(contact.tags).toEqual(['vip', '回头客', 'night owl', '夜间下单']);
    expect(contact.phone).toBe('+861****8000');

    await waitFor(() => toWang.length > 0 && toLi.length > 0 && toAdmin.length > 0, 'the contact pushed to every desktop');
    expect(toWang.at(-1)).toMatchObject({ id: zhang.contactId, phone: '+861****8000', tags: contact.tags });
    expect(toLi.at(-1)).toMatchObject({ phone: '+861****8000', email: 'z***@example.cn' });
    expect(toAdmin.at(-1)).toMatchObject({ phone: ZHANG_PHONE, tags: contact.tags });
    expect((await audit('contact.tags')).at(-1)).toMatchObject({
      actor_id: t.agentId, target_id: zhang.contactId, details: { group: 'behaviour', before: [], after: ['night owl', '夜间下单'] },
    });
    // Basic tags are edited the same way; the flat list (inbox labels, {{contact.tags}}) follows.
    await ask(t.agent, 'contacts:tags:set', { contactId: zhang.contactId, group: 'basic', tags: ['vip'] });
    expect((await profileOf(supervisor)).contact.tags).toEqual(['vip', 'night owl', '夜间下单']);

    const blank = await request(t.agent, 'contacts:tags:set', { contactId: zhang.contactId, group: 'need', tags: ['  '] });
    expect(blank).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const badGroup = await request(t.agent, 'contacts:tags:set', { contactId: zhang.contactId, group: 'mood', tags: ['x'] });
    expect(badGroup).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('keeps notes on the customer with author and time, newest first', async () => {
    const first = await ask<{ note: ContactNote }>(t.agent, 'contacts:note:add', { contactId: zhang.contactId, body: '  Prefers calls after 6pm  ' });
    expect(first.note).toMatchObject({ contactId: zhang.contactId, authorId: t.agentId, authorName: '王芳', body: 'Prefers calls after 6pm' });
    // Notes are ordered by the database's time: the second is added once that time has moved on.
    await waitFor(
      async () => (await t.server.db.query<{ later: boolean }>('SELECT now() > created_at AS later FROM contact_notes WHERE id = $1', [first.note.id]))[0]?.later,
      'the database clock to pass the first note',
    );
    const rest = await http(`${t.server.url}/api/contacts/${zhang.contactId}/notes`, {
      method: 'POST', headers: { ...bearer(t.adminToken), 'content-type': 'application/json' }, body: JSON.stringify({ body: '老客户，发货前先电话确认' }),
    });
    expect(rest.status).toBe(200);
    const notes = (await profileOf(li)).notes;
    expect(notes.map((n) => n.body)).toEqual(['老客户，发货前先电话确认', 'Prefers calls after 6pm']);
    expect(Date.parse(notes[0]!.createdAt)).toBeGreaterThanOrEqual(Date.parse(notes[1]!.createdAt));
    expect(await request(t.agent, 'contacts:note:add', { contactId: zhang.contactId, body: '   ' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('reveals a masked field to an agent for a conversation they can read, audited; refuses another conversation or role', async () => {
    const phone = await ask<{ reveal: PiiReveal }>(t.agent, 'contacts:unmask', { contactId: zhang.contactId, conversationId: zhang.conversationId, field: 'phone' });
    expect(phone.reveal).toMatchObject({ field: 'phone', value: ZHANG_PHONE, addresses: [] });
    expect(phone.reveal.identities).toEqual([expect.objectContaining({ externalId: null, phone: '8613800138000', email: null })]);
    const address = await ask<{ reveal: PiiReveal }>(t.agent, 'contacts:unmask', { contactId: zhang.contactId, conversationId: zhang.conversationId, field: 'address' });
    expect(address.reveal.addresses).toHaveLength(2);
    expect(address.reveal.addresses[0]?.shippingAddress).toMatchObject({ recipient: '张伟', line1: '世纪大道 100 号 2 栋 1201 室', postalCode: '200120' });
    const logged = await audit('contact.unmask');
    expect(logged.slice(-2)).toEqual([
      { actor_id: t.agentId, target_id: zhang.contactId, details: { field: 'phone', conversationId: zhang.conversationId } },
      { actor_id: t.agentId, target_id: zhang.contactId, details: { field: 'address', conversationId: zhang.conversationId } },
    ]);
    // The REST route answers the same, for the same people.
    const byRest = await http(`${t.server.url}/api/contacts/${zhang.contactId}/unmask`, {
      method: 'POST', headers: { ...bearer(t.agentToken), 'content-type': 'application/json' }, body: JSON.stringify({ field: 'email', conversationId: zhang.conversationId }),
    });
    expect(byRest).toMatchObject({ status: 200, json: { reveal: { value: 'zhang.wei@example.cn' } } });

    // Someone else's customer in the agent's own conversation: refused.
    const { socket: other } = await connectVisitor(t.server.url, { channelId: widgetId, name: 'Other Olga' });
    data(await request(other, 'visitor:send', { clientId: randomUUID(), body: 'hello' }));
    const olga = await waitFor(async () => (await ask<{ conversations: Conversation[] }>(t.agent, 'conversations:list', {})).conversations.find((c) => c.contactName === 'Other Olga'), 'Olga’s conversation');
    const wrongCustomer = await request(t.agent, 'contacts:unmask', { contactId: zhang.contactId, conversationId: olga.id, field: 'phone' });
    expect(wrongCustomer).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    // 李雷 takes 张伟's conversation: 王芳 may no longer read it, nor reveal, see or tag its customer.
    await reply(li, zhang.conversationId, '您好，我来帮您查一下物流');
    const notHers = await request(t.agent, 'contacts:unmask', { contactId: zhang.contactId, conversationId: zhang.conversationId, field: 'phone' });
    expect(notHers).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await request(t.agent, 'contacts:profile', { contactId: zhang.contactId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await request(t.agent, 'contacts:tags:set', { contactId: zhang.contactId, group: 'need', tags: ['x'] })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // A role without the right to reveal is refused even in its own conversation.
    const [liUser] = await t.server.db.query<{ id: string; account_id: string }>("SELECT id, account_id FROM users WHERE email = 'li.lei@demo.test'");
    await expect(
      unmaskContact(t.server.db, { id: liUser!.id, accountId: liUser!.account_id, role: 'agent' }, { contactId: zhang.contactId, conversationId: zhang.conversationId, field: 'phone' }, {
        access: { agent: 'masked', supervisor: 'clear', admin: 'clear', staff: 'masked' },
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    // Refusals reveal nothing and are not logged as reveals.
    expect(await audit('contact.unmask')).toHaveLength(logged.length + 1);
  });

  it('reads orders from the shop’s REST endpoint with the customer’s ids; a failing shop leaves the rest of the profile', async () => {
    expect((await setConnector({ kind: 'rest', url: `${shop.url}/switchboard/orders`, token: 'shop-token' }, t.agentToken)).status).toBe(403);
    expect((await setConnector({ kind: 'rest', url: 'ftp://shop.example/orders', token: 'x' })).status).toBe(400);
    expect((await setConnector({ kind: 'rest', url: `${shop.url}/switchboard/orders`, token: 'shop-token', timeoutMs: 400 })).status).toBe(200);
    const view = await http(`${t.server.url}/api/admin/orders-connector`, { headers: bearer(t.adminToken) });
    expect(view.json).toEqual({ kind: 'rest', url: `${shop.url}/switchboard/orders`, hasToken: true, timeoutMs: 400 });
    expect((await audit('settings.update')).at(-1)).toMatchObject({ actor_id: t.adminId, details: { kind: 'rest' } });
    expect(JSON.stringify(await audit('settings.update'))).not.toContain('shop-token');

    const answer = shop.answer((r) =>
      r.path === '/switchboard/orders'
        ? {
            json: {
              orders: [
                { id: 'shop-1', number: 'WEB-7', status: 'paid', totalCents: 9900, currency: 'cny', createdAt: '2026-05-01T10:00:00+08:00',
                  items: [{ name: '蓝牙音箱', quantity: 1, unitPriceCents: 9900 }],
                  shippingAddress: { recipient: '张伟', phone: '13800138000', line1: '世纪大道 100 号', city: '上海', country: 'CN' } },
                { id: 'shop-0', number: 'WEB-3', status: 'refunded', totalCents: 5000, currency: 'CNY', createdAt: '2026-04-01T10:00:00Z' },
              ],
            },
          }
        : undefined,
    );
    shop.clear();
    const fromShop = await profileOf(supervisor);
    const asked = shop.to('/switchboard/orders')[0]!;
    expect(asked.method).toBe('GET');
    expect(asked.headers.authorization).toBe('Bearer shop-token');
    expect(asked.query.get('contactId')).toBe(zhang.contactId);
    expect(asked.query.get('phone')).toBe(ZHANG_PHONE);
    expect(asked.query.get('email')).toBe('zhang.wei@example.cn');
    expect(asked.query.getAll('identity')).toEqual([`widget:${zhang.visitorId}`]);
    expect(fromShop.orders).toMatchObject({ status: 'ok', source: 'rest' });
    expect(fromShop.orders.status === 'ok' && fromShop.orders.orders.map((o) => o.number)).toEqual(['WEB-7', 'WEB-3']);
    expect(fromShop.lifetimeSpend).toEqual([{ currency: 'CNY', totalCents: 9900 }]);
    const forAgent = await profileOf(li);
    expect(forAgent.orders.status === 'ok' && forAgent.orders.orders[0]?.shippingAddress).toMatchObject({ line1: '***', phone: '138****8000' });
    // The bot's way in: the same orders by the contact's id.
    expect(await ordersFor(t.server.db, t.accountId, zhang.contactId)).toMatchObject({ status: 'ok', source: 'rest', orders: [{ number: 'WEB-7' }, { number: 'WEB-3' }] });
    answer();

    const cases: { answer: RecordedAnswer; reason: string; detail: RegExp }[] = [
      { answer: { status: 503, json: { error: 'maintenance' } }, reason: 'http_status', detail: /HTTP 503/ },
      { answer: { json: { orders: [{ id: 'x', number: 'x', status: 'paid', totalCents: 'lots', currency: 'CNY', createdAt: '2026-05-01T00:00:00Z' }] } }, reason: 'invalid_answer', detail: /totalCents/ },
      { answer: { text: '<html>login</html>' }, reason: 'invalid_answer', detail: /not JSON/ },
    ];
    for (const c of cases) {
      const stop = shop.answer(() => c.answer);
      const profile = await profileOf(supervisor);
      expect(profile.orders).toMatchObject({ status: 'unavailable', source: 'rest', reason: c.reason });
      expect(profile.orders.status === 'unavailable' && profile.orders.detail).toMatch(c.detail);
      // Everything else still shows.
      expect(profile.lifetimeSpend).toBeNull();
      expect(profile.notes).toHaveLength(2);
      expect(profile.identities).toHaveLength(1);
      stop();
    }

    const silent = await silentServer();
    try {
      await setConnector({ kind: 'rest', url: `${silent.url}/orders`, token: 'shop-token', timeoutMs: 400 });
      const started = Date.now();
      const slow = await profileOf(supervisor);
      expect(slow.orders).toMatchObject({ status: 'unavailable', reason: 'timeout' });
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await silent.close();
    }
    await setConnector({ kind: 'rest', url: silent.url, token: 'shop-token' });
    expect((await profileOf(supervisor)).orders).toMatchObject({ status: 'unavailable', reason: 'unreachable' });

    expect((await setConnector({ kind: 'store' })).json).toEqual({ kind: 'store', url: null, hasToken: false, timeoutMs: null });
    expect((await profileOf(supervisor)).orders).toMatchObject({ status: 'ok', source: 'store', orders: [{ number: 'SO-10002' }, { number: 'SO-10001' }] });
  });

  it('answers an unknown or foreign contact with not_found and an unsigned request with 401', async () => {
    expect(await request(supervisor, 'contacts:profile', { contactId: 'nobody' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await http(`${t.server.url}/api/contacts/${zhang.contactId}`)).status).toBe(401);
    const sent = await request<unknown>(supervisor, 'contacts:profile', {});
    expect((sent as Result<unknown>).ok).toBe(false);
  });
});

/** A server that accepts requests and never answers them (a shop that hangs). */
async function silentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server: HttpServer = createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
