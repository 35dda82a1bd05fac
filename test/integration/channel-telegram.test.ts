import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelView } from '../../shared/channels';
import { request } from '../support/server-fixture';
import {
  conversationOfExternal, data, messageCount as countMessages, postBody, reply, startPlatformChannel, stopPlatformChannel, threadOf, waitForDelivery,
  type ChannelTestServer,
} from '../support/channels';
import { deliveriesDrained } from '../support/barriers';
import type { RecordingServer } from '../support/recording-server';
import { TG_CHAT, tgContact, tgDocument, tgEdited, tgLocation, tgPhoto, tgSent, tgText } from '../support/platform-payloads';
import { databaseTargets } from '../support/databases';

const BOT_TOKEN = '110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const WEBHOOK_SECRET = 'telegram-secret-token_1';

const targets = await databaseTargets();

describe.each(targets)('Telegram Bot API channel on $label', (target) => {
  let t: ChannelTestServer;
  let api: RecordingServer;
  let channel: ChannelView;
  let sentIds = 5000;

  const deliver = (payload: unknown, secret: string | null = WEBHOOK_SECRET) =>
    postBody(`${t.server.url}/webhooks/telegram/${channel.id}`, payload, secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret });
  const conversationOf = (externalId: string) => conversationOfExternal(t, channel.id, externalId);
  const messageCount = () => countMessages(t);

  beforeAll(async () => {
    ({ t, platform: api, channel } = await startPlatformChannel(target, {
      answer: (r) => {
        if (r.method !== 'POST') return undefined;
        const text = (r.json as { text?: string; caption?: string } | null)?.text ?? '';
        return { json: tgSent(++sentIds, text) };
      },
      channel: (url) => ({
        kind: 'telegram', name: 'Telegram', config: { apiBaseUrl: url }, secrets: { botToken: BOT_TOKEN, webhookSecret: WEBHOOK_SECRET },
      }),
    }));
  });

  afterAll(() => stopPlatformChannel(t, api));

  it('stores the documented message update as the customer’s message', async () => {
    expect((await deliver(tgText(10000, 1365, 'Hi, where is my order?'))).status).toBe(200);
    const conversationId = await conversationOf(`${TG_CHAT}:1365`);
    const [message] = await threadOf(t.agent, conversationId!);
    expect(message).toMatchObject({ senderType: 'contact', senderName: 'Test Firstname Test Lastname', body: 'Hi, where is my order?' });
  });

  it('refuses a wrong or missing secret token with 401 and stores nothing', async () => {
    const before = await messageCount();
    expect((await deliver(tgText(10001, 1366, 'forged'), 'wrong-secret')).status).toBe(401);
    expect((await deliver(tgText(10001, 1366, 'forged'), null)).status).toBe(401);
    expect(await messageCount()).toBe(before);
  });

  it('answers a malformed update with 400 and a log line', async () => {
    const before = await messageCount();
    expect((await deliver('{"update_id": 1, "message": ')).status).toBe(400);
    expect((await deliver({ update_id: 'x', message: { text: 'no chat' } })).status).toBe(400);
    expect(await messageCount()).toBe(before);
    expect(t.logs.some((l) => l.includes('malformed webhook payload refused') && l.includes(channel.id))).toBe(true);
  });

  it('stores a redelivered update once', async () => {
    const before = await messageCount();
    for (let i = 0; i < 3; i++) expect((await deliver(tgText(10002, 1367, 'Thanks!'))).status).toBe(200);
    expect(await messageCount()).toBe(before + 1);
  });

  it('stores an edited message as a new message marked edited, keeping the original', async () => {
    expect((await deliver(tgEdited(10003, 1365, 'Hi, where is my order #10002?'))).status).toBe(200);
    const thread = await threadOf(t.agent, (await conversationOf(`${TG_CHAT}:1365`))!);
    expect(thread.map((m) => m.body)).toEqual(expect.arrayContaining(['Hi, where is my order?', '(edited) Hi, where is my order #10002?']));
    // The same edit delivered again is stored once.
    const before = await messageCount();
    expect((await deliver(tgEdited(10003, 1365, 'Hi, where is my order #10002?'))).status).toBe(200);
    expect(await messageCount()).toBe(before);
  });

  it('normalises photos, documents, locations and a shared own contact (a verified phone)', async () => {
    for (const payload of [tgPhoto(10004, 1370), tgDocument(10005, 1371), tgLocation(10006, 1372), tgContact(10007, 1373, '+49 30 1234567')]) {
      expect((await deliver(payload)).status).toBe(200);
    }
    const thread = await threadOf(t.agent, (await conversationOf(`${TG_CHAT}:1370`))!);
    expect(thread.find((m) => m.body.startsWith('[Photo'))).toMatchObject({
      body: '[Photo: 51 KB] Is this the right size?', attachment: { kind: 'image', mediaId: 'AgADBAADlarge', size: 52190 },
    });
    expect(thread.find((m) => m.body.startsWith('[File'))).toMatchObject({
      body: '[File: Testfile.pdf, 524 KB]', attachment: { kind: 'document', fileName: 'Testfile.pdf', mimeType: 'application/pdf' },
    });
    expect(thread.find((m) => m.body.startsWith('[Location'))).toMatchObject({ attachment: { kind: 'location', latitude: 52.520008, longitude: 13.404954 } });
    const contact = await t.server.db.query<{ phone: string }>(
      'SELECT c.phone FROM contacts c JOIN contact_identities i ON i.contact_id = c.id WHERE i.channel_id = $1 AND i.external_id = $2',
      [channel.id, String(TG_CHAT)],
    );
    expect(contact[0]?.phone).toBe('+49301234567');
  });

  it('sends the agent’s reply with sendMessage to the chat', async () => {
    const conversationId = (await conversationOf(`${TG_CHAT}:1365`))!;
    api.clear();
    const sent = await reply(t.agent, conversationId, 'It ships today.');
    const call = await api.waitFor((r) => r.method === 'POST', 'sendMessage');
    expect(call.path).toBe(`/bot${BOT_TOKEN}/sendMessage`);
    expect(call.json).toEqual({ chat_id: TG_CHAT, text: 'It ships today.' });
    await waitForDelivery(t.agent, conversationId, sent.message.id, 'sent');
    const row = await t.server.db.query<{ external_id: string }>('SELECT external_id FROM channel_deliveries WHERE message_id = $1', [sent.message.id]);
    expect(row[0]?.external_id).toBe(`${TG_CHAT}:${sentIds}`);
  });

  it('sends photos and documents with sendPhoto and sendDocument', async () => {
    const conversationId = (await conversationOf(`${TG_CHAT}:1365`))!;
    api.clear();
    // A reply carrying a picture (as a shop's integration or a later composer stores one).
    const { randomUUID } = await import('node:crypto');
    const accountId = t.accountId;
    for (const [kind, url] of [['image', 'https://shop.example/size-chart.png'], ['document', 'https://shop.example/invoice.pdf']] as const) {
      await t.server.db.transaction(async (tx) => {
        const seq = Number((await tx.query<{ seq: number }>('SELECT next_change_seq($1) AS seq', [accountId]))[0]!.seq);
        await tx.query(
          `INSERT INTO messages (id, account_id, conversation_id, seq, sender_type, sender_id, body, internal, attachment)
           VALUES ($1, $2, $3, $4, 'agent', $5, $6, false, $7::jsonb)`,
          [randomUUID(), accountId, conversationId, seq, t.agentId, 'Here you go', JSON.stringify({ kind, url, caption: 'Here you go' })],
        );
      });
    }
    await api.waitFor((r) => r.path.endsWith('/sendDocument'), 'sendDocument');
    expect(api.to(`/bot${BOT_TOKEN}/sendPhoto`)[0]?.json).toEqual({ chat_id: TG_CHAT, photo: 'https://shop.example/size-chart.png', caption: 'Here you go' });
    expect(api.to(`/bot${BOT_TOKEN}/sendDocument`)[0]?.json).toEqual({ chat_id: TG_CHAT, document: 'https://shop.example/invoice.pdf', caption: 'Here you go' });
  });

  it('retries on 429 as Telegram asks, and fails with Telegram’s description when the user blocked the bot', async () => {
    const conversationId = (await conversationOf(`${TG_CHAT}:1365`))!;
    api.clear();
    let n = 0;
    const stopLimit = api.answer((r) =>
      r.method === 'POST' && ++n === 1 ? { status: 429, json: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 0', parameters: { retry_after: 0 } } } : undefined,
    );
    const first = await reply(t.agent, conversationId, 'Tracking: DHL 123');
    await waitForDelivery(t.agent, conversationId, first.message.id, 'sent');
    stopLimit();
    expect(api.requests).toHaveLength(2);

    const stopBlocked = api.answer((r) => (r.method === 'POST' ? { status: 403, json: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' } } : undefined));
    const second = await reply(t.agent, conversationId, 'Anything else?');
    const failed = await waitForDelivery(t.agent, conversationId, second.message.id, 'failed');
    stopBlocked();
    expect(failed.delivery).toMatchObject({ reason: 'Forbidden: bot was blocked by the user', attempts: 1 });
    expect((await threadOf(t.agent, conversationId)).at(-1)).toMatchObject({
      internal: true, body: 'Not delivered on Telegram: Forbidden: bot was blocked by the user',
    });
  });

  it('never sends a whisper or a private note to Telegram', async () => {
    const conversationId = (await conversationOf(`${TG_CHAT}:1365`))!;
    api.clear();
    data(await request(t.admin, 'note:add', { conversationId, body: 'Whisper: check the warehouse' }));
    data(await request(t.agent, 'note:add', { conversationId, body: 'Note to self' }));
    await deliveriesDrained(t.server);
    expect(api.requests).toHaveLength(0);
  });
});
