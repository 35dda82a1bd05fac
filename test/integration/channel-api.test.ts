import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelView } from '../../shared/channels';
import { request } from '../support/server-fixture';
import {
  bearer, data, messageCount as countMessages, postBody, reply, startPlatformChannel, stopPlatformChannel, threadOf, waitForDelivery,
  type ChannelTestServer,
} from '../support/channels';
import { deliveriesDrained } from '../support/barriers';
import type { RecordingServer } from '../support/recording-server';
import { databaseTargets } from '../support/databases';

const API_TOKEN = 'shop-app-token-0123456789';
const WEBHOOK_SECRET = 'shop-webhook-secret';

const targets = await databaseTargets();

describe.each(targets)('generic API channel for a shop’s own app on $label', (target) => {
  let t: ChannelTestServer;
  let app: RecordingServer;
  let channel: ChannelView;

  const post = (body: unknown, token: string | null = API_TOKEN) =>
    postBody(`${t.server.url}/api/channels/${channel.id}/messages`, body, token === null ? {} : bearer(token));
  const messageCount = () => countMessages(t);

  beforeAll(async () => {
    ({ t, platform: app, channel } = await startPlatformChannel(target, {
      answer: (r) => (r.method === 'POST' ? { json: { id: `app-${r.headers['x-switchboard-timestamp']}` } } : undefined),
      channel: (url) => ({
        kind: 'api', name: 'Shop app', config: { webhookUrl: `${url}/switchboard/replies` },
        secrets: { apiToken: API_TOKEN, webhookSecret: WEBHOOK_SECRET },
      }),
    }));
    // The customer's words ("delivery") route the chat to after-sales: 王芳 answers it, so she works there too.
    await t.server.db.query(
      `INSERT INTO user_skill_groups (user_id, skill_group_id)
       SELECT $1, id FROM skill_groups WHERE account_id = $2 ON CONFLICT DO NOTHING`,
      [t.agentId, t.accountId],
    );
  });

  afterAll(() => stopPlatformChannel(t, app));

  let conversationId: string;

  it('stores a message posted with the channel token (201), and the same id again once (200)', async () => {
    const body = { id: 'msg-1', contact: { id: 'user-42', name: 'Lena Park', email: 'lena@example.com' }, text: 'Can I change my delivery address?' };
    const first = await post(body);
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ duplicate: false });
    conversationId = (first.json as { conversationId: string }).conversationId;
    const again = await post(body);
    expect(again).toMatchObject({ status: 200, json: { duplicate: true, conversationId } });
    const thread = await threadOf(t.agent, conversationId);
    expect(thread.filter((m) => m.senderType === 'contact').map((m) => m.body)).toEqual(['Can I change my delivery address?']);
    expect(thread[0]?.senderName).toBe('Lena Park');
  });

  it('refuses a wrong or missing token with 401 and stores nothing', async () => {
    const before = await messageCount();
    expect((await post({ id: 'msg-x', contact: { id: 'u' }, text: 'x' }, 'guess')).status).toBe(401);
    expect((await post({ id: 'msg-x', contact: { id: 'u' }, text: 'x' }, null)).status).toBe(401);
    expect(await messageCount()).toBe(before);
  });

  it('answers malformed bodies with 400 saying what is wrong, and a log line', async () => {
    expect((await post('not json')).status).toBe(400);
    const missing = await post({ id: 'msg-2', contact: { id: 'user-42' } });
    expect(missing).toMatchObject({ status: 400, json: { code: 'bad_request' } });
    expect((missing.json as { message: string }).message).toMatch(/text or an attachment/);
    expect((await post({ id: 'msg-2', contact: {}, text: 'hi' })).status).toBe(400);
    expect(t.logs.some((l) => l.includes('malformed webhook payload refused') && l.includes(channel.id))).toBe(true);
  });

  it('takes attachments and locations', async () => {
    const photo = await post({
      id: 'msg-3', contact: { id: 'user-42' }, text: 'This arrived broken',
      attachment: { kind: 'image', url: 'https://shop.example/u/42/broken.jpg', mimeType: 'image/jpeg', size: 204800 },
    });
    expect(photo.status).toBe(201);
    const thread = await threadOf(t.agent, conversationId);
    expect(thread.at(-1)).toMatchObject({
      body: '[Photo: 200 KB] This arrived broken', attachment: { kind: 'image', url: 'https://shop.example/u/42/broken.jpg', caption: 'This arrived broken' },
    });
  });

  it('POSTs the agent’s reply to the app’s webhook, signed with the webhook secret', async () => {
    app.clear();
    const sent = await reply(t.agent, conversationId, 'Yes, until it ships. What is the new address?');
    const call = await app.waitFor((r) => r.method === 'POST', 'the reply webhook');
    expect(call.path).toBe('/switchboard/replies');
    const timestamp = String(call.headers['x-switchboard-timestamp']);
    const expected = `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(`${timestamp}.${call.body}`).digest('hex')}`;
    expect(call.headers['x-switchboard-signature']).toBe(expected);
    expect(call.json).toMatchObject({
      event: 'message.created', channelId: channel.id, contact: { id: 'user-42' },
      message: { id: sent.message.id, conversationId, text: 'Yes, until it ships. What is the new address?', sender: { type: 'agent', name: '王芳' } },
    });
    await waitForDelivery(t.agent, conversationId, sent.message.id, 'sent');
  });

  it('retries when the app is down and marks the reply failed with what it said', async () => {
    app.clear();
    const stop = app.answer((r) => (r.method === 'POST' ? { status: 502, json: { message: 'upstream unavailable' } } : undefined));
    const sent = await reply(t.agent, conversationId, 'Are you there?');
    const failed = await waitForDelivery(t.agent, conversationId, sent.message.id, 'failed');
    stop();
    expect(app.requests).toHaveLength(3);
    expect(failed.delivery?.reason).toBe("the shop's app answered HTTP 502: upstream unavailable");
  });

  it('never POSTs a whisper or a private note to the app', async () => {
    app.clear();
    data(await request(t.admin, 'note:add', { conversationId, body: 'Whisper: VIP' }));
    data(await request(t.agent, 'note:add', { conversationId, body: 'Note' }));
    await deliveriesDrained(t.server);
    expect(app.requests).toHaveLength(0);
  });
});
