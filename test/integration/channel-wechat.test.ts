import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelView } from '../../shared/channels';
import { request, waitFor } from '../support/server-fixture';
import {
  conversationOfExternal, data, http, messageCount as countMessages, reply, startPlatformChannel, stopPlatformChannel, threadOf, waitForDelivery,
  type ChannelTestServer,
} from '../support/channels';
import { deliveriesDrained, webhooksProcessed } from '../support/barriers';
import type { RecordingServer } from '../support/recording-server';
import { WX_OPENID, wxEvent, wxImage, wxText, wxVoice } from '../support/platform-payloads';
import { databaseTargets } from '../support/databases';
import { AMR_VOICE, PNG_1X1 } from '../support/sample-files';
import { findFfmpeg } from '../../server/domain/attachments/voice-transcoder';

const TOKEN = 'wechatServerToken2024';
const APP_ID = 'wx1234567890abcdef';
const APP_SECRET = 'wechat-app-secret';
/** Answer WeChat after 1 s at the latest in this test, so a slow database shows within the test's time. */
const BUDGET_MS = 1_000;

/** Now, as WeChat stamps a callback (seconds). */
const nowStamp = () => String(Math.floor(Date.now() / 1000));

function signed(token = TOKEN, timestamp = nowStamp(), nonce = '123456789') {
  const signature = createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
  return `signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`;
}

const targets = await databaseTargets();
/** This machine's ffmpeg, which makes playable copies of voice notes (null: none installed). */
const ffmpeg = await findFfmpeg();

describe.each(targets)('WeChat Official Account channel on $label', (target) => {
  let t: ChannelTestServer;
  let wx: RecordingServer;
  let channel: ChannelView;
  let tokens = 0;

  const hook = (query = signed()) => `${t.server.url}/webhooks/wechat/${channel.id}?${query}&openid=${WX_OPENID}`;
  /** A callback as WeChat sends it; resolves with the answer once the server has processed what it stored. */
  const post = (xml: string, query = signed()) => http(hook(query), { method: 'POST', headers: { 'content-type': 'text/xml' }, body: xml });
  const deliver = async (xml: string, query = signed()) => {
    const answer = await post(xml, query);
    await webhooksProcessed(t.server);
    return answer;
  };
  const conversationOf = (externalId: string) => conversationOfExternal(t, channel.id, externalId);
  const messageCount = () => countMessages(t);

  beforeAll(async () => {
    ({ t, platform: wx, channel } = await startPlatformChannel(target, {
      answer: (r) => {
        if (r.path === '/cgi-bin/token') return { json: { access_token: `ACCESS_TOKEN_${++tokens}`, expires_in: 7200 } };
        if (r.path === '/cgi-bin/message/custom/send') return { json: { errcode: 0, errmsg: 'ok' } };
        // Temporary media (获取临时素材): the bytes, with the type WeChat gives them.
        if (r.path === '/cgi-bin/media/get' && r.query.get('media_id') === 'media_id_image') return { bytes: PNG_1X1, headers: { 'content-type': 'image/jpeg' } };
        if (r.path === '/cgi-bin/media/get' && r.query.get('media_id') === 'media_id_voice') return { bytes: AMR_VOICE, headers: { 'content-type': 'audio/amr' } };
        return undefined;
      },
      options: { wechatReplyBudgetMs: BUDGET_MS },
      channel: (url) => ({
        kind: 'wechat', name: 'WeChat', config: { appId: APP_ID, apiBaseUrl: url }, secrets: { token: TOKEN, appSecret: APP_SECRET },
      }),
    }));
  });

  afterAll(() => stopPlatformChannel(t, wx));

  it('echoes echostr to a correctly signed verification, and refuses a wrong signature', async () => {
    const ok = await http(`${t.server.url}/webhooks/wechat/${channel.id}?${signed()}&echostr=5837397749466719442`);
    expect(ok).toMatchObject({ status: 200, text: '5837397749466719442' });
    const wrong = await http(`${t.server.url}/webhooks/wechat/${channel.id}?${signed('other-token')}&echostr=5837397749466719442`);
    expect(wrong.status).toBe(403);
    expect(wrong.text).not.toContain('5837397749466719442');
  });

  it('answers a text message with "success" within the platform’s 5 seconds and stores it', async () => {
    const answer = await deliver(wxText('1234567890123456', '你好，我的订单什么时候发货？'));
    expect(answer).toMatchObject({ status: 200, text: 'success' });
    expect(answer.ms).toBeLessThan(5_000);
    const conversationId = await conversationOf('1234567890123456');
    const [message] = await threadOf(t.agent, conversationId!);
    expect(message).toMatchObject({ senderType: 'contact', body: '你好，我的订单什么时候发货？' });
  });

  it('still answers "success" in time while the customer is locked in the database, and stores the message after', async () => {
    const before = await messageCount();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const contactId = (await t.server.db.query<{ contact_id: string }>(
      'SELECT contact_id FROM contact_identities WHERE channel_id = $1 AND external_id = $2', [channel.id, WX_OPENID],
    ))[0]!.contact_id;
    // Another transaction holds the customer's row (on PGlite, the whole database) for longer than WeChat waits.
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const blocker = t.server.db.transaction(async (tx) => {
      await tx.query('SELECT id FROM contacts WHERE id = $1 FOR UPDATE', [contactId]);
      locked();
      await held;
    });
    await lockTaken;
    const answer = await post(wxText('1234567890123999', 'Hello? Is anyone there?'));
    release();
    await blocker;
    expect(answer).toMatchObject({ status: 200, text: 'success' });
    expect(answer.ms).toBeLessThan(BUDGET_MS + 1_500);
    await waitFor(async () => (await messageCount()) === before + 1, 'the held message to be stored');
    await webhooksProcessed(t.server);
  });

  it('refuses a wrong signature with 401 and stores nothing', async () => {
    const before = await messageCount();
    const answer = await deliver(wxText('1234567890129999', 'forged'), signed('not-the-token'));
    expect(answer.status).toBe(401);
    expect((await deliver(wxText('1234567890129999', 'forged'), 'timestamp=1&nonce=2')).status).toBe(401);
    expect(await messageCount()).toBe(before);
  });

  it('refuses a correctly signed callback whose timestamp is more than 5 minutes old or ahead (a replay)', async () => {
    const before = await messageCount();
    const old = String(Math.floor(Date.now() / 1000) - 6 * 60);
    const ahead = String(Math.floor(Date.now() / 1000) + 6 * 60);
    for (const timestamp of [old, ahead]) {
      const answer = await deliver(wxText('1234567890128888', 'replayed'), signed(TOKEN, timestamp));
      expect(answer.status).toBe(401);
      expect(answer.json).toMatchObject({ code: 'unauthorized', details: { reason: 'stale_timestamp' } });
    }
    const verify = await http(`${t.server.url}/webhooks/wechat/${channel.id}?${signed(TOKEN, old)}&echostr=5837397749466719442`);
    expect(verify.status).toBe(403);
    // Within the window the same callback is taken.
    const recent = String(Math.floor(Date.now() / 1000) - 4 * 60);
    expect((await deliver(wxText('1234567890128888', 'not replayed'), signed(TOKEN, recent))).text).toBe('success');
    expect(await messageCount()).toBe(before + 1);
  });

  it('answers a malformed body with 400 and a log line; never expands declared entities', async () => {
    const before = await messageCount();
    expect((await deliver('<xml><ToUserName>')).status).toBe(400);
    expect((await deliver('<xml><MsgType>text</MsgType></xml>')).status).toBe(400);
    expect((await deliver('<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY a "aaaaaaaa">]><xml><Content>&a;&a;</Content></xml>')).status).toBe(400);
    expect(await messageCount()).toBe(before);
    expect(t.logs.filter((l) => l.includes('malformed webhook payload refused') && l.includes(channel.id)).length).toBeGreaterThanOrEqual(3);
  });

  it('stores a message WeChat retries once', async () => {
    const before = await messageCount();
    for (let i = 0; i < 3; i++) expect((await deliver(wxText('1234567890120001', '还在吗'))).text).toBe('success');
    expect(await messageCount()).toBe(before + 1);
  });

  it('normalises images and voice messages (with WeChat’s speech recognition)', async () => {
    expect((await deliver(wxImage('1234567890120002'))).text).toBe('success');
    expect((await deliver(wxVoice('1234567890120003'))).text).toBe('success');
    const thread = await threadOf(t.agent, (await conversationOf('1234567890120002'))!);
    expect(thread.find((m) => m.attachment?.kind === 'image')).toMatchObject({
      body: '[Photo]', attachment: { url: 'http://mmbiz.qpic.cn/mmbiz/example.jpg', mediaId: 'media_id_image' },
    });
    expect(thread.find((m) => m.attachment?.kind === 'voice')).toMatchObject({
      body: '[Voice message] 腾讯微信团队', attachment: { mediaId: 'media_id_voice', mimeType: 'audio/amr', caption: '腾讯微信团队' },
    });
    // Both files are fetched from the temporary media API with the channel's access token.
    await t.server.media.sweep();
    const [token] = wx.to('/cgi-bin/token');
    expect(Object.fromEntries(token!.query)).toEqual({ grant_type: 'client_credential', appid: APP_ID, secret: APP_SECRET });
    const fetched = wx.to('/cgi-bin/media/get');
    expect(fetched.map((r) => r.query.get('media_id')).sort()).toEqual(['media_id_image', 'media_id_voice']);
    expect(fetched.map((r) => r.query.get('access_token'))).toEqual([`ACCESS_TOKEN_${tokens}`, `ACCESS_TOKEN_${tokens}`]);
    const stored = await threadOf(t.agent, (await conversationOf('1234567890120002'))!);
    expect(stored.find((m) => m.attachment?.kind === 'image')?.attachment).toMatchObject({ state: 'ready', mimeType: 'image/png', size: PNG_1X1.length });
    expect(stored.find((m) => m.attachment?.kind === 'voice')?.attachment).toMatchObject({ state: 'ready', mimeType: 'audio/amr', size: AMR_VOICE.length });
  });

  it('keeps a copy of an AMR voice note that browsers play (Ogg Opus, by ffmpeg); the AMR itself stays a download', async () => {
    const stored = await threadOf(t.agent, (await conversationOf('1234567890120002'))!);
    const voice = stored.find((m) => m.attachment?.kind === 'voice')!.attachment!;
    const image = stored.find((m) => m.attachment?.kind === 'image')!.attachment!;
    const link = async (fileId: string, variant?: 'playable') => request<{ url: string }>(t.agent, 'attachments:url', { fileId, ...(variant ? { variant } : {}) });
    const original = await fetch(`${t.server.url}${data(await link(voice.fileId!)).url}`);
    expect(original.headers.get('content-type')).toBe('audio/amr');
    expect(original.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(Buffer.from(await original.arrayBuffer()).equals(AMR_VOICE)).toBe(true);
    // A photo has no playable copy to ask for.
    expect(await link(image.fileId!, 'playable')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    if (!ffmpeg) {
      console.log('ffmpeg is not installed here (.ci/run installs it): the playable copy is not made, and this test checks only that none is offered');
      expect(voice.playable).toBeUndefined();
      expect(await link(voice.fileId!, 'playable')).toMatchObject({ ok: false, error: { code: 'not_found' } });
      return;
    }
    expect(voice.playable).toBe(true);
    const played = await fetch(`${t.server.url}${data(await link(voice.fileId!, 'playable')).url}`);
    expect(played.status).toBe(200);
    expect(played.headers.get('content-type')).toBe('audio/ogg');
    expect(played.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    const bytes = Buffer.from(await played.arrayBuffer());
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('OggS');
    expect(bytes.includes(Buffer.from('OpusHead'))).toBe(true);
    // Both downloads are in the audit log, the copy marked as such.
    const audited = await t.server.db.query<{ details: unknown }>(`SELECT details FROM audit_log WHERE action = 'attachment.downloaded' AND target_id = $1`, [voice.fileId]);
    expect(audited.map((r) => (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as { variant?: string }).map((d) => d.variant ?? 'original').sort()).toEqual(['original', 'playable']);
  });

  it('takes subscribe events (once per event) and tells the agent of an unsubscribe in an open conversation', async () => {
    const newcomer = 'oUpF8uN95-Ptaags6E_roPHg7AG0';
    const before = await messageCount();
    expect((await deliver(wxEvent('subscribe', 1700000100, newcomer))).text).toBe('success');
    expect((await deliver(wxEvent('subscribe', 1700000100, newcomer))).text).toBe('success');
    expect(await messageCount()).toBe(before + 1);
    const conversationId = (await conversationOf(`${newcomer}:1700000100:subscribe`))!;
    expect((await threadOf(t.agent, conversationId))[0]?.body).toBe('[Followed the Official Account]');
    expect((await deliver(wxEvent('unsubscribe', 1700000200, newcomer))).text).toBe('success');
    expect((await threadOf(t.agent, conversationId)).at(-1)?.body).toBe('[Unfollowed the Official Account]');
    // Someone who never wrote and unfollows opens nothing.
    const quiet = await messageCount();
    expect((await deliver(wxEvent('unsubscribe', 1700000300, 'oUpF8uQUIET'))).text).toBe('success');
    expect(await messageCount()).toBe(quiet);
  });

  it('delivers the agent’s reply through the customer-service message API with the channel’s access token', async () => {
    const conversationId = (await conversationOf('1234567890123456'))!;
    wx.clear();
    const sent = await reply(t.agent, conversationId, '您好，今天下午发货。');
    await waitForDelivery(t.agent, conversationId, sent.message.id, 'sent');
    // The token the media download took (above) serves replies too: a second one would spoil the first.
    const [send] = wx.requests;
    expect(wx.requests.map((r) => r.path)).toEqual(['/cgi-bin/message/custom/send']);
    expect(send?.query.get('access_token')).toBe(`ACCESS_TOKEN_${tokens}`);
    expect(send?.json).toEqual({ touser: WX_OPENID, msgtype: 'text', text: { content: '您好，今天下午发货。' } });
    // The token is kept for the next reply.
    wx.clear();
    const again = await reply(t.agent, conversationId, '物流单号稍后发您。');
    await waitForDelivery(t.agent, conversationId, again.message.id, 'sent');
    expect(wx.requests.map((r) => r.path)).toEqual(['/cgi-bin/message/custom/send']);
  });

  it('fetches a new token when WeChat says it expired, and fails with WeChat’s words outside the window', async () => {
    const conversationId = (await conversationOf('1234567890123456'))!;
    wx.clear();
    let sends = 0;
    const stopExpired = wx.answer((r) =>
      r.path === '/cgi-bin/message/custom/send' && ++sends === 1 ? { json: { errcode: 42001, errmsg: 'access_token expired' } } : undefined,
    );
    const first = await reply(t.agent, conversationId, '还有其他问题吗？');
    await waitForDelivery(t.agent, conversationId, first.message.id, 'sent');
    stopExpired();
    expect(wx.requests.map((r) => r.path)).toEqual(['/cgi-bin/message/custom/send', '/cgi-bin/token', '/cgi-bin/message/custom/send']);

    const stopWindow = wx.answer((r) =>
      r.path === '/cgi-bin/message/custom/send' ? { json: { errcode: 45015, errmsg: 'response out of time limit or subscription is canceled' } } : undefined,
    );
    const second = await reply(t.agent, conversationId, '在吗？');
    const failed = await waitForDelivery(t.agent, conversationId, second.message.id, 'failed');
    stopWindow();
    expect(failed.delivery?.reason).toBe('response out of time limit or subscription is canceled (errcode 45015)');
  });

  it('never sends a whisper or a private note to WeChat', async () => {
    const conversationId = (await conversationOf('1234567890123456'))!;
    wx.clear();
    data(await request(t.admin, 'note:add', { conversationId, body: '悄悄话：这是老客户' }));
    data(await request(t.agent, 'note:add', { conversationId, body: '备注' }));
    await deliveriesDrained(t.server);
    expect(wx.requests).toHaveLength(0);
  });
});
