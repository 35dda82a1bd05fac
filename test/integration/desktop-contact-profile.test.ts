import { randomUUID } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { FileSecrets } from '../../main/browser-host/file-settings';
import type { CustomerProfile } from '../../shared/contact-profile';
import { FieldCipher } from '../../main/core/cache/field-cipher';
import { SqliteDb } from '../../main/core/cache/sqlite';
import { cacheFile } from '../../main/core/workspace';
import { startServer, type RunningServer } from '../../server/app';
import { signVisitorIdentity } from '../../server/channels/widget/visitor-identity';
import type { ChannelView } from '../../shared/channels';
import { startCore, type TestCore } from '../support/core-harness';
import { databaseTargets } from '../support/databases';
import { closeAllSockets, connectVisitor, login, request } from '../support/server-fixture';
import { TcpProxy } from '../support/tcp-proxy';
import { waitUntil } from '../support/wait';

const IDENTITY_SECRET = 'desktop-profile-secret';
/** 张伟 of the demo shop (orders SO-10001 and SO-10002). */
const ZHANG_PHONE = '+86 138 0013 8000';
const CLEAR_VALUES = ['0013 8000', '8613800138000', 'zhang.wei@', '世纪大道'];

const targets = await databaseTargets();

// The profile panel's contract (contacts.profile, setTags, addNote, unmask) through the real client core and server.
describe.each(targets)('the customer profile through the desktop core, on $label', (target) => {
  let server: RunningServer;
  let drop = async () => {};
  const cores: TestCore[] = [];
  const proxies: TcpProxy[] = [];
  let zhang = { contactId: '', conversationId: '' };

  async function desktop(email: string, password: string, serverUrl = server.url): Promise<TestCore> {
    const core = startCore();
    cores.push(core);
    await core.call('session.login', { serverUrl, email, password });
    await core.waitForStatus('online');
    return core;
  }

  /** What the desktop's cache holds on disk (database and write-ahead log), as text. */
  function cacheBytes(core: TestCore, userId: string): string {
    const file = cacheFile(core.dataDir, userId);
    return [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('utf8')).join('\n');
  }

  beforeAll(async () => {
    const db = await target.open();
    drop = db.drop;
    server = await startServer({ port: 0, seed: 'if-empty', routingSweepMs: 60_000, ...db.options });
    console.log(`database: ${db.describe}`);
    const admin = await login(server.url, 'admin@demo.test', 'demo-admin');
    const auth = { authorization: `Bearer ${admin.accessToken}`, 'content-type': 'application/json' };
    const { channels } = (await (await fetch(`${server.url}/api/channels`, { headers: auth })).json()) as { channels: ChannelView[] };
    const widgetId = channels.find((c) => c.kind === 'widget')!.id;
    const patched = await fetch(`${server.url}/api/channels/${widgetId}`, { method: 'PATCH', headers: auth, body: JSON.stringify({ secrets: { identitySecret: IDENTITY_SECRET } }) });
    expect(patched.status).toBe(200);
    const identity = signVisitorIdentity(IDENTITY_SECRET, { phone: ZHANG_PHONE, expires: Math.floor(Date.now() / 1000) + 600 });
    const { socket, session } = await connectVisitor(server.url, { channelId: widgetId, identity });
    const sent = await request(socket, 'visitor:send', { clientId: randomUUID(), body: '我的耳机什么时候到？' });
    expect(sent.ok).toBe(true);
    const [conversation] = await server.db.query<{ id: string }>('SELECT id FROM conversations WHERE contact_id = $1', [session.contactId]);
    zhang = { contactId: session.contactId, conversationId: conversation!.id };
  });

  afterAll(async () => {
    closeAllSockets();
    for (const core of cores) await core.core.dispose();
    for (const proxy of proxies) await proxy.close();
    await server?.close();
    await drop();
  });

  it('gives an agent the masked profile with orders, and the quick-reply values masked too', async () => {
    const wang = await desktop('wang.fang@demo.test', 'demo-agent');
    await waitUntil(async () => (await wang.call('conversations.list', {})).some((c) => c.id === zhang.conversationId), 'the conversation on the desktop');
    const { profile, stale } = await wang.call('contacts.profile', { contactId: zhang.contactId });
    expect(stale).toBe(false);
    expect(profile).toMatchObject({ masked: true, contact: { name: '张伟', phone: '+861****8000', email: 'z***@example.cn' } });
    expect(profile.orders.status === 'ok' && profile.orders.orders.map((o) => o.number)).toEqual(['SO-10002', 'SO-10001']);
    expect(profile.lifetimeSpend).toEqual([{ currency: 'CNY', totalCents: 175700 }]);
    expect(profile.conversations.map((c) => [c.id, c.readable])).toEqual([[zhang.conversationId, true]]);
    // {{contact.phone}} and {{contact.email}} are filled from the cached contact: masked.
    expect(await waitUntil(async () => (await wang.call('contacts.get', { contactId: zhang.contactId })) ?? undefined, 'the cached contact')).toMatchObject({
      phone: '+861****8000', email: 'z***@example.cn',
    });
  });

  it('carries a tag change to every desktop and a note into the profile', async () => {
    const wang = await desktop('wang.fang@demo.test', 'demo-agent');
    const li = await desktop('li.lei@demo.test', 'demo-agent');
    const supervisor = await desktop('supervisor@demo.test', 'demo-supervisor');
    const contact = await wang.call('contacts.setTags', { contactId: zhang.contactId, group: 'need', tags: ['物流查询'] });
    expect(contact.tagGroups?.need).toEqual(['物流查询']);
    expect(contact.tags).toContain('物流查询');

    const heard = (core: TestCore) => () => core.eventsOf('contact.updated').find((c) => c.id === zhang.contactId && c.tags.includes('物流查询'));
    expect(await waitUntil(heard(li), 'the change on 李雷’s desktop')).toMatchObject({ phone: '+861****8000' });
    expect(await waitUntil(heard(supervisor), 'the change on the supervisor’s desktop')).toMatchObject({ phone: ZHANG_PHONE });
    // The inbox labels follow the tags.
    await waitUntil(async () => (await li.call('conversations.list', {})).find((c) => c.id === zhang.conversationId)?.labels.includes('物流查询'), 'the new label');

    const note = await wang.call('contacts.addNote', { contactId: zhang.contactId, body: '耳机缺货，已承诺周五前发出' });
    expect(note).toMatchObject({ authorName: '王芳', body: '耳机缺货，已承诺周五前发出' });
    expect((await li.call('contacts.profile', { contactId: zhang.contactId })).profile.notes[0]?.id).toBe(note.id);
  });

  it('reveals a value for the open conversation without ever writing a clear value to the disk', async () => {
    const wang = await desktop('wang.fang@demo.test', 'demo-agent');
    const supervisor = await desktop('supervisor@demo.test', 'demo-supervisor');
    await wang.call('contacts.profile', { contactId: zhang.contactId });
    const phone = await wang.call('contacts.unmask', { contactId: zhang.contactId, conversationId: zhang.conversationId, field: 'phone' });
    expect(phone.value).toBe(ZHANG_PHONE);
    const address = await wang.call('contacts.unmask', { contactId: zhang.contactId, conversationId: zhang.conversationId, field: 'address' });
    expect(address.addresses[0]?.shippingAddress.line1).toBe('世纪大道 100 号 2 栋 1201 室');
    const wangId = (await wang.call('session.get', {})).user!.id;
    const onDisk = cacheBytes(wang, wangId);
    // Masked and sealed: not even the name reads off the disk.
    for (const clear of [...CLEAR_VALUES, '张伟']) expect(onDisk).not.toContain(clear);

    // A supervisor sees clear values, but the profile kept for offline use is masked.
    const clear = await supervisor.call('contacts.profile', { contactId: zhang.contactId });
    expect(clear.profile).toMatchObject({ masked: false, contact: { phone: ZHANG_PHONE } });
    const supervisorId = (await supervisor.call('session.get', {})).user!.id;
    const db = await SqliteDb.open(cacheFile(supervisor.dataDir, supervisorId));
    try {
      const [row] = await db.all<{ data: string }>('SELECT data FROM contact_profiles WHERE contact_id = ?', [zhang.contactId]);
      // Opened with the supervisor's own cache key, the stored profile is the masked one.
      const cipher = FieldCipher.fromSecrets(new FileSecrets(join(supervisor.dataDir, 'secrets.json')));
      const stored = JSON.stringify(cipher.open<CustomerProfile>(JSON.parse(row!.data)));
      expect(stored).toContain('+861****8000');
      for (const value of CLEAR_VALUES) expect(stored).not.toContain(value);
    } finally {
      await db.close();
    }
    const audited = await server.db.query<{ actor_id: string; details: { field: string } }>("SELECT actor_id, details FROM audit_log WHERE action = 'contact.unmask'");
    expect(audited.filter((a) => a.actor_id === wangId).map((a) => a.details.field)).toEqual(['phone', 'address']);
  });

  it('offline: shows the last profile loaded, marked stale, and refuses edits with the offline error', async () => {
    const proxy = await TcpProxy.start(server.port);
    proxies.push(proxy);
    const wang = await desktop('wang.fang@demo.test', 'demo-agent', proxy.url);
    const online = await wang.call('contacts.profile', { contactId: zhang.contactId });
    proxy.cut();
    await wang.waitForStatus('offline');

    const offline = await wang.call('contacts.profile', { contactId: zhang.contactId });
    expect(offline.stale).toBe(true);
    expect(offline.savedAt).toBe(online.savedAt);
    expect(offline.profile).toMatchObject({ masked: true, contact: { phone: '+861****8000', tags: online.profile.contact.tags } });
    expect(offline.profile.orders).toEqual(online.profile.orders);
    for (const [method, args] of [
      ['contacts.setTags', { contactId: zhang.contactId, group: 'basic', tags: ['vip'] }],
      ['contacts.addNote', { contactId: zhang.contactId, body: 'written offline' }],
      ['contacts.unmask', { contactId: zhang.contactId, conversationId: zhang.conversationId, field: 'email' }],
    ] as const) {
      expect(await wang.invoke(method, args as never)).toMatchObject({ ok: false, error: { code: 'offline' } });
    }
    // A customer never loaded on this computer: nothing to show offline.
    expect(await wang.invoke('contacts.profile', { contactId: 'never-loaded' })).toMatchObject({ ok: false, error: { code: 'offline' } });

    proxy.restore();
    await wang.waitForStatus('online', 30_000);
    expect((await wang.call('contacts.profile', { contactId: zhang.contactId })).stale).toBe(false);
  });
});
