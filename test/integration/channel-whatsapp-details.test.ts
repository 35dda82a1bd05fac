import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelView } from '../../shared/channels';
import {
  conversationOfExternal, countRows, hubSignature, postBody, reply, startPlatformChannel, stopPlatformChannel, threadOf, waitForDelivery,
  type ChannelTestServer,
} from '../support/channels';
import { deliveriesDrained, webhooksProcessed } from '../support/barriers';
import type { RecordingServer } from '../support/recording-server';
import { databaseTargets } from '../support/databases';
import {
  WA_CUSTOMER, WA_PHONE_NUMBER_ID, waButtonReply, waContacts, waNumberChanged, waReaction, waReply, waSent, waText,
} from '../support/platform-payloads';

const APP_SECRET = 'whatsapp-app-secret';
const NEW_NUMBER = '16505559999';

const targets = await databaseTargets();

describe.each(targets)('WhatsApp reactions, replies, contact cards, number changes and buttons on $label', (target) => {
  let t: ChannelTestServer;
  let graph: RecordingServer;
  let channel: ChannelView;
  let wamids = 0;

  const deliver = async (payload: unknown) => {
    const body = JSON.stringify(payload);
    const answer = await postBody(`${t.server.url}/webhooks/whatsapp/${channel.id}`, body, { 'x-hub-signature-256': hubSignature(body, APP_SECRET) });
    await webhooksProcessed(t.server);
    return answer;
  };
  const conversationOf = (wamid: string) => conversationOfExternal(t, channel.id, wamid);
  const sends = () => graph.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/messages'));

  beforeAll(async () => {
    ({ t, platform: graph, channel } = await startPlatformChannel(target, {
      answer: (r) => (r.method === 'POST' && r.path.endsWith('/messages') ? { json: waSent(`wamid.OUT${++wamids}`) } : undefined),
      channel: (url) => ({
        kind: 'whatsapp', name: 'WhatsApp', config: { phoneNumberId: WA_PHONE_NUMBER_ID, apiBaseUrl: `${url}/v21.0`, bot: true },
        secrets: { appSecret: APP_SECRET, verifyToken: 'verify-me', accessToken: 'EAAG-token' },
      }),
    }));
  });

  afterAll(() => stopPlatformChannel(t, graph));

  it('sends the bot’s offer of a person as a reply button, and a pressed button as the customer’s choice hands over', async () => {
    expect((await deliver(waText('wamid.IN1', 'qwzx plorf vrumble'))).status).toBe(200);
    const conversationId = (await conversationOf('wamid.IN1'))!;
    await deliveriesDrained(t.server);
    const interactive = sends().map((r) => r.json as { type: string; interactive?: Record<string, unknown> }).find((m) => m.type === 'interactive');
    expect(interactive).toMatchObject({
      messaging_product: 'whatsapp', to: WA_CUSTOMER, type: 'interactive',
      interactive: { type: 'button', body: { text: expect.stringContaining('Sorry') }, action: { buttons: [{ type: 'reply', reply: { id: 'choice:1', title: 'Talk to an agent' } }] } },
    });

    expect((await deliver(waButtonReply('wamid.IN2', 'choice:1', 'Talk to an agent'))).status).toBe(200);
    const thread = await threadOf(t.agent, conversationId);
    expect(thread.find((m) => m.senderType === 'contact' && m.body === 'Talk to an agent')).toBeTruthy();
    const state = await t.server.db.query<{ routing_state: string }>('SELECT routing_state FROM conversations WHERE id = $1', [conversationId]);
    expect(state[0]?.routing_state).not.toBe('bot');
  });

  it('shows a reaction to the agent’s reply with that reply quoted, never answered by the bot', async () => {
    const conversationId = (await conversationOf('wamid.IN1'))!;
    const sent = await reply(t.agent, conversationId, 'Your parcel ships **today**.');
    await waitForDelivery(t.agent, conversationId, sent.message.id, 'sent');
    const wamid = (await t.server.db.query<{ external_id: string }>('SELECT external_id FROM channel_deliveries WHERE message_id = $1', [sent.message.id]))[0]!.external_id;
    // WhatsApp shows emphasis in its own marks, never Markdown's.
    expect((sends().at(-1)!.json as { text: { body: string } }).text.body).toBe('Your parcel ships *today*.');

    const before = sends().length;
    expect((await deliver(waReaction('wamid.IN3', wamid, '👍'))).status).toBe(200);
    const reaction = (await threadOf(t.agent, conversationId)).find((m) => m.body === '[Reaction 👍]');
    expect(reaction).toMatchObject({
      senderType: 'contact', channelDetails: { reaction: { emoji: '👍' }, quote: { body: 'Your parcel ships **today**.', senderType: 'agent' } },
    });
    expect((await deliver(waReaction('wamid.IN4', wamid, ''))).status).toBe(200);
    expect((await threadOf(t.agent, conversationId)).find((m) => m.body === '[Reaction removed]')).toMatchObject({ channelDetails: { reaction: { emoji: null } } });
    await deliveriesDrained(t.server);
    expect(sends()).toHaveLength(before);
  });

  it('keeps the replied-to message with a reply, and the names and numbers of shared contact cards', async () => {
    expect((await deliver(waReply('wamid.IN5', 'This one please', 'wamid.IN1'))).status).toBe(200);
    expect((await deliver(waContacts('wamid.IN6'))).status).toBe(200);
    const thread = await threadOf(t.agent, (await conversationOf('wamid.IN5'))!);
    expect(thread.find((m) => m.body === 'This one please')).toMatchObject({ channelDetails: { quote: { body: 'qwzx plorf vrumble', senderType: 'contact' } } });
    expect(thread.find((m) => m.body.startsWith('[Contact'))).toMatchObject({
      body: '[Contact: Barbara Johnson +1 (940) 555-1234 +1 (650) 555-1234]',
      channelDetails: { contacts: [{ name: 'Barbara Johnson', phones: ['+1 (940) 555-1234', '+1 (650) 555-1234'] }] },
    });
  });

  it('moves the customer to their new number on user_changed_number, with an agents-only line and no customer message', async () => {
    const conversationId = (await conversationOf('wamid.IN1'))!;
    const customerMessages = () => countRows(t, "SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1 AND sender_type = 'contact'", [conversationId]);
    const before = await customerMessages();
    for (let i = 0; i < 2; i++) expect((await deliver(waNumberChanged('wamid.SYS1', WA_CUSTOMER, NEW_NUMBER))).status).toBe(200);
    expect(await customerMessages()).toBe(before);
    const lines = (await threadOf(t.agent, conversationId)).filter((m) => m.channelDetails?.numberChanged);
    expect(lines).toEqual([expect.objectContaining({
      senderType: 'system', internal: true, channelDetails: { numberChanged: { from: `+${WA_CUSTOMER}`, to: `+${NEW_NUMBER}` } },
    })]);
    const identity = await t.server.db.query<{ external_id: string }>('SELECT external_id FROM contact_identities WHERE channel_id = $1', [channel.id]);
    expect(identity.map((i) => i.external_id)).toEqual([NEW_NUMBER]);
    const contact = await t.server.db.query<{ phone: string }>('SELECT c.phone FROM contacts c JOIN contact_identities i ON i.contact_id = c.id WHERE i.channel_id = $1', [channel.id]);
    expect(contact[0]?.phone).toBe(`+${NEW_NUMBER}`);

    const sent = await reply(t.agent, conversationId, 'Noted your new number.');
    await waitForDelivery(t.agent, conversationId, sent.message.id, 'sent');
    expect(sends().at(-1)!.json).toMatchObject({ to: NEW_NUMBER, text: { body: 'Noted your new number.' } });
    // The customer writing from the new number is the same customer, in the same conversation.
    expect((await deliver(waText('wamid.IN7', 'Thanks!', NEW_NUMBER))).status).toBe(200);
    expect(await conversationOf('wamid.IN7')).toBe(conversationId);
  });
});
