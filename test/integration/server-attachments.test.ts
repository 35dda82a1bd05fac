import nodemailer from 'nodemailer';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageAttachmentPush } from '../../shared/attachments';
import type { ChannelView } from '../../shared/channels';
import type { Attachment } from '../../shared/domain';
import type { AuditEntryView } from '../../shared/protocol';
import { signFileLink } from '../../server/domain/attachments/file-link';
import { connectAgent, insertUser, record, request, tokenFor, waitFor } from '../support/server-fixture';
import {
  conversationOfExternal, countRows, createChannel, data, hubSignature, postBody, startChannelServer, stopPlatformChannel, threadOf, type ChannelTestServer,
} from '../support/channels';
import { webhooksProcessed } from '../support/barriers';
import { databaseTargets } from '../support/databases';
import { serveTelegramFile, serveWhatsAppMedia } from '../support/platform-media';
import { TG_CHAT, tgPhoto, waMessage } from '../support/platform-payloads';
import { startRecordingServer, type RecordingServer } from '../support/recording-server';
import { PNG_1X1, SCRIPTED_SVG, TINY_PDF } from '../support/sample-files';

const SECRET = 'attachments-test-token-secret';
const APP_SECRET = 'whatsapp-app-secret';
const ACCESS_TOKEN = 'EAAG-media-test-token';
const BOT_TOKEN = '123456:media-test-bot-token';
const TG_WEBHOOK_SECRET = 'telegram-webhook-secret';
const MAILBOX = 'support@shop.example';
const API_TOKEN = 'shop-app-channel-token';
/** A minute, doubling: the test moves the server's clock past each wait. */
const RETRY = { maxAttempts: 4, baseDelayMs: 60_000, maxDelayMs: 600_000 };

const targets = await databaseTargets();

/** A WhatsApp image message as Meta sends it, naming media `mediaId` (which the platform calls a JPEG). */
const waPhoto = (wamid: string, mediaId: string) =>
  waMessage({ id: wamid, type: 'image', image: { caption: 'The screen is cracked', mime_type: 'image/jpeg', sha256: 'aGVsbG8=', id: mediaId } });

/** A promise and the function that settles it: a platform download held until the test lets it go. */
function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe.each(targets)('customers’ files on $label', (target) => {
  let t: ChannelTestServer;
  let platform: RecordingServer;
  let whatsapp: ChannelView;
  let telegram: ChannelView;
  let api: ChannelView;
  let offset = 0;
  const clock = () => Date.now() + offset;

  beforeAll(async () => {
    platform = await startRecordingServer();
    t = await startChannelServer({
      clock, tokenSecret: SECRET, smtp: { port: 0 },
      // No polling: the webhook's kick and the tests' sweeps drive the fetches.
      // API-channel links may name the recording server on 127.0.0.1 (nothing else private).
      attachments: { retry: RETRY, pollMs: 3_600_000, allowLoopbackUrls: true },
    }, target);
    whatsapp = await createChannel(t, {
      kind: 'whatsapp', name: 'WhatsApp', config: { phoneNumberId: '106540352242922', apiBaseUrl: `${platform.url}/v21.0` },
      secrets: { appSecret: APP_SECRET, verifyToken: 'verify', accessToken: ACCESS_TOKEN },
    });
    telegram = await createChannel(t, {
      kind: 'telegram', name: 'Telegram', config: { apiBaseUrl: `${platform.url}/telegram` }, secrets: { botToken: BOT_TOKEN, webhookSecret: TG_WEBHOOK_SECRET },
    });
    api = await createChannel(t, {
      kind: 'api', name: 'Shop app', config: { webhookUrl: `${platform.url}/replies` }, secrets: { apiToken: API_TOKEN, webhookSecret: 'replies-secret' },
    });
    await createChannel(t, {
      kind: 'email', name: 'Email', secrets: { smtpPassword: 'unused' },
      config: { address: MAILBOX, fromName: 'Shop', smtp: { host: '127.0.0.1', port: 9, user: 'shop' }, trustSenderAddress: true },
    });
  });

  afterAll(() => stopPlatformChannel(t, platform));

  const deliverWhatsApp = async (payload: unknown) => {
    const body = JSON.stringify(payload);
    const answer = await postBody(`${t.server.url}/webhooks/whatsapp/${whatsapp.id}`, body, { 'x-hub-signature-256': hubSignature(body, APP_SECRET) });
    await webhooksProcessed(t.server);
    return answer;
  };

  /** The customer's message of a platform message id, as 王芳's desktop reads it. */
  async function messageOf(channelId: string, externalId: string) {
    const conversationId = await conversationOfExternal(t, channelId, externalId);
    expect(conversationId).toBeDefined();
    const thread = await threadOf(t.agent, conversationId!);
    const message = thread.find((m) => m.clientId === `ch:${channelId}:${externalId}`);
    return { conversationId: conversationId!, message: message!, attachment: message!.attachment as Attachment };
  }

  /** A signed link for `socket`'s user, then the file through it. */
  async function download(socket: Socket, fileId: string) {
    const { url } = data(await request<{ url: string; expiresAt: string }>(socket, 'attachments:url', { fileId }));
    const response = await fetch(`${t.server.url}${url}`);
    return { url, response, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  const fileRows = (messageId: string) =>
    t.server.db.query<{ id: string; state: string; attempts: number; sha256: string | null }>('SELECT id, state, attempts, sha256 FROM attachments WHERE message_id = $1 ORDER BY position', [messageId]);

  it('a WhatsApp photo: the webhook answers at once, the file is fetched after, sniffed from its bytes, and the agent hears it is ready', async () => {
    const held = gate();
    serveWhatsAppMedia(platform, { id: 'wa-media-1', token: ACCESS_TOKEN, bytes: PNG_1X1, mimeType: 'image/jpeg', hold: held.promise });
    const heard = record<MessageAttachmentPush>(t.agent, 'message:attachment');

    const answer = await deliverWhatsApp(waPhoto('wamid.PHOTO1', 'wa-media-1'));
    // The download is still held: the webhook was answered without waiting for it.
    expect(answer.status).toBe(200);
    const pending = await messageOf(whatsapp.id, 'wamid.PHOTO1');
    expect(pending.attachment).toMatchObject({ kind: 'image', state: 'pending', mimeType: 'image/jpeg', fileId: expect.any(String) });
    expect(pending.message.body).toBe('[Photo] The screen is cracked');

    held.open();
    await t.server.media.sweep();
    const ready = await messageOf(whatsapp.id, 'wamid.PHOTO1');
    // Stored, and what its bytes are: a PNG, whatever Graph called it.
    expect(ready.attachment).toMatchObject({ fileId: pending.attachment.fileId, state: 'ready', mimeType: 'image/png', size: PNG_1X1.length });
    await waitFor(() => heard.some((p) => p.messageId === ready.message.id && p.attachment.state === 'ready'), 'the agent to hear the photo is ready');
    expect(heard.find((p) => p.messageId === ready.message.id)).toMatchObject({ conversationId: ready.conversationId, attachment: { mimeType: 'image/png' } });

    // Graph was asked as documented: the media's URL with the token, then the bytes with the token.
    const [info] = platform.to('/v21.0/wa-media-1');
    expect(info).toMatchObject({ method: 'GET', headers: { authorization: `Bearer ${ACCESS_TOKEN}` } });
    expect(info!.query.get('phone_number_id')).toBe('106540352242922');
    expect(platform.to('/whatsapp-cdn/wa-media-1')).toHaveLength(1);

    // A signed link gives the exact bytes, shown inline but sandboxed, never sniffed, cached privately.
    const { response, bytes } = await download(t.agent, ready.attachment.fileId!);
    expect(response.status).toBe(200);
    expect(bytes.equals(PNG_1X1)).toBe(true);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('content-disposition')).toMatch(/^inline; filename=/);
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('private, max-age=300');

    // A HEAD says as much without the bytes, and is no download.
    const head = await fetch(`${t.server.url}${(await download(t.agent, ready.attachment.fileId!)).url}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-disposition')).toMatch(/^inline; filename=/);

    // Each download is in the audit log, by whom and of what.
    const audit = data(await request<{ entries: AuditEntryView[] }>(t.admin, 'audit:list', { query: 'attachment.downloaded' }));
    const entries = audit.entries.filter((e) => e.targetId === ready.attachment.fileId);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ actorId: t.agentId, targetType: 'attachment', details: { conversationId: ready.conversationId, mimeType: 'image/png' } });
  });

  it('a file link works only for whom it was signed, as signed, and only for five minutes', async () => {
    serveWhatsAppMedia(platform, { id: 'wa-media-2', token: ACCESS_TOKEN, bytes: TINY_PDF, mimeType: 'application/pdf' });
    await deliverWhatsApp(waPhoto('wamid.PHOTO2', 'wa-media-2'));
    await t.server.media.sweep();
    const { attachment } = await messageOf(whatsapp.id, 'wamid.PHOTO2');
    const fileId = attachment.fileId!;
    expect(attachment.state).toBe('ready');
    const { url } = data(await request<{ url: string }>(t.agent, 'attachments:url', { fileId }));
    // Every body is read: a response left unread keeps its connection busy.
    const get = (path: string) => fetch(`${t.server.url}${path}`).then(async (r) => {
      const text = await r.text();
      return { status: r.status, json: (r.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null) as { code?: string } | null };
    });

    // Another account's agent: no link from the server, and a validly signed link in their name is refused.
    const otherAccount = randomUUID();
    await t.server.db.query('INSERT INTO accounts (id, name) VALUES ($1, $2)', [otherAccount, 'Another shop']);
    const stranger = await insertUser(t.server.db, otherAccount, { name: 'Stranger', role: 'admin' });
    const strangerSocket = await connectAgent(t.server.url, await tokenFor(SECRET, stranger));
    const refused = await request(strangerSocket, 'attachments:url', { fileId });
    expect(refused.ok ? null : refused.error.code).toBe('not_found');
    expect(await get(signFileLink(SECRET, fileId, stranger.id, clock()).path)).toEqual({ status: 403, json: expect.objectContaining({ code: 'file_link_invalid' }) });

    // Moved to another user, another file, or with its signature changed: forged.
    const link = new URL(url, t.server.url);
    const forged = (change: (q: URLSearchParams) => void, path = link.pathname) => {
      const q = new URLSearchParams(link.search);
      change(q);
      return `${path}?${q.toString()}`;
    };
    expect((await get(forged((q) => q.set('u', stranger.id)))).json?.code).toBe('file_link_invalid');
    // One character of the signature changed (never to itself).
    expect((await get(forged((q) => q.set('s', `${q.get('s')!.startsWith('A') ? 'B' : 'A'}${q.get('s')!.slice(1)}`)))).json?.code).toBe('file_link_invalid');
    expect((await get(forged((q) => q.set('e', String(Number(q.get('e')) + 3600))))).json?.code).toBe('file_link_invalid');
    expect((await get(forged(() => undefined, `/api/files/${randomUUID()}`))).json?.code).toBe('file_link_invalid');
    expect((await get(`/api/files/${fileId}`)).json?.code).toBe('file_link_invalid');

    // The real link still works; six minutes on it has expired.
    expect((await get(url)).status).toBe(200);
    offset += 6 * 60_000;
    expect(await get(url)).toEqual({ status: 403, json: expect.objectContaining({ code: 'file_link_expired' }) });
    strangerSocket.disconnect();
  });

  it('Graph down: the fetch is tried again after a backoff on the server’s clock, and the file stored once', async () => {
    let outages = 2;
    serveWhatsAppMedia(platform, {
      id: 'wa-media-3', token: ACCESS_TOKEN, bytes: PNG_1X1, mimeType: 'image/jpeg',
      before: () => (outages-- > 0 ? { status: 503, json: { error: { message: 'Service temporarily unavailable', code: 2 } } } : undefined),
    });
    expect((await deliverWhatsApp(waPhoto('wamid.PHOTO3', 'wa-media-3'))).status).toBe(200);
    await t.server.media.sweep();
    const { message } = await messageOf(whatsapp.id, 'wamid.PHOTO3');
    expect(await fileRows(message.id)).toMatchObject([{ state: 'pending', attempts: 1 }]);
    const asked = () => platform.to('/v21.0/wa-media-3').length;
    expect(asked()).toBe(1);

    // Not before its time: a sweep now asks nothing.
    await t.server.media.sweep();
    expect(asked()).toBe(1);
    offset += 61_000;
    await t.server.media.sweep();
    expect(asked()).toBe(2);
    expect(await fileRows(message.id)).toMatchObject([{ state: 'pending', attempts: 2 }]);
    // The second wait is twice the first.
    offset += 61_000;
    await t.server.media.sweep();
    expect(asked()).toBe(2);
    offset += 61_000;
    await t.server.media.sweep();
    expect(asked()).toBe(3);
    expect(await fileRows(message.id)).toMatchObject([{ state: 'ready', attempts: 3 }]);
    expect(platform.to('/whatsapp-cdn/wa-media-3')).toHaveLength(1);
    // The same bytes as the first photo: one blob, two messages.
    const blobs = await t.server.db.query<{ n: number }>("SELECT count(DISTINCT sha256)::int AS n FROM attachments WHERE state = 'ready' AND mime_type = 'image/png'");
    expect(blobs[0]!.n).toBe(1);
  });

  it('the same webhook delivered twice stores one message and fetches one file', async () => {
    serveWhatsAppMedia(platform, { id: 'wa-media-4', token: ACCESS_TOKEN, bytes: Buffer.concat([PNG_1X1, Buffer.from('again')]), mimeType: 'image/jpeg' });
    const payload = waPhoto('wamid.PHOTO4', 'wa-media-4');
    const answers = await Promise.all([deliverWhatsApp(payload), deliverWhatsApp(payload)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    await deliverWhatsApp(payload);
    await t.server.media.sweep();
    expect(await countRows(t, 'SELECT count(*)::int AS n FROM messages WHERE client_id = $1', [`ch:${whatsapp.id}:wamid.PHOTO4`])).toBe(1);
    const { message } = await messageOf(whatsapp.id, 'wamid.PHOTO4');
    expect(await fileRows(message.id)).toMatchObject([{ state: 'ready' }]);
    expect(platform.to('/whatsapp-cdn/wa-media-4')).toHaveLength(1);
  });

  it('a Telegram photo is fetched through getFile and the file path it gives', async () => {
    serveTelegramFile(platform, { token: BOT_TOKEN, fileId: 'AgADBAADlarge', filePath: 'photos/file_7.jpg', bytes: PNG_1X1, mimeType: 'image/jpeg' });
    const answer = await postBody(`${t.server.url}/webhooks/telegram/${telegram.id}`, tgPhoto(20001, 501), { 'x-telegram-bot-api-secret-token': TG_WEBHOOK_SECRET });
    expect(answer.status).toBe(200);
    await t.server.media.sweep();
    const { attachment } = await messageOf(telegram.id, `${TG_CHAT}:501`);
    expect(attachment).toMatchObject({ kind: 'image', state: 'ready', mimeType: 'image/png', size: PNG_1X1.length });
    expect(platform.to(`/telegram/bot${BOT_TOKEN}/getFile`).map((r) => r.query.get('file_id'))).toEqual(['AgADBAADlarge']);
    expect(platform.to(`/telegram/file/bot${BOT_TOKEN}/photos/file_7.jpg`)).toHaveLength(1);
    const { bytes } = await download(t.agent, attachment.fileId!);
    expect(bytes.equals(PNG_1X1)).toBe(true);
  });

  it('email attachments are stored from the mail itself; an SVG is only ever a download', async () => {
    await nodemailer.createTransport({ host: '127.0.0.1', port: t.server.channels.smtpPort!, secure: false, ignoreTLS: true }).sendMail({
      from: 'Mia <mia@example.net>', to: MAILBOX, subject: 'My receipt', text: 'Here is the receipt.', messageId: '<receipt-1@example.net>',
      attachments: [
        // The mail says JPEG; the bytes are a PDF.
        { filename: 'receipt.jpg', content: TINY_PDF, contentType: 'image/jpeg' },
        { filename: 'drawing.svg', content: SCRIPTED_SVG, contentType: 'image/svg+xml' },
      ],
    });
    const { message, attachment } = await messageOf((await t.server.db.query<{ id: string }>("SELECT id FROM channels WHERE kind = 'email'"))[0]!.id, '<receipt-1@example.net>');
    expect(attachment).toMatchObject({ state: 'ready', mimeType: 'application/pdf', size: TINY_PDF.length, fileName: 'receipt.jpg' });
    const [pdf, svg] = await fileRows(message.id);
    expect(svg).toMatchObject({ state: 'ready' });

    const first = await download(t.agent, pdf!.id);
    expect(first.bytes.equals(TINY_PDF)).toBe(true);
    expect(first.response.headers.get('content-disposition')).toMatch(/^inline; filename="receipt.jpg"/);
    const drawing = await download(t.agent, svg!.id);
    expect(drawing.bytes.equals(SCRIPTED_SVG)).toBe(true);
    expect(drawing.response.headers.get('content-type')).toBe('application/octet-stream');
    expect(drawing.response.headers.get('content-disposition')).toMatch(/^attachment; filename="drawing.svg"/);
    expect(drawing.response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
  });

  it('an API channel’s file is fetched from the link its app sent, never from a private address', async () => {
    platform.answer((r) => (r.path === '/shop-files/invoice.pdf' ? { bytes: TINY_PDF, headers: { 'content-type': 'application/pdf' } } : undefined));
    const send = (id: string, url: string) => postBody(`${t.server.url}/api/channels/${api.id}/messages`, {
      id, contact: { id: 'customer-9', name: 'Ann' }, text: 'My invoice', attachment: { kind: 'document', url, fileName: 'invoice.pdf' },
    }, { authorization: `Bearer ${API_TOKEN}` });
    expect((await send('app-msg-1', `${platform.url}/shop-files/invoice.pdf`)).status).toBe(201);
    expect((await send('app-msg-2', 'http://10.0.0.1/invoice.pdf')).status).toBe(201);
    await t.server.media.sweep();
    expect((await messageOf(api.id, 'app-msg-1')).attachment).toMatchObject({ state: 'ready', mimeType: 'application/pdf', size: TINY_PDF.length });
    const refused = await messageOf(api.id, 'app-msg-2');
    expect(refused.attachment.state).toBe('failed');
    const [row] = await t.server.db.query<{ error: string }>('SELECT error FROM attachments WHERE message_id = $1', [refused.message.id]);
    expect(row!.error).toMatch(/10\.0\.0\.1 is a private or local address/);
  });

  it('a link stops working once its user may no longer read the conversation', async () => {
    const { conversationId, attachment } = await messageOf(telegram.id, `${TG_CHAT}:501`);
    const { url, bytes } = await download(t.agent, attachment.fileId!);
    expect(bytes.equals(PNG_1X1)).toBe(true);
    // An admin takes the chat: 王芳 may no longer read it, so no new link, and the one she has is refused.
    data(await request(t.admin, 'conversation:takeover', { conversationId }));
    const asked = await request(t.agent, 'attachments:url', { fileId: attachment.fileId });
    expect(asked.ok ? null : asked.error.code).toBe('forbidden');
    const answer = await fetch(`${t.server.url}${url}`);
    expect(answer.status).toBe(403);
    expect(((await answer.json()) as { code: string }).code).toBe('file_link_invalid');
    expect((await download(t.admin, attachment.fileId!)).bytes.equals(PNG_1X1)).toBe(true);
  });
});
