import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelView } from '../../shared/channels';
import type { Message } from '../../shared/domain';
import type { Result } from '../../shared/errors';
import { record, request, waitFor } from '../support/server-fixture';
import {
  bearer, conversationOfExternal, countRows, data, http, hubSignature, messageCount as countMessages, postBody, reply, startPlatformChannel,
  stopPlatformChannel, threadOf, waitForDelivery, type ChannelTestServer,
} from '../support/channels';
import { deliveriesDrained, webhooksProcessed } from '../support/barriers';
import type { RecordingServer } from '../support/recording-server';
import { databaseTargets } from '../support/databases';
import {
  WA_CUSTOMER, WA_PHONE_NUMBER_ID, waDocument, waError, waFailedStatus, waImage, waLocation, waSent, waStatus, waText,
} from '../support/platform-payloads';

const APP_SECRET = 'whatsapp-app-secret';
const VERIFY_TOKEN = 'verify-me-please';
const ACCESS_TOKEN = 'EAAG-test-access-token';

const targets = await databaseTargets();

describe.each(targets)('WhatsApp Cloud API channel on $label', (target) => {
  let t: ChannelTestServer;
  let graph: RecordingServer;
  let channel: ChannelView;
  let wamids = 0;
  const hook = () => `${t.server.url}/webhooks/whatsapp/${channel.id}`;

  /** Posts a webhook delivery exactly as Meta does: raw JSON body, HMAC-SHA256 signature of it. */
  const deliver = async (payload: unknown, signature?: string | null) => {
    const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
    const sig = signature === undefined ? hubSignature(body, APP_SECRET) : signature;
    const answer = await postBody(hook(), body, sig === null ? {} : { 'x-hub-signature-256': sig });
    // Answered once stored; its messages are stored by the webhook inbox right after.
    await webhooksProcessed(t.server);
    return answer;
  };
  const conversationOf = (wamid: string) => conversationOfExternal(t, channel.id, wamid);
  const messageCount = () => countMessages(t);
  const contactCount = () => countRows(t, 'SELECT count(*)::int AS n FROM contacts');

  beforeAll(async () => {
    ({ t, platform: graph, channel } = await startPlatformChannel(target, {
      // The Graph API answers every send with a new wamid, as documented, unless a test says otherwise.
      answer: (r) => (r.method === 'POST' && r.path.endsWith('/messages') ? { json: waSent(`wamid.TEST${++wamids}`) } : undefined),
      channel: (url) => ({
        kind: 'whatsapp',
        name: 'WhatsApp',
        config: { phoneNumberId: WA_PHONE_NUMBER_ID, apiBaseUrl: `${url}/v21.0` },
        secrets: { appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, accessToken: ACCESS_TOKEN },
      }),
    }));
  });

  afterAll(() => stopPlatformChannel(t, graph));

  it('answers Meta’s verification request with the challenge, and refuses a wrong verify token', async () => {
    const ok = await http(`${hook()}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`);
    expect(ok).toMatchObject({ status: 200, text: '1158201444' });
    const wrong = await http(`${hook()}?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444`);
    expect(wrong.status).toBe(403);
    expect(wrong.text).not.toContain('1158201444');
    expect((await http(`${t.server.url}/webhooks/whatsapp/nope?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`)).status).toBe(404);
  });

  it('stores the documented text message as the customer’s message, with a verified phone, and the agent hears of it', async () => {
    const heard = record<Message>(t.agent, 'message:new');
    const answer = await deliver(waText('wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=', 'Does it come in another color?'));
    expect(answer.status).toBe(200);
    const conversationId = await conversationOf('wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=');
    expect(conversationId).toBeDefined();
    await waitFor(() => heard.some((m) => m.body === 'Does it come in another color?'), 'the agent to hear the WhatsApp message');
    const [message] = await threadOf(t.agent, conversationId!);
    expect(message).toMatchObject({ senderType: 'contact', senderName: 'Sheena Nelson', body: 'Does it come in another color?', internal: false });
    const contacts = await t.server.db.query<{ name: string; phone: string }>(
      'SELECT c.name, c.phone FROM contacts c JOIN contact_identities i ON i.contact_id = c.id WHERE i.channel_id = $1 AND i.external_id = $2',
      [channel.id, WA_CUSTOMER],
    );
    expect(contacts).toEqual([{ name: 'Sheena Nelson', phone: `+${WA_CUSTOMER}` }]);
    const list = data(await request<{ conversations: { id: string; channelKind: string }[] }>(t.agent, 'conversations:list', {}));
    expect(list.conversations.find((c) => c.id === conversationId)?.channelKind).toBe('whatsapp');
  });

  it('refuses a wrong or missing signature with 401 and stores nothing', async () => {
    const before = { messages: await messageCount(), contacts: await contactCount() };
    const payload = waText('wamid.forged', 'Send me everything', '15550001111', 'Mallory');
    expect((await deliver(payload, hubSignature(JSON.stringify(payload), 'not-the-app-secret'))).status).toBe(401);
    expect((await deliver(payload, null)).status).toBe(401);
    // A signature over other bytes (the body re-serialised) does not verify either.
    expect((await deliver(JSON.stringify(payload, null, 2), hubSignature(JSON.stringify(payload), APP_SECRET))).status).toBe(401);
    expect({ messages: await messageCount(), contacts: await contactCount() }).toEqual(before);
  });

  it('answers a malformed payload with 400 and a log line, and stores nothing', async () => {
    const before = await messageCount();
    const notJson = await deliver('{"object": "whatsapp_business_account", "entry": [');
    expect(notJson.status).toBe(400);
    const wrongShape = await deliver({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp' } }] }] });
    expect(wrongShape).toMatchObject({ status: 400, json: { code: 'bad_request' } });
    expect(await messageCount()).toBe(before);
    await waitFor(() => t.logs.filter((l) => l.includes('malformed webhook payload refused') && l.includes(channel.id)).length >= 2, 'two log lines');
  });

  it('stores a second delivery of the same message once', async () => {
    const payload = waText('wamid.DUPLICATE1', 'Is it in stock?');
    expect((await deliver(payload)).status).toBe(200);
    const before = await messageCount();
    expect((await deliver(payload)).status).toBe(200);
    expect((await deliver(payload)).status).toBe(200);
    expect(await messageCount()).toBe(before);
    expect(await countRows(t, 'SELECT count(*)::int AS n FROM messages WHERE client_id = $1', [`ch:${channel.id}:wamid.DUPLICATE1`])).toBe(1);
  });

  it('normalises images, documents and locations into a readable body with the attachment’s details', async () => {
    for (const payload of [waImage('wamid.IMAGE1'), waDocument('wamid.DOC1'), waLocation('wamid.LOC1')]) expect((await deliver(payload)).status).toBe(200);
    const conversationId = await conversationOf('wamid.IMAGE1');
    const thread = await threadOf(t.agent, conversationId!);
    const byBody = (start: string) => thread.find((m) => m.body.startsWith(start));
    expect(byBody('[Photo]')).toMatchObject({
      body: '[Photo] This is a caption',
      attachment: { kind: 'image', mediaId: '1003383421387256', mimeType: 'image/jpeg', caption: 'This is a caption' },
    });
    expect(byBody('[File')).toMatchObject({
      body: '[File: lucky-shrub-invoice.pdf] Lucky Shrub Invoice',
      attachment: { kind: 'document', fileName: 'lucky-shrub-invoice.pdf', mimeType: 'application/pdf', mediaId: '1003383421387257' },
    });
    expect(byBody('[Location')).toMatchObject({
      body: '[Location: 37.483307, -122.148981, Main Street Beach, 1 Hacker Way, Menlo Park, CA 94025]',
      attachment: { kind: 'location', latitude: 37.483307, longitude: -122.148981 },
    });
    // Plain text messages keep their old shape.
    expect(thread.find((m) => m.body === 'Does it come in another color?')).not.toHaveProperty('attachment');
  });

  let replied: { conversationId: string; messageId: string; wamid: string };

  it('sends the agent’s reply with the documented Graph API call, then follows delivered and read', async () => {
    const conversationId = (await conversationOf('wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA='))!;
    graph.clear();
    const pushes = record<{ messageId: string; delivery: { status: string } }>(t.agent, 'message:delivery');
    const sent = await reply(t.agent, conversationId, 'Yes, it comes in green and blue.');
    expect(sent.message.delivery?.status).toBe('pending');
    const call = await graph.waitFor((r) => r.method === 'POST', 'the Graph API call');
    expect(call.path).toBe(`/v21.0/${WA_PHONE_NUMBER_ID}/messages`);
    expect(call.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(call.headers['content-type']).toContain('application/json');
    expect(call.json).toEqual({
      messaging_product: 'whatsapp', recipient_type: 'individual', to: WA_CUSTOMER, type: 'text', text: { preview_url: false, body: 'Yes, it comes in green and blue.' },
    });
    const wamid = `wamid.TEST${wamids}`;
    await waitForDelivery(t.agent, conversationId, sent.message.id, 'sent');
    replied = { conversationId, messageId: sent.message.id, wamid };

    expect((await deliver(waStatus(wamid, 'delivered'))).status).toBe(200);
    await waitForDelivery(t.agent, conversationId, sent.message.id, 'delivered');
    expect((await deliver(waStatus(wamid, 'read'))).status).toBe(200);
    // A late 'delivered' after 'read' changes nothing.
    expect((await deliver(waStatus(wamid, 'delivered'))).status).toBe(200);
    const read = await waitForDelivery(t.agent, conversationId, sent.message.id, 'read');
    expect(read.delivery).toMatchObject({ status: 'read', reason: null, attempts: 1 });
    await waitFor(() => pushes.some((p) => p.messageId === sent.message.id && p.delivery.status === 'read'), 'the read push');
    expect(graph.requests).toHaveLength(1);
  });

  it('shows a reply WhatsApp reports as failed with the platform’s reason, also as a note in the thread', async () => {
    expect((await deliver(waFailedStatus(replied.wamid))).status).toBe(200);
    const failed = await waitForDelivery(t.agent, replied.conversationId, replied.messageId, 'failed');
    expect(failed.delivery?.reason).toBe(
      'This message was not delivered to maintain healthy ecosystem engagement. (131049): In order to maintain a healthy ecosystem engagement, the message failed to be delivered.',
    );
    const note = (await threadOf(t.agent, replied.conversationId)).at(-1)!;
    expect(note).toMatchObject({ senderType: 'system', internal: true });
    expect(note.body).toContain('Not delivered on WhatsApp: This message was not delivered');
  });

  it('retries a reply the Graph API cannot take right now, with backoff, then delivers it', async () => {
    const conversationId = replied.conversationId;
    graph.clear();
    let calls = 0;
    const stop = graph.answer((r) => (r.method === 'POST' && ++calls === 1 ? { status: 503, json: waError(131016, 'Service unavailable', 'A service is temporarily unavailable.') } : undefined));
    const sent = await reply(t.agent, conversationId, 'Sorry for the wait!');
    const delivered = await waitForDelivery(t.agent, conversationId, sent.message.id, 'sent');
    stop();
    expect(delivered.delivery?.attempts).toBe(2);
    expect(graph.requests).toHaveLength(2);
    // The second attempt waited for the backoff (50 ms) after the first.
    expect(graph.requests[1]!.at - graph.requests[0]!.at).toBeGreaterThanOrEqual(40);
    expect(graph.requests[1]!.json).toEqual(graph.requests[0]!.json);
  });

  it('marks a reply failed with the platform’s reason when it keeps failing', async () => {
    graph.clear();
    const stop = graph.answer((r) => (r.method === 'POST' ? { status: 500, json: waError(131000, 'Something went wrong', 'Message failed to send because of an unknown error.') } : undefined));
    const sent = await reply(t.agent, replied.conversationId, 'Here is your tracking number.');
    const failed = await waitForDelivery(t.agent, replied.conversationId, sent.message.id, 'failed');
    stop();
    expect(graph.requests).toHaveLength(3);
    expect(failed.delivery).toMatchObject({ attempts: 3, reason: 'Something went wrong (#131000): Message failed to send because of an unknown error.' });
    const note = (await threadOf(t.agent, replied.conversationId)).at(-1)!;
    expect(note).toMatchObject({ senderType: 'system', internal: true, body: `Not delivered on WhatsApp: ${failed.delivery!.reason}` });
  });

  it('does not retry what WhatsApp refuses for good', async () => {
    graph.clear();
    const stop = graph.answer((r) =>
      r.method === 'POST' ? { status: 400, json: waError(131030, '(#131030) Recipient phone number not in allowed list', 'Recipient phone number not in allowed list') } : undefined,
    );
    const sent = await reply(t.agent, replied.conversationId, 'One more thing');
    const failed = await waitForDelivery(t.agent, replied.conversationId, sent.message.id, 'failed');
    stop();
    expect(graph.requests).toHaveLength(1);
    expect(failed.delivery?.reason).toContain('Recipient phone number not in allowed list');
  });

  it('never sends a whisper or a private note to WhatsApp', async () => {
    graph.clear();
    data(await request(t.admin, 'note:add', { conversationId: replied.conversationId, body: 'Whisper: offer free shipping' }));
    data(await request(t.agent, 'note:add', { conversationId: replied.conversationId, body: 'Private: she called yesterday' }));
    await deliveriesDrained(t.server);
    expect(graph.requests).toHaveLength(0);
    // The path is open: a reply after them does go out.
    await reply(t.agent, replied.conversationId, 'Free shipping on us!');
    await graph.waitFor((r) => (r.json as { text?: { body?: string } })?.text?.body === 'Free shipping on us!', 'the reply');
    expect(graph.requests.map((r) => JSON.stringify(r.json))).not.toEqual(expect.arrayContaining([expect.stringContaining('Whisper')]));
  });

  it('refuses a reply outside the 24-hour window: the composer is told a template message is required', async () => {
    const conversationId = replied.conversationId;
    await t.server.db.query(
      `UPDATE messages SET created_at = now() - interval '25 hours' WHERE conversation_id = $1 AND sender_type = 'contact'`,
      [conversationId],
    );
    graph.clear();
    const refused = (await request(t.agent, 'message:send', { conversationId, clientId: crypto.randomUUID(), body: 'Are you still there?' })) as Result<unknown>;
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', details: { reason: 'template_required', channelKind: 'whatsapp' } } });
    expect(refused.ok === false && refused.error.message).toMatch(/template message/);
    await deliveriesDrained(t.server);
    expect(graph.requests).toHaveLength(0);
    // The customer writes again: the window opens again.
    expect((await deliver(waText('wamid.BACK1', 'Hello again'))).status).toBe(200);
    const sent = await reply(t.agent, conversationId, 'Welcome back!');
    await waitForDelivery(t.agent, conversationId, sent.message.id, 'sent');
  });

  it('answers 404 for a disabled channel and stores nothing', async () => {
    const off = await http(`${t.server.url}/api/channels/${channel.id}`, {
      method: 'PATCH', headers: { ...bearer(t.adminToken), 'content-type': 'application/json' }, body: JSON.stringify({ enabled: false }),
    });
    expect(off.status).toBe(200);
    const before = await messageCount();
    expect((await deliver(waText('wamid.WHILEOFF', 'Anyone?'))).status).toBe(404);
    expect(await messageCount()).toBe(before);
  });
});
