import nodemailer from 'nodemailer';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadResult } from '../../shared/attachments';
import type { ChannelView } from '../../shared/channels';
import type { Conversation, Message } from '../../shared/domain';
import type { Result } from '../../shared/errors';
import type { VisitorMessage } from '../../shared/protocol';
import { connectAgent, connectVisitor, login, record, request, visitorSays, waitFor } from '../support/server-fixture';
import {
  bearer, conversationOfExternal, countRows, createChannel, data, http, hubSignature, postBody, startChannelServer, stopPlatformChannel,
  threadOf, waitForDelivery, type ChannelTestServer,
} from '../support/channels';
import { webhooksProcessed } from '../support/barriers';
import { databaseTargets } from '../support/databases';
import { TG_CHAT, tgText, waSent, waText, WA_CUSTOMER, WX_OPENID, wxSignedQuery, wxText } from '../support/platform-payloads';
import { formFile, formOf, startRecordingServer, type RecordingServer } from '../support/recording-server';
import { PNG_1X1, pngOfSize, TINY_PDF } from '../support/sample-files';
import { startSmtpRecorder, type SmtpRecorder } from '../support/smtp-recorder';

const APP_SECRET = 'whatsapp-app-secret';
const ACCESS_TOKEN = 'EAAG-outbound-files-token';
const PHONE_NUMBER_ID = '106540352242922';
const BOT_TOKEN = '123456:outbound-files-bot';
const TG_SECRET = 'telegram-webhook-secret';
const WX_TOKEN = 'wechatServerToken2024';
const MAILBOX = 'support@shop.example';

const targets = await databaseTargets();

describe.each(targets)('agents send files on each channel, on $label', (target) => {
  let t: ChannelTestServer;
  let platform: RecordingServer;
  let smtp: SmtpRecorder;
  let whatsapp: ChannelView;
  let telegram: ChannelView;
  let wechat: ChannelView;
  let email: ChannelView;
  let li: Socket;
  let liToken: string;
  let mediaIds = 0;

  beforeAll(async () => {
    platform = await startRecordingServer();
    smtp = await startSmtpRecorder();
    platform.answer((r) => {
      if (r.path === `/v21.0/${PHONE_NUMBER_ID}/media`) return { json: { id: `wa-upload-${++mediaIds}` } };
      if (r.path === `/v21.0/${PHONE_NUMBER_ID}/messages`) return { json: waSent(`wamid.OUT${randomUUID()}`) };
      if (r.path.startsWith(`/telegram/bot${BOT_TOKEN}/send`)) return { json: { ok: true, result: { message_id: 700 + platform.requests.length, date: 1, chat: { id: TG_CHAT } } } };
      if (r.path === '/cgi-bin/token') return { json: { access_token: 'WX_ACCESS_TOKEN', expires_in: 7200 } };
      if (r.path === '/cgi-bin/media/upload') return { json: { type: 'image', media_id: `wx-media-${++mediaIds}`, created_at: 1700000000 } };
      if (r.path === '/cgi-bin/message/custom/send') return { json: { errcode: 0, errmsg: 'ok' } };
      return undefined;
    });
    t = await startChannelServer({ smtp: { port: 0 } }, target);
    whatsapp = await createChannel(t, {
      kind: 'whatsapp', name: 'WhatsApp', config: { phoneNumberId: PHONE_NUMBER_ID, apiBaseUrl: `${platform.url}/v21.0` },
      secrets: { appSecret: APP_SECRET, verifyToken: 'verify', accessToken: ACCESS_TOKEN },
    });
    telegram = await createChannel(t, {
      kind: 'telegram', name: 'Telegram', config: { apiBaseUrl: `${platform.url}/telegram` }, secrets: { botToken: BOT_TOKEN, webhookSecret: TG_SECRET },
    });
    wechat = await createChannel(t, {
      kind: 'wechat', name: 'WeChat', config: { appId: 'wx1234567890abcdef', apiBaseUrl: platform.url }, secrets: { token: WX_TOKEN, appSecret: 'wechat-app-secret' },
    });
    email = await createChannel(t, {
      kind: 'email', name: 'Email', secrets: { smtpPassword: 'smtp-password' },
      config: { address: MAILBOX, fromName: 'Shop', smtp: { host: '127.0.0.1', port: smtp.port, user: 'shop' }, trustSenderAddress: true },
    });
    const signedIn = await login(t.server.url, 'li.lei@demo.test', 'demo-agent');
    liToken = signedIn.accessToken;
    li = await connectAgent(t.server.url, liToken);
    // Nobody is offered anything: 王芳 answers each conversation herself.
    data(await request(li, 'presence:set', { presence: 'busy' }));
  });

  afterAll(async () => {
    await stopPlatformChannel(t, platform);
    await smtp?.close();
  });

  /** An agent's upload for a conversation, as the desktop makes it: the raw bytes, the file's name in the query. */
  const upload = (token: string, conversationId: string, bytes: Buffer, name: string) =>
    http(`${t.server.url}/api/conversations/${conversationId}/uploads?name=${encodeURIComponent(name)}`, {
      method: 'POST', headers: { ...bearer(token), 'content-type': 'application/octet-stream' }, body: new Uint8Array(bytes),
    });
  const uploaded = async (token: string, conversationId: string, bytes: Buffer, name: string) => {
    const answer = await upload(token, conversationId, bytes, name);
    expect(answer.status, answer.text).toBe(201);
    return answer.json as UploadResult;
  };
  const sendFile = (socket: Socket, conversationId: string, fileId: string, body = '') =>
    request<{ message: Message; conversation: Conversation }>(socket, 'message:send', { conversationId, clientId: randomUUID(), body, attachmentIds: [fileId] });

  const sendText = (socket: Socket, conversationId: string, body: string) =>
    request<{ message: Message; conversation: Conversation }>(socket, 'message:send', { conversationId, clientId: randomUUID(), body });

  async function whatsappConversation(wamid: string): Promise<string> {
    const body = JSON.stringify(waText(wamid, 'Can you send me the invoice?'));
    const answer = await postBody(`${t.server.url}/webhooks/whatsapp/${whatsapp.id}`, body, { 'x-hub-signature-256': hubSignature(body, APP_SECRET) });
    expect(answer.status).toBe(200);
    return waitFor(() => conversationOfExternal(t, whatsapp.id, wamid), 'the WhatsApp conversation');
  }

  it('WhatsApp: the file is uploaded to the Graph API first, then sent by the media id it returned, with the caption', async () => {
    const conversationId = await whatsappConversation('wamid.FILES1');
    const file = await uploaded(t.agentToken, conversationId, PNG_1X1, 'screen.png');
    expect(file).toMatchObject({ fileName: 'screen.png', mimeType: 'image/png', size: PNG_1X1.length });
    platform.clear();

    const sent = data(await sendFile(t.agent, conversationId, file.fileId, 'Here is how it should look'));
    expect(sent.message.attachment).toMatchObject({ kind: 'image', fileId: file.fileId, state: 'ready', mimeType: 'image/png', caption: 'Here is how it should look' });
    await waitForDelivery(t.agent, conversationId, sent.message.id, 'sent');

    const [mediaCall] = platform.to(`/v21.0/${PHONE_NUMBER_ID}/media`);
    expect(mediaCall!.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    const form = await formOf(mediaCall!);
    expect(form.get('messaging_product')).toBe('whatsapp');
    expect(form.get('type')).toBe('image/png');
    const part = await formFile(mediaCall!, 'file');
    expect(part.name).toBe('screen.png');
    expect(part.bytes.equals(PNG_1X1)).toBe(true);

    const [messageCall] = platform.to(`/v21.0/${PHONE_NUMBER_ID}/messages`);
    expect(messageCall!.at).toBeGreaterThanOrEqual(mediaCall!.at);
    expect(messageCall!.json).toEqual({
      messaging_product: 'whatsapp', recipient_type: 'individual', to: WA_CUSTOMER, type: 'image', image: { id: `wa-upload-${mediaIds}`, caption: 'Here is how it should look' },
    });
    // The agent's own file opens from the thread like a customer's.
    const { url } = data(await request<{ url: string }>(t.agent, 'attachments:url', { fileId: file.fileId }));
    const bytes = Buffer.from(await (await fetch(`${t.server.url}${url}`)).arrayBuffer());
    expect(bytes.equals(PNG_1X1)).toBe(true);
  });

  it('WhatsApp: an image over its 5 MB is refused before anything is sent, and a file type it does not take too', async () => {
    const conversationId = await whatsappConversation('wamid.FILES2');
    const big = await uploaded(t.agentToken, conversationId, pngOfSize(5 * 1024 * 1024 + 1), 'huge.png');
    const script = await uploaded(t.agentToken, conversationId, Buffer.from('#!/bin/sh\necho hi\n'), 'run.sh');
    platform.clear();
    const messagesBefore = await countRows(t, 'SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1', [conversationId]);

    const tooLarge = await sendFile(t.agent, conversationId, big.fileId, 'the big one');
    expect(tooLarge).toMatchObject({ ok: false, error: { code: 'attachment_too_large', details: { channel: 'WhatsApp', maxSize: '5 MB' } } });
    const refused = await sendFile(t.agent, conversationId, script.fileId);
    expect(refused).toMatchObject({ ok: false, error: { code: 'attachment_type_refused', details: { channel: 'WhatsApp', type: 'application/octet-stream' } } });

    expect(await countRows(t, 'SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1', [conversationId])).toBe(messagesBefore);
    expect(platform.requests).toHaveLength(0);
    // Still the agent's to send elsewhere or again: nothing took it.
    expect(await countRows(t, 'SELECT count(*)::int AS n FROM attachments WHERE id = $1 AND message_id IS NULL', [big.fileId])).toBe(1);
  });

  it('another agent can neither upload to a conversation assigned to someone else nor send a file someone else uploaded', async () => {
    const conversationId = await whatsappConversation('wamid.FILES3');
    // 王芳 answers: the conversation is hers.
    const answered = data(await sendText(t.agent, conversationId, 'Let me check.'));
    await waitForDelivery(t.agent, conversationId, answered.message.id, 'sent');
    const hers = await uploaded(t.agentToken, conversationId, TINY_PDF, 'invoice.pdf');
    platform.clear();

    const refusedUpload = await upload(liToken, conversationId, PNG_1X1, 'mine.png');
    expect(refusedUpload.status).toBe(409);
    expect(refusedUpload.json).toMatchObject({ code: 'reassigned' });
    const refusedSend = await sendFile(li, conversationId, hers.fileId);
    expect(refusedSend).toMatchObject({ ok: false, error: { code: 'reassigned' } });
    // Even an admin, who may write to any conversation, cannot send 王芳's upload as their own.
    const adminSend = await sendFile(t.admin, conversationId, hers.fileId);
    expect(adminSend).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // And nobody uploads without signing in.
    expect((await http(`${t.server.url}/api/conversations/${conversationId}/uploads?name=x.png`, { method: 'POST', body: new Uint8Array(PNG_1X1) })).status).toBe(401);
    expect(platform.requests).toHaveLength(0);
  });

  it('Telegram: a photo goes by sendPhoto and a document by sendDocument, each uploaded multipart with its caption', async () => {
    const update = JSON.stringify(tgText(9001, 801, 'Where is my receipt?'));
    expect((await postBody(`${t.server.url}/webhooks/telegram/${telegram.id}`, update, { 'x-telegram-bot-api-secret-token': TG_SECRET })).status).toBe(200);
    const conversationId = await waitFor(() => conversationOfExternal(t, telegram.id, `${TG_CHAT}:801`), 'the Telegram conversation');
    const photo = await uploaded(t.agentToken, conversationId, PNG_1X1, 'photo.png');
    const pdf = await uploaded(t.agentToken, conversationId, TINY_PDF, 'receipt.pdf');
    platform.clear();

    const first = data(await sendFile(t.agent, conversationId, photo.fileId, 'Your parcel'));
    const second = data(await sendFile(t.agent, conversationId, pdf.fileId, 'Your receipt'));
    await waitForDelivery(t.agent, conversationId, second.message.id, 'sent');
    await waitForDelivery(t.agent, conversationId, first.message.id, 'sent');

    const [sendPhoto] = platform.to(`/telegram/bot${BOT_TOKEN}/sendPhoto`);
    expect(sendPhoto!.headers['content-type']).toContain('multipart/form-data');
    expect((await formOf(sendPhoto!)).get('chat_id')).toBe(String(TG_CHAT));
    expect((await formOf(sendPhoto!)).get('caption')).toBe('Your parcel');
    expect((await formFile(sendPhoto!, 'photo')).bytes.equals(PNG_1X1)).toBe(true);
    const [sendDocument] = platform.to(`/telegram/bot${BOT_TOKEN}/sendDocument`);
    expect((await formOf(sendDocument!)).get('caption')).toBe('Your receipt');
    const document = await formFile(sendDocument!, 'document');
    expect(document.name).toBe('receipt.pdf');
    expect(document.bytes.equals(TINY_PDF)).toBe(true);
    // In the order written.
    expect(sendPhoto!.at).toBeLessThanOrEqual(sendDocument!.at);
  });

  it('WeChat: a picture is uploaded as temporary media and sent as an image message by its media id; a document is refused before sending', async () => {
    const answer = await http(`${t.server.url}/webhooks/wechat/${wechat.id}?${wxSignedQuery(WX_TOKEN)}&openid=${WX_OPENID}`, {
      method: 'POST', headers: { 'content-type': 'text/xml' }, body: wxText('6054768590064713700', '能发一张图吗'),
    });
    expect(answer.status).toBe(200);
    await webhooksProcessed(t.server);
    const conversationId = (await conversationOfExternal(t, wechat.id, '6054768590064713700'))!;
    const picture = await uploaded(t.agentToken, conversationId, PNG_1X1, '示意图.png');
    const pdf = await uploaded(t.agentToken, conversationId, TINY_PDF, 'manual.pdf');
    platform.clear();

    expect(await sendFile(t.agent, conversationId, pdf.fileId)).toMatchObject({ ok: false, error: { code: 'attachment_type_refused', details: { channel: 'WeChat' } } });
    const sent = data(await sendFile(t.agent, conversationId, picture.fileId, '请看这张图'));
    await waitForDelivery(t.agent, conversationId, sent.message.id, 'sent');

    const [mediaUpload] = platform.to('/cgi-bin/media/upload');
    expect(mediaUpload!.query.get('type')).toBe('image');
    expect(mediaUpload!.query.get('access_token')).toBe('WX_ACCESS_TOKEN');
    const media = await formFile(mediaUpload!, 'media');
    expect(media.name).toBe('示意图.png');
    expect(media.bytes.equals(PNG_1X1)).toBe(true);
    const sends = platform.to('/cgi-bin/message/custom/send').map((r) => r.json);
    expect(sends).toEqual([
      { touser: WX_OPENID, msgtype: 'image', image: { media_id: `wx-media-${mediaIds}` } },
      { touser: WX_OPENID, msgtype: 'text', text: { content: '请看这张图' } },
    ]);
  });

  it('email: the file goes as a MIME attachment of the reply, the caption as its text', async () => {
    await nodemailer.createTransport({ host: '127.0.0.1', port: t.server.channels.smtpPort!, secure: false, ignoreTLS: true }).sendMail({
      from: 'Mia <mia@example.net>', to: MAILBOX, subject: 'Manual please', text: 'Could you mail me the manual?', messageId: '<manual-1@example.net>',
    });
    const conversationId = await waitFor(() => conversationOfExternal(t, email.id, '<manual-1@example.net>'), 'the email conversation');
    const pdf = await uploaded(t.agentToken, conversationId, TINY_PDF, 'manual.pdf');
    const sent = data(await sendFile(t.agent, conversationId, pdf.fileId, 'The manual is attached.'));
    await waitForDelivery(t.agent, conversationId, sent.message.id, 'sent');
    const mail = await smtp.waitFor((m) => m.parsed.subject === 'Re: Manual please', 'the reply with the manual');
    expect(mail.parsed.text?.trim()).toBe('The manual is attached.');
    expect(mail.parsed.attachments).toHaveLength(1);
    expect(mail.parsed.attachments[0]).toMatchObject({ filename: 'manual.pdf', contentType: 'application/pdf' });
    expect(Buffer.from(mail.parsed.attachments[0]!.content).equals(TINY_PDF)).toBe(true);
  });

  it('widget: the customer sees the agent’s picture through a link signed for them alone', async () => {
    const visitor = await connectVisitor(t.server.url, { name: 'Mia' });
    const heard = record<VisitorMessage>(visitor.socket, 'message:new');
    const { conversationId } = await visitorSays(t.server, { socket: visitor.socket, contactId: visitor.session.contactId }, 'What does the cable look like?');
    const picture = await uploaded(t.agentToken, conversationId, PNG_1X1, 'cable.png');
    const sent = data(await sendFile(t.agent, conversationId, picture.fileId, 'This one'));
    expect(sent.message.delivery ?? null).toBeNull();

    const shown = await waitFor(() => heard.find((m) => m.id === sent.message.id), 'the picture in the widget');
    expect(shown).toMatchObject({ from: 'agent', file: { fileId: picture.fileId, kind: 'image', mimeType: 'image/png', state: 'ready' } });
    const link = data(await request<{ url: string }>(visitor.socket, 'visitor:file-url', { fileId: picture.fileId }));
    const response = await fetch(`${t.server.url}${link.url}`);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('content-security-policy')).toContain('sandbox');
    expect(Buffer.from(await response.arrayBuffer()).equals(PNG_1X1)).toBe(true);

    // Another customer's widget cannot have a link to it, nor use this one as an agent's.
    const stranger = await connectVisitor(t.server.url, { name: 'Someone else' });
    expect(await request(stranger.socket, 'visitor:file-url', { fileId: picture.fileId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const asAgentLink = link.url.replace('/api/visitor-files/', '/api/files/');
    expect((await fetch(`${t.server.url}${asAgentLink}`)).status).toBe(403);
    const thread = await threadOf(t.agent, conversationId);
    expect(thread.find((m) => m.id === sent.message.id)?.body).toBe('[Photo: cable.png, 70 B] This one');
  });

  it('widget: the customer uploads a PDF with their widget token and sends it; the agent opens it; nobody else can use it', async () => {
    const visitor = await connectVisitor(t.server.url, { name: 'Ravi' });
    const visitorUpload = (token: string, bytes: Buffer, name: string) =>
      http(`${t.server.url}/api/visitor-uploads?name=${encodeURIComponent(name)}`, {
        method: 'POST', headers: { 'x-visitor-token': token, 'content-type': 'application/octet-stream' }, body: new Uint8Array(bytes),
      });
    expect((await visitorUpload('forged-token', TINY_PDF, 'receipt.pdf')).status).toBe(401);
    const kept = await visitorUpload(visitor.session.visitorToken, TINY_PDF, 'C:\\Users\\ravi\\receipt.pdf');
    expect(kept.status, kept.text).toBe(201);
    const file = kept.json as UploadResult;
    expect(file).toMatchObject({ fileName: 'receipt.pdf', mimeType: 'application/pdf', size: TINY_PDF.length });

    // Another customer cannot send it as theirs.
    const stranger = await connectVisitor(t.server.url, { name: 'Someone' });
    expect(await request(stranger.socket, 'visitor:send', { clientId: randomUUID(), body: '', attachmentIds: [file.fileId] }))
      .toMatchObject({ ok: false, error: { code: 'not_found' } });

    const { conversationId, message } = await visitorSays(
      t.server, { socket: visitor.socket, contactId: visitor.session.contactId }, 'My receipt', { attachmentIds: [file.fileId] },
    );
    expect(message.file).toMatchObject({ fileId: file.fileId, kind: 'document', fileName: 'receipt.pdf', caption: 'My receipt', state: 'ready' });
    const thread = await threadOf(t.agent, conversationId);
    expect(thread.find((m) => m.id === message.id)?.attachment).toMatchObject({ kind: 'document', fileId: file.fileId, mimeType: 'application/pdf', state: 'ready' });
    const { url } = data(await request<{ url: string }>(t.agent, 'attachments:url', { fileId: file.fileId }));
    const response = await fetch(`${t.server.url}${url}`);
    expect(response.headers.get('content-disposition')).toMatch(/^inline; filename="receipt.pdf"/);
    expect(Buffer.from(await response.arrayBuffer()).equals(TINY_PDF)).toBe(true);
    // Sent once: it cannot go again in another message.
    expect(await request(visitor.socket, 'visitor:send', { clientId: randomUUID(), body: 'again', attachmentIds: [file.fileId] }))
      .toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('refuses a message with neither text nor a file, and more than one file at once', async () => {
    const conversationId = await whatsappConversation('wamid.FILES4');
    const empty: Result<unknown> = await request(t.agent, 'message:send', { conversationId, clientId: randomUUID(), body: '  ' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const two = await request(t.agent, 'message:send', { conversationId, clientId: randomUUID(), body: 'x', attachmentIds: [randomUUID(), randomUUID()] });
    expect(two).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});
