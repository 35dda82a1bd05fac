import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAllSockets } from '../support/server-fixture';
import { bearer, http, startChannelServer, type ChannelTestServer } from '../support/channels';
import { databaseTargets } from '../support/databases';

const targets = await databaseTargets();

describe.each(targets)('channel secrets checked against each platform’s rules on $label', (target) => {
  let t: ChannelTestServer;
  const api = (method: string, route: string, body: unknown) =>
    http(`${t.server.url}${route}`, { method, headers: { ...bearer(t.adminToken), 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    t = await startChannelServer({}, target);
  });
  afterAll(async () => {
    closeAllSockets();
    await t?.close();
  });

  it('refuses a Telegram secret_token outside 1–256 of A-Z a-z 0-9 _ -, naming the field and the rule', async () => {
    const channel = (webhookSecret: string) => ({
      kind: 'telegram', name: 'Telegram', config: {}, secrets: { botToken: '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw', webhookSecret },
    });
    for (const bad of ['has spaces', 'ümlaut', 'x'.repeat(257), '']) {
      const answer = await api('POST', '/api/channels', channel(bad));
      expect(answer.status).toBe(400);
      expect(answer.json).toMatchObject({ code: 'bad_request', details: { field: 'secrets.webhookSecret', rule: 'telegram_secret_token' } });
    }
    expect((await api('POST', '/api/channels', channel('A-z_09'.repeat(42)))).status).toBe(201);
    const badToken = await api('POST', '/api/channels', { ...channel('ok'), secrets: { botToken: 'AAHdqTcvCH1vGWJx', webhookSecret: 'ok' } });
    expect(badToken.json).toMatchObject({ details: { field: 'secrets.botToken', rule: 'telegram_bot_token' } });
  });

  it('refuses a WeChat Token that is not 3–32 letters or digits and an EncodingAESKey that is not 43 of them', async () => {
    const channel = (secrets: Record<string, string>) => ({ kind: 'wechat', name: 'WeChat', config: { appId: 'wx1234567890abcdef' }, secrets: { appSecret: 'a1b2', ...secrets } });
    expect((await api('POST', '/api/channels', channel({ token: 'ab' }))).json).toMatchObject({ details: { field: 'secrets.token', rule: 'wechat_token' } });
    expect((await api('POST', '/api/channels', channel({ token: 'with-dash' }))).json).toMatchObject({ details: { rule: 'wechat_token' } });
    expect((await api('POST', '/api/channels', channel({ token: 'Token123', encodingAESKey: 'k'.repeat(42) }))).json)
      .toMatchObject({ details: { field: 'secrets.encodingAESKey', rule: 'wechat_aes_key' } });
    const created = await api('POST', '/api/channels', channel({ token: 'Token123', encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' }));
    expect(created.status).toBe(201);
    expect((created.json as { channel: { secretsSet: string[] } }).channel.secretsSet).toEqual(['appSecret', 'encodingAESKey', 'token']);
  });

  it('refuses WhatsApp secrets pasted with spaces or line breaks, and checks only what a change sets', async () => {
    const base = { id: 'wa-rules', kind: 'whatsapp', name: 'WhatsApp', config: { phoneNumberId: '106540352242922' } };
    const refused = await api('POST', '/api/channels', { ...base, secrets: { appSecret: 'abc123\n', verifyToken: 'v', accessToken: 'EAAG' } });
    expect(refused.json).toMatchObject({ code: 'bad_request', details: { field: 'secrets.appSecret', rule: 'visible_ascii' } });
    expect((await api('POST', '/api/channels', { ...base, secrets: { appSecret: 'abc123', verifyToken: 'my verify', accessToken: 'EAAG' } })).json)
      .toMatchObject({ details: { field: 'secrets.verifyToken', rule: 'visible_ascii' } });
    expect((await api('POST', '/api/channels', { ...base, secrets: { appSecret: 'abc123', verifyToken: 'verify-me', accessToken: 'EAAG' } })).status).toBe(201);
    expect((await api('PATCH', '/api/channels/wa-rules', { secrets: { accessToken: 'EAAG new' } })).json).toMatchObject({ details: { field: 'secrets.accessToken' } });
    expect((await api('PATCH', '/api/channels/wa-rules', { name: 'WhatsApp Sales', secrets: { accessToken: 'EAAGnew' } })).status).toBe(200);
  });
});
