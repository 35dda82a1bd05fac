import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelView } from '../../shared/channels';
import {
  conversationOfExternal, messageCount as countMessages, postBody, reply, startPlatformChannel, stopPlatformChannel, threadOf, waitForDelivery,
  type ChannelTestServer,
} from '../support/channels';
import { deliveriesDrained } from '../support/barriers';
import type { RecordingServer } from '../support/recording-server';
import { databaseTargets } from '../support/databases';
import { TG_CHAT, tgCallbackQuery, tgGroupText, tgSent, tgText } from '../support/platform-payloads';

const BOT_TOKEN = '110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const WEBHOOK_SECRET = 'telegram-secret-token_2';

const targets = await databaseTargets();

describe.each(targets)('Telegram inline keyboards, pressed buttons and group chats on $label', (target) => {
  let t: ChannelTestServer;
  let api: RecordingServer;
  let channel: ChannelView;
  let sentIds = 7000;

  const deliver = (payload: unknown) =>
    postBody(`${t.server.url}/webhooks/telegram/${channel.id}`, payload, { 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET });
  const calls = (method: string) => api.requests.filter((r) => r.path === `/bot${BOT_TOKEN}/${method}`);

  beforeAll(async () => {
    ({ t, platform: api, channel } = await startPlatformChannel(target, {
      answer: (r) => {
        if (r.method !== 'POST') return undefined;
        if (r.path.endsWith('/answerCallbackQuery')) return { json: { ok: true, result: true } };
        return { json: tgSent(++sentIds, (r.json as { text?: string } | null)?.text ?? '') };
      },
      channel: (url) => ({
        kind: 'telegram', name: 'Telegram', config: { apiBaseUrl: url, bot: true }, secrets: { botToken: BOT_TOKEN, webhookSecret: WEBHOOK_SECRET },
      }),
    }));
  });

  afterAll(() => stopPlatformChannel(t, api));

  it('sends the bot’s offer of a person as an inline keyboard; the pressed button is the customer’s choice, stored once and answered', async () => {
    expect((await deliver(tgText(20000, 2001, 'qwzx plorf vrumble'))).status).toBe(200);
    const conversationId = (await conversationOfExternal(t, channel.id, `${TG_CHAT}:2001`))!;
    await deliveriesDrained(t.server);
    const withKeyboard = calls('sendMessage').find((r) => (r.json as { reply_markup?: unknown }).reply_markup);
    expect(withKeyboard?.json).toMatchObject({
      chat_id: TG_CHAT, text: expect.stringContaining('Sorry'),
      reply_markup: { inline_keyboard: [[{ text: 'Talk to an agent', callback_data: 'Talk to an agent' }]] },
    });
    const keyboardMessage = { messageId: sentIds, text: (withKeyboard!.json as { text: string }).text, keyboard: [[{ text: 'Talk to an agent', callback_data: 'Talk to an agent' }]] };

    const before = await countMessages(t);
    for (let i = 0; i < 2; i++) expect((await deliver(tgCallbackQuery(20001, '4382bfdwdsb323b2d9', 'Talk to an agent', keyboardMessage))).status).toBe(200);
    const choice = (await threadOf(t.agent, conversationId)).filter((m) => m.senderType === 'contact' && m.body === 'Talk to an agent');
    expect(choice).toHaveLength(1);
    expect(choice[0]).toMatchObject({ senderName: 'Test Firstname Test Lastname', channelDetails: { quote: { senderType: 'bot', body: expect.stringContaining('Sorry') } } });
    // The choice reached the bot like a typed message: the conversation went to a person.
    const state = await t.server.db.query<{ routing_state: string }>('SELECT routing_state FROM conversations WHERE id = $1', [conversationId]);
    expect(state[0]?.routing_state).not.toBe('bot');
    expect(await countMessages(t)).toBeGreaterThan(before);
    await expect.poll(() => calls('answerCallbackQuery').map((r) => r.json)).toEqual([
      { callback_query_id: '4382bfdwdsb323b2d9' }, { callback_query_id: '4382bfdwdsb323b2d9' },
    ]);
  });

  it('sends a reply written in Markdown as plain text, the link as its address', async () => {
    const conversationId = (await conversationOfExternal(t, channel.id, `${TG_CHAT}:2001`))!;
    const sent = await reply(t.agent, conversationId, '## Returns\n\nSend it back within **7 days**: see [the guide](https://shop.example/returns).');
    await waitForDelivery(t.agent, conversationId, sent.message.id, 'sent');
    expect(calls('sendMessage').at(-1)!.json).toEqual({
      chat_id: TG_CHAT, text: 'Returns\n\nSend it back within 7 days: see the guide (https://shop.example/returns).',
    });
  });

  it('refuses group chats with a log line: nothing is stored, Telegram is answered so it does not retry', async () => {
    const before = await countMessages(t);
    const answer = await deliver(tgGroupText(20002, 3001, 'hello from the group'));
    expect(answer).toMatchObject({ status: 200, json: { received: 0 } });
    expect(await countMessages(t)).toBe(before);
    const contacts = await t.server.db.query('SELECT 1 FROM contact_identities WHERE channel_id = $1 AND external_id = $2', [channel.id, '-1001234567890']);
    expect(contacts).toHaveLength(0);
    expect(t.logs.some((l) => l.includes('only private chats are taken') && l.includes('supergroup') && l.includes(channel.id))).toBe(true);
  });
});
