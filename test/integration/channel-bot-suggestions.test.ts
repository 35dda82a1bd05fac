import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelView } from '../../shared/channels';
import type { KbArticle } from '../../shared/domain';
import { createChannel, data, hubSignature, http, postBody, startChannelServer, stopPlatformChannel, type ChannelTestServer } from '../support/channels';
import { deliveriesDrained, webhooksProcessed } from '../support/barriers';
import { databaseTargets } from '../support/databases';
import { TG_CHAT, tgSent, tgText, WA_CUSTOMER, WA_PHONE_NUMBER_ID, waSent, waText, WX_OPENID, wxText } from '../support/platform-payloads';
import { startRecordingServer, type RecordingServer } from '../support/recording-server';
import { request } from '../support/server-fixture';

const BOT_TOKEN = '110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const TG_SECRET = 'telegram-secret-token_3';
const WA_SECRET = 'whatsapp-app-secret';
const WX_TOKEN = 'wechatServerToken2024';

const targets = await databaseTargets();

/**
 * The bot's "which one did you mean?" reaches each platform in the form it has: an inline
 * keyboard on Telegram, reply buttons on WhatsApp, numbered lines in WeChat's plain text.
 */
describe.each(targets)('bot suggestions on each platform on $label', (target) => {
  let t: ChannelTestServer;
  let api: RecordingServer;
  const channels: Record<'telegram' | 'whatsapp' | 'wechat', ChannelView> = {} as Record<'telegram' | 'whatsapp' | 'wechat', ChannelView>;
  const titles = ['储值卡余额退款', '礼品卡余额退款'];
  let sent = 5000;

  beforeAll(async () => {
    api = await startRecordingServer();
    api.answer((r) => {
      if (r.method === 'GET' && r.path === '/cgi-bin/token') return { json: { access_token: 'ACCESS_TOKEN', expires_in: 7200 } };
      if (r.method !== 'POST') return undefined;
      if (r.path === '/cgi-bin/message/custom/send') return { json: { errcode: 0, errmsg: 'ok' } };
      if (r.path.endsWith('/messages')) return { json: waSent(`wamid.OUT${++sent}`) };
      if (r.path.startsWith(`/bot${BOT_TOKEN}/`)) return { json: tgSent(++sent, (r.json as { text?: string } | null)?.text ?? '') };
      return undefined;
    });
    t = await startChannelServer({}, target);
    await t.server.db.query('DELETE FROM kb_articles');
    for (const [i, title] of titles.entries()) {
      const article = { lang: 'zh', title, body: `${title}：说明 ${i + 1}`, questions: ['卡里的余额能退吗'] };
      data(await request<{ article: KbArticle }>(t.admin, 'kb:admin:save', { article }));
    }
    channels.telegram = await createChannel(t, {
      kind: 'telegram', name: 'Telegram', config: { apiBaseUrl: api.url, bot: true }, secrets: { botToken: BOT_TOKEN, webhookSecret: TG_SECRET },
    });
    channels.whatsapp = await createChannel(t, {
      kind: 'whatsapp', name: 'WhatsApp', config: { phoneNumberId: WA_PHONE_NUMBER_ID, apiBaseUrl: `${api.url}/v21.0`, bot: true },
      secrets: { appSecret: WA_SECRET, verifyToken: 'verify', accessToken: 'EAAG-token' },
    });
    channels.wechat = await createChannel(t, {
      kind: 'wechat', name: 'WeChat', config: { appId: 'wx1234567890abcdef', apiBaseUrl: api.url, bot: true }, secrets: { token: WX_TOKEN, appSecret: 'wechat-secret' },
    });
  });

  afterAll(() => stopPlatformChannel(t, api));

  it('reaches Telegram as an inline keyboard with one button per article', async () => {
    const answer = await postBody(`${t.server.url}/webhooks/telegram/${channels.telegram.id}`, tgText(30000, 4001, '余额退款'), {
      'x-telegram-bot-api-secret-token': TG_SECRET,
    });
    expect(answer.status).toBe(200);
    await webhooksProcessed(t.server);
    await deliveriesDrained(t.server);
    const call = api.requests.find((r) => r.path === `/bot${BOT_TOKEN}/sendMessage` && (r.json as { reply_markup?: unknown }).reply_markup);
    const keyboard = (call!.json as { chat_id: number; text: string; reply_markup: { inline_keyboard: { text: string }[][] } });
    expect(keyboard.chat_id).toBe(TG_CHAT);
    expect(keyboard.text).toContain('您是想问');
    expect(keyboard.reply_markup.inline_keyboard.flat().map((b) => b.text).sort()).toEqual([...titles].sort());
  });

  it('reaches WhatsApp as interactive reply buttons', async () => {
    const body = JSON.stringify(waText('wamid.SUGGEST1', '余额退款'));
    const answer = await postBody(`${t.server.url}/webhooks/whatsapp/${channels.whatsapp.id}`, body, { 'x-hub-signature-256': hubSignature(body, WA_SECRET) });
    expect(answer.status).toBe(200);
    await webhooksProcessed(t.server);
    await deliveriesDrained(t.server);
    const interactive = api.requests
      .filter((r) => r.path === `/v21.0/${WA_PHONE_NUMBER_ID}/messages`)
      .map((r) => r.json as { to: string; type: string; interactive?: { type: string; body: { text: string }; action: { buttons: { reply: { title: string } }[] } } })
      .find((m) => m.type === 'interactive');
    expect(interactive).toMatchObject({ to: WA_CUSTOMER, interactive: { type: 'button', body: { text: expect.stringContaining('您是想问') } } });
    expect(interactive!.interactive!.action.buttons.map((b) => b.reply.title).sort()).toEqual([...titles].sort());
  });

  it('reaches WeChat as plain text with the articles numbered', async () => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = createHash('sha1').update([WX_TOKEN, timestamp, '42'].sort().join('')).digest('hex');
    const answer = await http(`${t.server.url}/webhooks/wechat/${channels.wechat.id}?signature=${signature}&timestamp=${timestamp}&nonce=42&openid=${WX_OPENID}`, {
      method: 'POST', headers: { 'content-type': 'text/xml' }, body: wxText('1234567890177777', '余额退款'),
    });
    expect(answer.status).toBe(200);
    await webhooksProcessed(t.server);
    await deliveriesDrained(t.server);
    const texts = api.requests
      .filter((r) => r.path === '/cgi-bin/message/custom/send')
      .map((r) => r.json as { touser: string; msgtype: string; text: { content: string } });
    const offer = texts.find((m) => m.text.content.includes('您是想问'));
    expect(offer).toMatchObject({ touser: WX_OPENID, msgtype: 'text' });
    const numbered = offer!.text.content.split('\n').filter((line) => /^\d\. /.test(line));
    expect(numbered.map((line) => line.slice(3)).sort()).toEqual([...titles].sort());
    // Plain text only: no Markdown or HTML left for WeChat to show as characters.
    expect(offer!.text.content).not.toMatch(/[*_`<>]|\]\(/);
  });
});
