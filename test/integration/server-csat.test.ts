import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelView } from '../../shared/channels';
import type { CsatView } from '../../shared/csat';
import type { Message } from '../../shared/domain';
import type { VisitorMessage } from '../../shared/protocol';
import { signSurveyLink } from '../../server/domain/csat/survey-link';
import { deliveriesDrained, webhooksProcessed } from '../support/barriers';
import {
  conversationOfExternal, createChannel, data, http, hubSignature, postBody, reply, startChannelServer, threadOf, type ChannelTestServer,
} from '../support/channels';
import { databaseTargets } from '../support/databases';
import { TG_CHAT, tgCallbackQuery, tgSent, tgText, WA_PHONE_NUMBER_ID, waListReply, waSent, waText, WX_OPENID, wxSignedQuery, wxText } from '../support/platform-payloads';
import { startRecordingServer, type RecordingServer } from '../support/recording-server';
import { closeAllSockets, connectAgent, connectVisitor, login, record, request, visitorSays } from '../support/server-fixture';
import { startSmtpRecorder, type SmtpRecorder } from '../support/smtp-recorder';
import { waitUntil } from '../support/wait';

const TOKEN_SECRET = 'csat-test-token-secret-of-some-length';
const BOT_TOKEN = '110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const TG_SECRET = 'telegram-secret-token_2';
const WA_APP_SECRET = 'whatsapp-app-secret';
const MAILBOX = 'support@shop.example';
const CUSTOMER_MAIL = 'lena.park@example.com';
const QUESTION_EN = 'How did we do today? Rate us 1 to 5.';
const QUESTION_ZH = '您对今天的服务满意吗？';
const WX_TOKEN = 'wechatServerToken2024';

const targets = await databaseTargets();

describe.each(targets)('satisfaction surveys after a resolve on $label', (target) => {
  let t: ChannelTestServer;
  let platform: RecordingServer;
  let mailOut: SmtpRecorder;
  let telegram: ChannelView;
  let whatsapp: ChannelView;
  let email: ChannelView;
  let wechat: ChannelView;
  let li: Socket;
  let tgSentIds = 9000;
  let wamids = 0;

  const tgCalls = (method: string) => platform.requests.filter((r) => r.path === `/tg/bot${BOT_TOKEN}/${method}`);
  const waCalls = () => platform.requests.filter((r) => r.path === `/wa/v21.0/${WA_PHONE_NUMBER_ID}/messages`);
  const tgDeliver = (payload: unknown) =>
    postBody(`${t.server.url}/webhooks/telegram/${telegram.id}`, payload, { 'x-telegram-bot-api-secret-token': TG_SECRET });
  const waDeliver = async (payload: unknown) => {
    const body = JSON.stringify(payload);
    const answer = await postBody(`${t.server.url}/webhooks/whatsapp/${whatsapp.id}`, body, { 'x-hub-signature-256': hubSignature(body, WA_APP_SECRET) });
    await webhooksProcessed(t.server);
    return answer;
  };
  const csatOf = async (socket: Socket, conversationId: string) =>
    request<{ csat: CsatView | null }>(socket, 'csat:get', { conversationId });
  const answers = (conversationId: string) =>
    t.server.db.query<{ rating: number; comment: string | null; via: string; late: boolean; changes: number; agent_id: string | null }>(
      'SELECT rating, comment, via, late, changes, agent_id FROM csat_answers WHERE conversation_id = $1',
      [conversationId],
    );
  const answerLines = async (conversationId: string) =>
    (await threadOf(t.agent, conversationId)).filter((m) => m.system?.code === 'csat_answer');

  /** 王芳 takes the conversation by replying, then resolves it, as she would from the desktop. */
  async function replyAndResolve(conversationId: string): Promise<void> {
    await reply(t.agent, conversationId, 'Glad I could help.');
    data(await request(t.agent, 'conversation:resolve', { conversationId }));
  }

  beforeAll(async () => {
    platform = await startRecordingServer();
    platform.answer((r) => {
      if (r.path === '/wx/cgi-bin/token') return { json: { access_token: 'WX_ACCESS_TOKEN', expires_in: 7200 } };
      if (r.method !== 'POST') return undefined;
      if (r.path.endsWith('/answerCallbackQuery')) return { json: { ok: true, result: true } };
      if (r.path.startsWith('/tg/')) return { json: tgSent(++tgSentIds, (r.json as { text?: string } | null)?.text ?? '') };
      if (r.path.startsWith('/wa/')) return { json: waSent(`wamid.CSAT${++wamids}`) };
      if (r.path === '/wx/cgi-bin/message/custom/send') return { json: { errcode: 0, errmsg: 'ok' } };
      return undefined;
    });
    mailOut = await startSmtpRecorder();
    t = await startChannelServer({ smtp: { port: 0 }, tokenSecret: TOKEN_SECRET }, target);
    telegram = await createChannel(t, {
      kind: 'telegram', name: 'Telegram', config: { apiBaseUrl: `${platform.url}/tg`, bot: false }, secrets: { botToken: BOT_TOKEN, webhookSecret: TG_SECRET },
    });
    whatsapp = await createChannel(t, {
      kind: 'whatsapp', name: 'WhatsApp', config: { phoneNumberId: WA_PHONE_NUMBER_ID, apiBaseUrl: `${platform.url}/wa/v21.0`, bot: false },
      secrets: { appSecret: WA_APP_SECRET, verifyToken: 'verify-me', accessToken: 'EAAG-test-access-token' },
    });
    email = await createChannel(t, {
      kind: 'email', name: 'Email',
      config: { address: MAILBOX, fromName: 'Shop Support', smtp: { host: '127.0.0.1', port: mailOut.port, user: 'shop' }, trustSenderAddress: true, bot: false },
      secrets: { smtpPassword: 'smtp-password' },
    });
    wechat = await createChannel(t, {
      kind: 'wechat', name: 'WeChat', config: { appId: 'wx1234567890abcdef', apiBaseUrl: `${platform.url}/wx`, bot: false },
      secrets: { token: WX_TOKEN, appSecret: 'wechat-app-secret' },
    });
    const settings = { enabled: true, channelKinds: ['widget', 'whatsapp', 'telegram', 'wechat', 'email'], questionEn: QUESTION_EN, questionZh: QUESTION_ZH, linkValidDays: 7 };
    data(await request(t.admin, 'csat:admin:settings', { save: settings }));
    li = await connectAgent(t.server.url, (await login(t.server.url, 'li.lei@demo.test', 'demo-agent')).accessToken);
    // 李雷 is signed in but away: nothing is offered to him, each test's conversation is 王芳's.
    data(await request(li, 'presence:set', { presence: 'away' }));
    await t.server.router.settled();
  });

  afterAll(async () => {
    closeAllSockets();
    await t?.close();
    await platform?.close();
    await mailOut?.close();
  });

  it('admins keep the question per language and the channels that ask; agents may not change them', async () => {
    const { settings } = data(await request<{ settings: unknown }>(t.admin, 'csat:admin:settings', {}));
    expect(settings).toEqual({
      enabled: true, channelKinds: ['widget', 'whatsapp', 'telegram', 'wechat', 'email'], questionEn: QUESTION_EN, questionZh: QUESTION_ZH, linkValidDays: 7,
    });
    const refused = await request(t.agent, 'csat:admin:settings', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('Telegram: the survey goes as a 5-button inline keyboard; a press is stored once and acknowledged; a late press is kept', async () => {
    expect((await tgDeliver(tgText(30001, 4001, 'My parcel never came'))).status).toBe(200);
    const conversationId = (await conversationOfExternal(t, telegram.id, `${TG_CHAT}:4001`))!;
    await replyAndResolve(conversationId);

    const survey = await waitUntil(
      () => tgCalls('sendMessage').find((r) => JSON.stringify(r.json).includes('csat:')),
      'the survey on Telegram',
    );
    const sent = survey.json as { chat_id: number; text: string; reply_markup: { inline_keyboard: { text: string; callback_data: string }[][] } };
    expect(sent.chat_id).toBe(TG_CHAT);
    expect(sent.text).toBe(QUESTION_EN);
    const buttons = sent.reply_markup.inline_keyboard.flat();
    expect(buttons.map((b) => b.text)).toEqual(['★★★★★ Very satisfied', '★★★★ Satisfied', '★★★ Neutral', '★★ Dissatisfied', '★ Very dissatisfied']);
    const token = /^csat:([\w-]+):5$/.exec(buttons[0]!.callback_data)![1]!;
    expect(buttons.map((b) => b.callback_data)).toEqual([5, 4, 3, 2, 1].map((n) => `csat:${token}:${n}`));

    // The customer wrote again first (a new conversation), then pressed "4": the answer is kept, marked late.
    expect((await tgDeliver(tgText(30002, 4002, 'Also, one more question'))).status).toBe(200);
    const keyboard = { messageId: tgSentIds, text: sent.text, keyboard: sent.reply_markup.inline_keyboard };
    for (let i = 0; i < 2; i++) {
      expect((await tgDeliver(tgCallbackQuery(30003 + i, 'csat-query-1', `csat:${token}:4`, keyboard))).status).toBe(200);
    }
    expect(await answers(conversationId)).toEqual([{ rating: 4, comment: null, via: 'telegram', late: true, changes: 0, agent_id: t.agentId }]);
    await waitUntil(() => tgCalls('answerCallbackQuery').length >= 2, 'both presses acknowledged');
    expect(tgCalls('answerCallbackQuery').map((r) => r.json)).toEqual([
      { callback_query_id: 'csat-query-1', text: 'Thank you for your rating!' },
      { callback_query_id: 'csat-query-1', text: 'Thank you for your rating!' },
    ]);
    // A press is an answer, not something the customer said in the thread.
    const thread = await threadOf(t.agent, conversationId);
    expect(thread.filter((m) => m.senderType === 'contact').map((m) => m.body)).toEqual(['My parcel never came']);
    expect(await answerLines(conversationId)).toHaveLength(1);

    const { csat } = data(await csatOf(t.agent, conversationId));
    expect(csat).toMatchObject({ conversationId, channelKind: 'telegram', answer: { rating: 4, comment: null, via: 'telegram', late: true, changes: 0 } });
    // 李雷 may not read 王芳's conversation, so not its answer either.
    expect(await csatOf(li, conversationId)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const { csat: bySupervisorView } = data(await csatOf(t.admin, conversationId));
    expect(bySupervisorView?.answer?.rating).toBe(4);
  });

  it('Telegram: a forged survey button is refused (nothing stored) and the customer is told', async () => {
    const before = await t.server.db.query('SELECT 1 FROM csat_answers');
    const keyboard = { messageId: 1, text: 'x', keyboard: [[{ text: '★', callback_data: `csat:${'A'.repeat(22)}:5` }]] };
    expect((await tgDeliver(tgCallbackQuery(30010, 'csat-forged', `csat:${'A'.repeat(22)}:5`, keyboard))).status).toBe(200);
    await waitUntil(() => tgCalls('answerCallbackQuery').find((r) => (r.json as { callback_query_id: string }).callback_query_id === 'csat-forged'), 'the forged press acknowledged');
    expect(tgCalls('answerCallbackQuery').find((r) => (r.json as { callback_query_id: string }).callback_query_id === 'csat-forged')?.json)
      .toEqual({ callback_query_id: 'csat-forged', text: 'This satisfaction survey does not exist or is not yours.' });
    expect(await t.server.db.query('SELECT 1 FROM csat_answers')).toHaveLength(before.length);
  });

  it('WhatsApp: the survey goes as a 5-row list message; the picked row is stored; a second pick replaces it (the latest counts)', async () => {
    expect((await waDeliver(waText('wamid.IN1', '您好，我的订单还没到'))).status).toBe(200);
    const conversationId = (await conversationOfExternal(t, whatsapp.id, 'wamid.IN1'))!;
    await replyAndResolve(conversationId);

    const survey = await waitUntil(() => waCalls().find((r) => JSON.stringify(r.json).includes('csat:')), 'the survey on WhatsApp');
    const body = survey.json as { to: string; type: string; interactive: { type: string; body: { text: string }; action: { button: string; sections: { rows: { id: string; title: string }[] }[] } } };
    expect(body).toMatchObject({ messaging_product: 'whatsapp', to: '16505551234', type: 'interactive', interactive: { type: 'list', body: { text: QUESTION_ZH } } });
    const rows = body.interactive.action.sections[0]!.rows;
    expect(rows.map((r) => r.title)).toEqual(['★★★★★ 非常满意', '★★★★ 满意', '★★★ 一般', '★★ 不满意', '★ 非常不满意']);
    for (const row of rows) expect([...row.title].length).toBeLessThanOrEqual(24);
    const listWamid = `wamid.CSAT${wamids}`;
    const rowFor = (rating: number) => rows.find((r) => r.id.endsWith(`:${rating}`))!;

    expect((await waDeliver(waListReply('wamid.PICK1', rowFor(3).id, rowFor(3).title, listWamid))).status).toBe(200);
    // Meta delivering the same webhook again changes nothing.
    expect((await waDeliver(waListReply('wamid.PICK1', rowFor(3).id, rowFor(3).title, listWamid))).status).toBe(200);
    expect(await answers(conversationId)).toEqual([{ rating: 3, comment: null, via: 'whatsapp', late: false, changes: 0, agent_id: t.agentId }]);

    expect((await waDeliver(waListReply('wamid.PICK2', rowFor(5).id, rowFor(5).title, listWamid))).status).toBe(200);
    expect(await answers(conversationId)).toEqual([{ rating: 5, comment: null, via: 'whatsapp', late: false, changes: 1, agent_id: t.agentId }]);
    const lines = await answerLines(conversationId);
    expect(lines.map((m) => m.system?.params)).toEqual([{ rating: '3' }, { rating: '5', changed: 'true' }]);
    expect(lines.every((m) => m.internal)).toBe(true);
    // No pick became a customer message, and nothing opened a new conversation.
    const open = await t.server.db.query("SELECT 1 FROM conversations WHERE channel_id = $1 AND status = 'open'", [whatsapp.id]);
    expect(open).toHaveLength(0);
  });

  it('email: the survey mail carries a signed link to a survey page that takes the answer and a comment', async () => {
    await nodemailer.createTransport({ host: '127.0.0.1', port: t.server.channels.smtpPort!, secure: false, ignoreTLS: true }).sendMail({
      envelope: { from: CUSTOMER_MAIL, to: MAILBOX },
      raw: [`From: Lena Park <${CUSTOMER_MAIL}>`, `To: ${MAILBOX}`, 'Subject: My parcel', `Message-ID: <parcel-1@example.com>`, '', 'My parcel never came', ''].join('\r\n'),
    });
    const conversationId = await waitUntil(() => conversationOfExternal(t, email.id, '<parcel-1@example.com>'), 'the email stored');
    await replyAndResolve(conversationId);

    const mail = await mailOut.waitFor((m) => m.parsed.text?.includes('/csat/') === true, 'the survey mail');
    expect(mail.to).toEqual([CUSTOMER_MAIL]);
    expect(mail.parsed.text).toContain(QUESTION_EN);
    const link = /(http:\/\/\S+\/csat\/\S+)/.exec(mail.parsed.text!)![1]!;
    // The link is built when sent: the thread holds the question only.
    const surveyLine = (await threadOf(t.agent, conversationId)).find((m) => m.system?.code === 'csat_survey')!;
    expect(surveyLine.body).toBe(QUESTION_EN);

    const html = { accept: 'text/html,application/xhtml+xml' };
    const page = await http(link, { headers: html });
    expect(page.status).toBe(200);
    expect(page.text).toContain(QUESTION_EN);
    expect(page.text).toContain('name="rating" value="5"');
    expect(page.text).not.toContain('<script');
    const csp = (await fetch(link, { headers: html })).headers.get('content-security-policy');
    expect(csp).toContain("default-src 'none'");

    const form = new URLSearchParams({ rating: '2', comment: 'Took a week to answer' }).toString();
    const posted = await http(link, { method: 'POST', headers: { ...html, 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    expect(posted.status).toBe(200);
    expect(posted.text).toContain('Thank you! Your rating was saved.');
    expect(await answers(conversationId)).toEqual([{ rating: 2, comment: 'Took a week to answer', via: 'link', late: false, changes: 0, agent_id: t.agentId }]);
    const { csat } = data(await csatOf(t.agent, conversationId));
    expect(csat?.answer).toMatchObject({ rating: 2, comment: 'Took a week to answer', via: 'link' });
  });

  it('WeChat: a Chinese-speaking customer gets the Chinese question with a signed link; the page answers in Chinese', async () => {
    const hook = `${t.server.url}/webhooks/wechat/${wechat.id}?${wxSignedQuery(WX_TOKEN)}&openid=${WX_OPENID}`;
    expect((await http(hook, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: wxText('7000000000000001', '我的订单还没发货') })).status).toBe(200);
    await webhooksProcessed(t.server);
    const conversationId = (await conversationOfExternal(t, wechat.id, '7000000000000001'))!;
    await replyAndResolve(conversationId);

    const sent = await waitUntil(
      () => platform.requests.find((r) => r.path === '/wx/cgi-bin/message/custom/send' && JSON.stringify(r.json).includes('/csat/')),
      'the survey on WeChat',
    );
    const message = sent.json as { touser: string; msgtype: string; text: { content: string } };
    expect(message).toMatchObject({ touser: WX_OPENID, msgtype: 'text' });
    expect(message.text.content).toMatch(/^您对今天的服务满意吗？\n\n请点击链接评价： http:\/\/\S+\/csat\/\S+\?lang=zh$/);
    const link = /(http:\/\/\S+\/csat\/\S+)$/.exec(message.text.content)![1]!;
    const page = await http(link, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.text).toContain(QUESTION_ZH);
    expect(page.text).toContain('★★★★★ 非常满意');
    const posted = await http(link, { method: 'POST', headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, body: 'rating=1' });
    expect(posted.text).toContain('谢谢！您的评价已保存。');
    expect(await answers(conversationId)).toEqual([{ rating: 1, comment: null, via: 'link', late: false, changes: 0, agent_id: t.agentId }]);
  });

  it('a forged or altered survey link is refused with survey_invalid, an expired one with survey_expired; nothing is stored', async () => {
    const rows = await t.server.db.query<{ token: string; conversation_id: string }>("SELECT token, conversation_id FROM csat_requests WHERE channel_kind = 'email'");
    const { token, conversation_id: conversationId } = rows[0]!;
    const before = await answers(conversationId);
    const json = { 'content-type': 'application/x-www-form-urlencoded' };
    const good = signSurveyLink(TOKEN_SECRET, token, Date.now() + 86_400_000);
    const forged = signSurveyLink('not the server secret', token, Date.now() + 86_400_000);
    const moved = `${good.split('.')[0]}.${Number(good.split('.')[1]) + 3600}.${good.split('.')[2]}`;
    for (const link of [forged, moved, `${randomUUID()}`, `${'B'.repeat(22)}.${good.split('.')[1]}.${good.split('.')[2]}`]) {
      const answer = await http(`${t.server.url}/csat/${link}`, { method: 'POST', headers: json, body: 'rating=5' });
      expect({ link, status: answer.status, json: answer.json }).toMatchObject({ link, status: 404, json: { code: 'survey_invalid' } });
      const shown = await http(`${t.server.url}/csat/${link}?lang=zh`, { headers: { accept: 'text/html' } });
      expect(shown.status).toBe(404);
      expect(shown.text).toContain('data-state="survey_invalid"');
      expect(shown.text).toContain('该调查链接无效。');
    }
    const expired = signSurveyLink(TOKEN_SECRET, token, Date.now() - 1000);
    const late = await http(`${t.server.url}/csat/${expired}`, { method: 'POST', headers: json, body: 'rating=5' });
    expect(late).toMatchObject({ status: 410, json: { code: 'survey_expired' } });
    expect(await answers(conversationId)).toEqual(before);
  });

  it('widget: the survey line arrives as a stars card; the answer with a comment is stored once and pushed to the agent', async () => {
    const visitor = await connectVisitor(t.server.url, { name: 'Widget Customer' });
    const seen = record<VisitorMessage>(visitor.socket, 'message:new');
    const agentSaw = record<Message>(t.agent, 'message:new');
    const { conversationId } = await visitorSays(t.server, { socket: visitor.socket, contactId: visitor.session.contactId }, 'Do you ship to Macau?');
    await replyAndResolve(conversationId);

    const survey = await waitUntil(() => seen.find((m) => m.system?.code === 'csat_survey'), 'the survey in the widget');
    expect(survey).toMatchObject({ from: 'system', body: QUESTION_EN });

    const first = await request<{ status: string }>(visitor.socket, 'visitor:csat', { messageId: survey.id, rating: 5, comment: 'Quick and kind' });
    expect(data(first)).toEqual({ status: 'stored' });
    expect(data(await request(visitor.socket, 'visitor:csat', { messageId: survey.id, rating: 5, comment: 'Quick and kind' }))).toEqual({ status: 'unchanged' });
    expect(await answers(conversationId)).toEqual([{ rating: 5, comment: 'Quick and kind', via: 'widget', late: false, changes: 0, agent_id: t.agentId }]);

    const line = await waitUntil(() => agentSaw.find((m) => m.conversationId === conversationId && m.system?.code === 'csat_answer'), 'the answer pushed to the agent');
    expect(line).toMatchObject({ internal: true, system: { code: 'csat_answer', params: { rating: '5', comment: 'Quick and kind' } } });
    // The customer never sees the agents-only line.
    expect(seen.some((m) => m.system?.code === 'csat_answer')).toBe(false);

    // The page loaded again shows the survey as answered with the stars given.
    const history = data(await request<{ messages: VisitorMessage[] }>(visitor.socket, 'visitor:history', {}));
    expect(history.messages.find((m) => m.id === survey.id)).toMatchObject({ system: { code: 'csat_survey' }, surveyRating: 5 });
    expect(history.messages.filter((m) => m.surveyRating !== undefined)).toHaveLength(1);

    // Another visitor cannot answer this customer's survey.
    const other = await connectVisitor(t.server.url, { name: 'Someone Else' });
    expect(await request(other.socket, 'visitor:csat', { messageId: survey.id, rating: 1 })).toMatchObject({ ok: false, error: { code: 'survey_invalid' } });
    expect((await answers(conversationId))[0]?.rating).toBe(5);
  });

  it('no survey is sent on a channel the admin did not tick, nor when surveys are off', async () => {
    data(await request(t.admin, 'csat:admin:settings', {
      save: { enabled: true, channelKinds: ['widget'], questionEn: QUESTION_EN, questionZh: QUESTION_ZH, linkValidDays: 7 },
    }));
    expect((await tgDeliver(tgText(30020, 4020, 'Another thing'))).status).toBe(200);
    const conversationId = (await conversationOfExternal(t, telegram.id, `${TG_CHAT}:4020`))!;
    await replyAndResolve(conversationId);
    await deliveriesDrained(t.server);
    const requests = await t.server.db.query('SELECT 1 FROM csat_requests WHERE conversation_id = $1', [conversationId]);
    expect(requests).toHaveLength(0);
    expect(data(await csatOf(t.agent, conversationId))).toEqual({ csat: null });
  });
});
