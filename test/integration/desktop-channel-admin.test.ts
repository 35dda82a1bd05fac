import { describe, expect, it } from 'vitest';
import type { AuditEntryView } from '../../shared/domain';
import { http } from '../support/channels';
import type { TestCore } from '../support/core-harness';
import { databaseTargets } from '../support/databases';
import { desktopBedFor } from '../support/desktop-bed';
import { tgText } from '../support/platform-payloads';
import type { DemoPerson } from '../support/server-fixture';

const targets = await databaseTargets();

// The admin screen's channels through the real client core and the real server's REST admin API.
describe.each(targets)('channel administration through the desktop core on $label', (target) => {
  const bed = desktopBedFor(target);
  const cores = new Map<DemoPerson, Promise<TestCore>>();
  const signIn = (who: DemoPerson): Promise<TestCore> => {
    const existing = cores.get(who);
    if (existing) return existing;
    const core = bed.signIn(who);
    cores.set(who, core);
    return core;
  };
  const storedSecrets = async (id: string) =>
    (await bed.server.db.query<{ secrets: Record<string, string> }>('SELECT secrets FROM channels WHERE id = $1', [id]))[0]?.secrets;
  const auditOf = async (admin: TestCore, id: string): Promise<AuditEntryView[]> =>
    (await admin.call('audit.list', { query: id })).entries.filter((e) => e.targetType === 'channel' && e.targetId === id);

  it('an admin adds, changes, switches off and deletes a channel; every step is audited and no secret comes back', async () => {
    const admin = await signIn('admin');
    const before = await admin.call('channels.list', {});
    expect(before.map((c) => c.kind)).toContain('widget');

    const created = await admin.call('channels.save', {
      op: 'create',
      channel: {
        id: 'wa-desk', kind: 'whatsapp', name: 'WhatsApp', config: { phoneNumberId: '106540352242922' },
        secrets: { appSecret: 'desk-app-secret', verifyToken: 'desk-verify', accessToken: 'desk-access' },
      },
    });
    expect(created).toMatchObject({
      id: 'wa-desk', kind: 'whatsapp', enabled: true, source: 'admin', secretsSet: ['accessToken', 'appSecret', 'verifyToken'],
      webhooks: [
        { method: 'GET', path: '/webhooks/whatsapp/wa-desk' },
        { method: 'POST', path: '/webhooks/whatsapp/wa-desk' },
      ],
    });
    const listed = await admin.call('channels.list', {});
    expect(listed.map((c) => c.id)).toContain('wa-desk');
    expect(JSON.stringify([created, listed])).not.toMatch(/desk-app-secret|desk-access|desk-verify/);
    // The webhook URL the screen shows answers Meta's verification with the secret just saved.
    const verify = await http(`${bed.server.url}/webhooks/whatsapp/wa-desk?hub.mode=subscribe&hub.verify_token=desk-verify&hub.challenge=4242`);
    expect(verify).toMatchObject({ status: 200, text: '4242' });

    // A setting the kind cannot use is refused with the field it concerns; nothing is stored.
    const refused = await admin.invoke('channels.save', { op: 'create', channel: { id: 'wa-bad', kind: 'whatsapp', name: 'Bad', config: { apiBaseUrl: 'nope' } } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_request', details: { field: 'config.phoneNumberId' } } });
    const badUrl = await admin.invoke('channels.save', {
      op: 'update', id: 'wa-desk', changes: { config: { phoneNumberId: '106540352242922', apiBaseUrl: 'not a url' } },
    });
    expect(badUrl).toMatchObject({ ok: false, error: { code: 'bad_request', details: { field: 'config.apiBaseUrl' } } });
    expect(await admin.invoke('channels.save', { op: 'create', channel: { id: 'wa-desk', kind: 'telegram', name: 'Again' } }))
      .toMatchObject({ ok: false, error: { code: 'conflict' } });

    // Renamed and one secret replaced: the others stay as they were.
    const changed = await admin.call('channels.save', {
      op: 'update', id: 'wa-desk', changes: { name: 'WhatsApp Sales', secrets: { accessToken: 'rotated-access' } },
    });
    expect(changed).toMatchObject({ name: 'WhatsApp Sales', secretsSet: ['accessToken', 'appSecret', 'verifyToken'] });
    expect(await storedSecrets('wa-desk')).toEqual({ appSecret: 'desk-app-secret', verifyToken: 'desk-verify', accessToken: 'rotated-access' });

    const off = await admin.call('channels.save', { op: 'update', id: 'wa-desk', changes: { enabled: false } });
    expect(off.enabled).toBe(false);
    expect((await http(`${bed.server.url}/webhooks/whatsapp/wa-desk?hub.mode=subscribe&hub.verify_token=desk-verify&hub.challenge=1`)).status).toBe(404);

    expect(await admin.call('channels.delete', { id: 'wa-desk' })).toEqual({ deleted: true });
    expect((await admin.call('channels.list', {})).map((c) => c.id)).not.toContain('wa-desk');
    expect(await admin.invoke('channels.delete', { id: 'wa-desk' })).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const audit = await auditOf(admin, 'wa-desk');
    expect(audit.map((e) => e.action)).toEqual(['channel.delete', 'channel.disable', 'channel.update', 'channel.create']);
    const adminId = (await admin.call('session.get', {})).user!.id;
    expect(audit.every((e) => e.actorId === adminId)).toBe(true);
    expect(audit[0]!.details).toEqual({ kind: 'whatsapp', name: 'WhatsApp Sales' });
    // The change reads before → after; a secret only by its name.
    expect(audit[2]!.details).toEqual({
      name: 'WhatsApp Sales', changed: ['name'], before: { name: 'WhatsApp' }, after: { name: 'WhatsApp Sales' }, secretsSet: ['accessToken'], secretsRemoved: [],
    });
    expect(JSON.stringify(audit)).not.toMatch(/desk-app-secret|desk-access|rotated-access|desk-verify/);
  });

  it('an agent is refused every channel change, and nothing is written', async () => {
    const admin = await signIn('admin');
    await admin.call('channels.save', { op: 'create', channel: { id: 'tg-guarded', kind: 'telegram', name: 'Telegram' } });
    const wang = await signIn('wang');
    expect(await wang.invoke('channels.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await wang.invoke('channels.save', { op: 'create', channel: { id: 'tg-agent', kind: 'telegram', name: 'Mine' } }))
      .toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await wang.invoke('channels.save', { op: 'update', id: 'tg-guarded', changes: { enabled: false } }))
      .toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await wang.invoke('channels.delete', { id: 'tg-guarded' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const rows = await bed.server.db.query<{ id: string; enabled: boolean }>("SELECT id, enabled FROM channels WHERE id IN ('tg-guarded', 'tg-agent')");
    expect(rows).toEqual([{ id: 'tg-guarded', enabled: true }]);
    expect((await auditOf(admin, 'tg-guarded')).map((e) => e.action)).toEqual(['channel.create']);
    expect(await auditOf(admin, 'tg-agent')).toEqual([]);
  });

  it('keeps a channel customers wrote through: deleting it is refused, switching it off is the way', async () => {
    const admin = await signIn('admin');
    await admin.call('channels.save', {
      op: 'create',
      channel: { id: 'tg-used', kind: 'telegram', name: 'Telegram Support', config: { apiBaseUrl: 'http://127.0.0.1:9/' }, secrets: { botToken: '1:x', webhookSecret: 'tg-hook' } },
    });
    const posted = await http(`${bed.server.url}/webhooks/telegram/tg-used`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'tg-hook' },
      body: JSON.stringify(tgText(9001, 77, 'Hello from Telegram')),
    });
    expect(posted.status).toBe(200);

    const refused = await admin.invoke('channels.delete', { id: 'tg-used' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', details: { reason: 'has_conversations', conversations: '1' } } });
    expect((await admin.call('channels.list', {})).find((c) => c.id === 'tg-used')).toMatchObject({ enabled: true });
    expect((await admin.call('channels.save', { op: 'update', id: 'tg-used', changes: { enabled: false } })).enabled).toBe(false);
    expect((await auditOf(admin, 'tg-used')).map((e) => e.action)).toEqual(['channel.disable', 'channel.create']);
  });

  it('says offline without the connection', async () => {
    const proxy = await bed.proxy();
    const admin = await bed.signIn('admin', proxy.url);
    expect((await admin.call('channels.list', {})).length).toBeGreaterThan(0);
    proxy.cut();
    await admin.waitForStatus('offline');
    expect(await admin.invoke('channels.list', {})).toMatchObject({ ok: false, error: { code: 'offline' } });
    expect(await admin.invoke('channels.delete', { id: 'tg-guarded' })).toMatchObject({ ok: false, error: { code: 'offline' } });
  });
});
