import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/app';
import type { ChannelView } from '../../shared/channels';
import { closeAllSockets, login } from '../support/server-fixture';
import { bearer, http, hubSignature, startChannelServer, type ChannelTestServer } from '../support/channels';
import { webhooksProcessed } from '../support/barriers';
import { WA_PHONE_NUMBER_ID, waText } from '../support/platform-payloads';
import { databaseTargets, runDatabase } from '../support/databases';

const targets = await databaseTargets();

describe.each(targets)('channels admin API on $label', (target) => {
  let t: ChannelTestServer;
  const api = (method: string, route: string, body?: unknown, token?: string) =>
    http(`${t.server.url}${route}`, {
      method,
      headers: { ...(token === undefined ? bearer(t.adminToken) : token ? bearer(token) : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const waChannel = {
    id: 'wa-main', kind: 'whatsapp', name: 'WhatsApp', config: { phoneNumberId: WA_PHONE_NUMBER_ID },
    secrets: { appSecret: 'first-app-secret', verifyToken: 'first-verify', accessToken: 'first-access' },
  };
  const deliver = async (secret: string) => {
    const body = JSON.stringify(waText(`wamid.${secret}`, 'hi'));
    const answer = await http(`${t.server.url}/webhooks/whatsapp/wa-main`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(body, secret) }, body,
    });
    await webhooksProcessed(t.server);
    return answer;
  };

  beforeAll(async () => {
    t = await startChannelServer({}, target);
  });
  afterAll(async () => {
    closeAllSockets();
    await t?.close();
  });

  it('is for admins only', async () => {
    expect((await api('GET', '/api/channels', undefined, '')).status).toBe(401);
    expect((await api('GET', '/api/channels', undefined, t.agentToken))).toMatchObject({ status: 403, json: { code: 'forbidden' } });
    expect((await api('POST', '/api/channels', waChannel, t.agentToken)).status).toBe(403);
    const supervisor = await login(t.server.url, 'supervisor@demo.test', 'demo-supervisor');
    expect((await api('GET', '/api/channels', undefined, supervisor.accessToken)).status).toBe(403);
  });

  it('creates a channel, names its secrets but never returns them, lists its webhook URLs, and audits it', async () => {
    const created = await api('POST', '/api/channels', waChannel);
    expect(created.status).toBe(201);
    const channel = (created.json as { channel: ChannelView }).channel;
    expect(channel).toMatchObject({
      id: 'wa-main', kind: 'whatsapp', enabled: true, source: 'admin', config: { phoneNumberId: WA_PHONE_NUMBER_ID },
      secretsSet: ['accessToken', 'appSecret', 'verifyToken'],
      webhooks: [
        { method: 'GET', path: '/webhooks/whatsapp/wa-main', purpose: expect.any(String) },
        { method: 'POST', path: '/webhooks/whatsapp/wa-main', purpose: expect.any(String) },
      ],
    });
    const listed = await api('GET', '/api/channels');
    for (const text of [created.text, listed.text, (await api('GET', '/api/channels/wa-main')).text]) {
      expect(text).not.toContain('first-app-secret');
      expect(text).not.toContain('first-access');
    }
    expect((listed.json as { channels: ChannelView[] }).channels.map((c) => c.kind)).toEqual(['widget', 'whatsapp']);
    const audit = await t.server.db.query<{ actor_id: string; details: unknown }>("SELECT actor_id, details FROM audit_log WHERE action = 'channel.create'");
    expect(audit).toEqual([{ actor_id: t.adminId, details: { kind: 'whatsapp', name: 'WhatsApp', enabled: true, secrets: ['accessToken', 'appSecret', 'verifyToken'] } }]);
    expect(JSON.stringify(audit)).not.toContain('first-app-secret');
  });

  it('refuses what a channel of that kind cannot use', async () => {
    expect(await api('POST', '/api/channels', { ...waChannel, id: 'wa-2', config: {} })).toMatchObject({ status: 400, json: { code: 'bad_request' } });
    expect((await api('POST', '/api/channels', { ...waChannel, id: 'wa-3', secrets: { password: 'x' } })).status).toBe(400);
    expect((await api('POST', '/api/channels', { ...waChannel, id: 'wa-4', kind: 'fax' })).status).toBe(400);
    expect((await api('POST', '/api/channels', { ...waChannel, id: 'wa-5', config: { phoneNumberId: '1', apiBaseUrl: 'not a url' } })).status).toBe(400);
    expect(await api('POST', '/api/channels', waChannel)).toMatchObject({ status: 409, json: { code: 'conflict' } });
    expect((await api('PATCH', '/api/channels/nope', { name: 'x' })).status).toBe(404);
  });

  it('rotates a secret at once, removes one (the webhook is refused until it is set), and disables a channel', async () => {
    expect((await deliver('first-app-secret')).status).toBe(200);
    const rotated = await api('PATCH', '/api/channels/wa-main', { secrets: { appSecret: 'second-app-secret' } });
    expect(rotated.status).toBe(200);
    expect((await deliver('first-app-secret')).status).toBe(401);
    expect((await deliver('second-app-secret')).status).toBe(200);

    await api('PATCH', '/api/channels/wa-main', { secrets: { appSecret: null } });
    expect((await deliver('second-app-secret'))).toMatchObject({ status: 403, json: { code: 'forbidden' } });
    const restored = await api('PATCH', '/api/channels/wa-main', { name: 'WhatsApp Sales', secrets: { appSecret: 'third' } });
    expect((restored.json as { channel: ChannelView }).channel).toMatchObject({ name: 'WhatsApp Sales', secretsSet: ['accessToken', 'appSecret', 'verifyToken'] });

    const disabled = await api('PATCH', '/api/channels/wa-main', { enabled: false });
    expect((disabled.json as { channel: ChannelView }).channel.enabled).toBe(false);
    expect((await deliver('third')).status).toBe(404);
    const audit = await t.server.db.query<{ action: string; details: Record<string, unknown> }>(
      "SELECT action, details FROM audit_log WHERE target_type = 'channel' AND target_id = 'wa-main' ORDER BY id",
    );
    expect(audit.map((a) => a.action)).toEqual(['channel.create', 'channel.update', 'channel.update', 'channel.update', 'channel.disable']);
    expect(audit[1]!.details).toEqual({ name: 'WhatsApp', changed: [], before: {}, after: {}, secretsSet: ['appSecret'], secretsRemoved: [] });
    expect(audit[2]!.details).toEqual({ name: 'WhatsApp', changed: [], before: {}, after: {}, secretsSet: [], secretsRemoved: ['appSecret'] });
    // A change keeps what each field was and became; a secret only by its name.
    expect(audit[3]!.details).toMatchObject({ changed: ['name'], before: { name: 'WhatsApp' }, after: { name: 'WhatsApp Sales' }, secretsSet: ['appSecret'] });
    expect(audit[4]!.details).toMatchObject({ before: { enabled: true }, after: { enabled: false } });
    expect(JSON.stringify(audit)).not.toMatch(/second-app-secret|third/);
  });
});

describe('channels declared in a file read at start', () => {
  let dir: string;
  const file = () => path.join(dir, 'channels.json');
  const declare = (channels: unknown[]) => writeFile(file(), JSON.stringify({ channels }, null, 2));
  const telegram = (name: string) => ({
    id: 'tg-file', kind: 'telegram', name, config: { apiBaseUrl: 'http://127.0.0.1:9/' },
    secrets: { botToken: { env: 'SB_TEST_TG_TOKEN' }, webhookSecret: 'file-webhook-secret' },
  });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sb-channels-file-'));
    process.env.SB_TEST_TG_TOKEN = '123:from-the-environment';
  });
  afterAll(async () => {
    delete process.env.SB_TEST_TG_TOKEN;
    await rm(dir, { recursive: true, force: true });
  });

  it('creates declared channels at start, updates them when the file changes, and leaves them alone when it does not', async () => {
    const database = await runDatabase().open();
    const start = () => startServer({ port: 0, ...database.options, channelsFile: file() });
    await declare([telegram('Telegram')]);
    let server = await start();
    try {
      const rows = await server.db.query<{ name: string; source: string; secrets: Record<string, string> }>("SELECT name, source, secrets FROM channels WHERE id = 'tg-file'");
      expect(rows).toEqual([{ name: 'Telegram', source: 'file', secrets: { botToken: '123:from-the-environment', webhookSecret: 'file-webhook-secret' } }]);
      const webhook = await http(`${server.url}/webhooks/telegram/tg-file`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'file-webhook-secret' },
        body: JSON.stringify({ update_id: 1 }),
      });
      expect(webhook.status).toBe(200);
    } finally {
      await server.close();
    }

    server = await start();
    await server.close();
    await declare([telegram('Telegram Support')]);
    server = await start();
    try {
      expect((await server.db.query<{ name: string }>("SELECT name FROM channels WHERE id = 'tg-file'"))[0]?.name).toBe('Telegram Support');
      const audit = await server.db.query<{ action: string; actor_id: string | null; details: Record<string, unknown> }>(
        "SELECT action, actor_id, details FROM audit_log WHERE target_id = 'tg-file' ORDER BY id",
      );
      expect(audit.map((a) => [a.action, a.actor_id, a.details.source])).toEqual([['channel.create', null, 'file'], ['channel.update', null, 'file']]);
      expect(JSON.stringify(audit)).not.toContain('from-the-environment');
    } finally {
      await server.close();
      await database.drop();
    }
  });

  it('refuses to start with a file it cannot apply, saying why', async () => {
    const database = await runDatabase().open();
    try {
      await declare([{ ...telegram('x'), secrets: { botToken: { env: 'SB_TEST_NOT_SET' } } }]);
      await expect(startServer({ port: 0, ...database.options, channelsFile: file() })).rejects.toThrow(/SB_TEST_NOT_SET is not set/);
      await declare([{ id: 'bad', kind: 'whatsapp', name: 'WA', config: {} }]);
      await expect(startServer({ port: 0, ...database.options, channelsFile: file() })).rejects.toThrow(/bad: config: phoneNumberId/);
    } finally {
      await database.drop();
    }
  });
});
