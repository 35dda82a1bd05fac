import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelKind, Message } from '../../shared/domain';
import { closeAllSockets, request } from '../support/server-fixture';
import { bearer, createChannel, data, http, hubSignature, reply, startChannelServer, threadOf, waitForDelivery, type ChannelTestServer } from '../support/channels';
import { deliveriesDrained, webhooksProcessed } from '../support/barriers';
import { startRecordingServer, type RecordingServer } from '../support/recording-server';
import { startSmtpRecorder, type SmtpRecorder } from '../support/smtp-recorder';
import { WA_PHONE_NUMBER_ID, tgText, waSent, waText, wxSignedQuery, wxText } from '../support/platform-payloads';
import { databaseTargets } from '../support/databases';

type Platform = { kind: Exclude<ChannelKind, 'widget'>; channelId: string; conversationId: string };

/** Everything the platforms received: HTTP calls and emails. */
const outboundCount = (api: RecordingServer, smtp: SmtpRecorder) => api.requests.filter((r) => r.path !== '/cgi-bin/token').length + smtp.mails.length;

const targets = await databaseTargets();

describe.each(targets)('internal notes never reach a channel adapter, on any channel on $label', (target) => {
  let t: ChannelTestServer;
  let api: RecordingServer;
  let smtp: SmtpRecorder;
  const platforms: Platform[] = [];

  const conversationOfClient = async (clientId: string) =>
    (await t.server.db.query<{ conversation_id: string }>('SELECT conversation_id FROM messages WHERE client_id = $1', [clientId]))[0]!.conversation_id;

  beforeAll(async () => {
    api = await startRecordingServer();
    let n = 0;
    api.answer((r) => {
      if (r.path.endsWith('/messages') && r.path.startsWith('/wa/')) return { json: waSent(`wamid.N${++n}`) };
      if (r.path.startsWith('/tg/')) return { json: { ok: true, result: { message_id: ++n } } };
      if (r.path === '/cgi-bin/token') return { json: { access_token: 'T', expires_in: 7200 } };
      if (r.path === '/cgi-bin/message/custom/send') return { json: { errcode: 0, errmsg: 'ok' } };
      if (r.path === '/app/replies') return { json: {} };
      return undefined;
    });
    smtp = await startSmtpRecorder();
    t = await startChannelServer({ smtp: { port: 0 } }, target);

    const wa = await createChannel(t, {
      kind: 'whatsapp', name: 'WhatsApp', config: { phoneNumberId: WA_PHONE_NUMBER_ID, apiBaseUrl: `${api.url}/wa` },
      secrets: { appSecret: 'a', verifyToken: 'v', accessToken: 'x' },
    });
    const waBody = JSON.stringify(waText('wamid.IN1', 'Hello from WhatsApp'));
    await http(`${t.server.url}/webhooks/whatsapp/${wa.id}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(waBody, 'a') }, body: waBody });
    await webhooksProcessed(t.server);
    platforms.push({ kind: 'whatsapp', channelId: wa.id, conversationId: await conversationOfClient(`ch:${wa.id}:wamid.IN1`) });

    const tg = await createChannel(t, { kind: 'telegram', name: 'Telegram', config: { apiBaseUrl: `${api.url}/tg` }, secrets: { botToken: '1:x', webhookSecret: 's' } });
    await http(`${t.server.url}/webhooks/telegram/${tg.id}`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 's' }, body: JSON.stringify(tgText(1, 7, 'Hello from Telegram')),
    });
    platforms.push({ kind: 'telegram', channelId: tg.id, conversationId: await conversationOfClient(`ch:${tg.id}:1111111:7`) });

    const wx = await createChannel(t, { kind: 'wechat', name: 'WeChat', config: { appId: 'wxid', apiBaseUrl: api.url }, secrets: { token: 'tok', appSecret: 'sec' } });
    await http(`${t.server.url}/webhooks/wechat/${wx.id}?${wxSignedQuery('tok')}`, { method: 'POST', body: wxText('990001', '微信你好'), headers: { 'content-type': 'text/xml' } });
    await webhooksProcessed(t.server);
    platforms.push({ kind: 'wechat', channelId: wx.id, conversationId: await conversationOfClient(`ch:${wx.id}:990001`) });

    const app = await createChannel(t, { kind: 'api', name: 'App', config: { webhookUrl: `${api.url}/app/replies` }, secrets: { apiToken: 'tkn', webhookSecret: 'w' } });
    const posted = await http(`${t.server.url}/api/channels/${app.id}/messages`, {
      method: 'POST', headers: { ...bearer('tkn'), 'content-type': 'application/json' }, body: JSON.stringify({ id: 'm1', contact: { id: 'u1' }, text: 'Hello from the app' }),
    });
    platforms.push({ kind: 'api', channelId: app.id, conversationId: (posted.json as { conversationId: string }).conversationId });

    const email = await createChannel(t, { kind: 'email', name: 'Email', config: { address: 'help@shop.example', smtp: { host: '127.0.0.1', port: smtp.port } } });
    await nodemailer.createTransport({ host: '127.0.0.1', port: t.server.channels.smtpPort!, secure: false, ignoreTLS: true }).sendMail({
      envelope: { from: 'kim@example.com', to: 'help@shop.example' },
      raw: 'From: kim@example.com\r\nTo: help@shop.example\r\nSubject: Hello\r\nMessage-ID: <in-1@example.com>\r\n\r\nHello by email\r\n',
    });
    platforms.push({ kind: 'email', channelId: email.id, conversationId: await conversationOfClient(`ch:${email.id}:<in-1@example.com>`) });
  });

  afterAll(async () => {
    closeAllSockets();
    await t?.close();
    await api?.close();
    await smtp?.close();
  });

  it('sends neither a supervisor’s whisper nor an agent’s private note, and queues nothing for them', async () => {
    expect(platforms.map((p) => p.kind)).toEqual(['whatsapp', 'telegram', 'wechat', 'api', 'email']);
    const before = outboundCount(api, smtp);
    for (const p of platforms) {
      data(await request(t.admin, 'note:add', { conversationId: p.conversationId, body: `Whisper on ${p.kind}: this customer is a VIP` }));
      data(await request(t.agent, 'note:add', { conversationId: p.conversationId, body: `Private note on ${p.kind}` }));
    }
    await deliveriesDrained(t.server);
    expect(outboundCount(api, smtp)).toBe(before);
    const queued = await t.server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM channel_deliveries d JOIN messages m ON m.id = d.message_id WHERE m.internal',
    );
    expect(Number(queued[0]!.n)).toBe(0);
  });

  it('refuses an internal note that reaches the delivery queue anyway, before any adapter is called', async () => {
    const before = outboundCount(api, smtp);
    for (const p of platforms) {
      const note = data(await request<{ message: Message }>(t.agent, 'note:add', { conversationId: p.conversationId, body: `Never send this (${p.kind})` })).message;
      // As if a bug or a hand-made row put the note in the queue.
      await t.server.db.query(
        'INSERT INTO channel_deliveries (message_id, account_id, channel_id, conversation_id, seq) VALUES ($1, $2, $3, $4, $5)',
        [note.id, t.accountId, p.channelId, p.conversationId, note.seq],
      );
      const refused = await waitForDelivery(t.agent, p.conversationId, note.id, 'failed');
      expect(refused.delivery?.reason).toBe('internal notes are never sent to a channel');
    }
    await deliveriesDrained(t.server);
    expect(outboundCount(api, smtp)).toBe(before);
    const bodies = [...api.requests.map((r) => r.body), ...smtp.mails.map((m) => m.raw)].join('\n');
    expect(bodies).not.toMatch(/Never send this|Whisper on|Private note on/);
  });

  it('still delivers a reply on every channel (the path the notes were kept off is open)', async () => {
    for (const p of platforms) {
      const sent = await reply(t.agent, p.conversationId, `Reply on ${p.kind}`);
      await waitForDelivery(t.agent, p.conversationId, sent.message.id, 'sent');
    }
    const bodies = [...api.requests.map((r) => r.body), ...smtp.mails.map((m) => m.parsed.text ?? '')].join('\n');
    for (const p of platforms) expect(bodies).toContain(`Reply on ${p.kind}`);
    // The notes are still in the threads, for agents only.
    const thread = await threadOf(t.agent, platforms[0]!.conversationId);
    expect(thread.filter((m) => m.internal).map((m) => m.body)).toEqual(expect.arrayContaining(['Private note on whatsapp']));
  });
});
