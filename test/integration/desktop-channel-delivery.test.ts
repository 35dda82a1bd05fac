import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThreadMessage } from '../../shared/contract';
import { data, hubSignature, http, TEST_RETRY } from '../support/channels';
import { webhooksProcessed } from '../support/barriers';
import type { TestCore } from '../support/core-harness';
import { databaseTargets } from '../support/databases';
import { desktopBedFor } from '../support/desktop-bed';
import { closeAllSockets, connectAgent, DEMO_LOGINS, login, request } from '../support/server-fixture';
import { WA_PHONE_NUMBER_ID, waError, waSent, waStatus, waText } from '../support/platform-payloads';
import { startRecordingServer, type RecordingServer } from '../support/recording-server';
import type { TcpProxy } from '../support/tcp-proxy';
import { waitUntil } from '../support/wait';

const APP_SECRET = 'desk-delivery-app-secret';
const targets = await databaseTargets();

// Replies to a WhatsApp customer from the desktop: the delivery state the platform reports reaches
// the agent's cache and thread, also across a reconnect; replies outside the 24-hour window stay.
describe.each(targets)('WhatsApp replies through the desktop core on $label', (target) => {
  const bed = desktopBedFor(target, { deliveryPollMs: 50, deliveryRetry: TEST_RETRY });
  let graph: RecordingServer;
  /** The wamid the Graph API answered each reply's text with. */
  const wamids = new Map<string, string>();
  let proxy: TcpProxy;
  let channelId = '';
  let wang: TestCore;
  let conversationId = '';

  /** A webhook delivery exactly as Meta signs it. */
  const deliver = async (payload: unknown) => {
    const body = JSON.stringify(payload);
    const answer = await http(`${bed.server.url}/webhooks/whatsapp/${channelId}`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(body, APP_SECRET) }, body,
    });
    expect(answer.status).toBe(200);
    await webhooksProcessed(bed.server);
  };
  /** The reply as the agent's desktop shows it now (from its cache). */
  const cached = async (core: TestCore, body: string): Promise<ThreadMessage | undefined> =>
    (await core.call('messages.list', { conversationId })).find((m) => m.body === body);
  const waitForStatus = (core: TestCore, body: string, status: string) =>
    waitUntil(async () => {
      const message = await cached(core, body);
      return message?.channelDelivery?.status === status ? message : undefined;
    }, `“${body}” ${status} in the desktop’s cache`);
  const textOf = (json: unknown) => (json as { text?: { body?: string } } | null)?.text?.body;
  /** The wamid the Graph API gave the reply with this text. */
  const wamidOf = async (body: string) => {
    await graph.waitFor((r) => textOf(r.json) === body, `the Graph API call for “${body}”`);
    return wamids.get(body) ?? '';
  };

  beforeAll(async () => {
    graph = await startRecordingServer();
    // The Graph API takes every send with a new wamid, as documented, unless a test says otherwise.
    graph.answer((r) => {
      if (r.method !== 'POST' || !r.path.endsWith('/messages')) return undefined;
      const wamid = `wamid.DESK${wamids.size + 1}`;
      wamids.set(textOf(r.json) ?? '', wamid);
      return { json: waSent(wamid) };
    });
    const admin = await bed.signIn('admin');
    const channel = await admin.call('channels.save', {
      op: 'create',
      channel: {
        kind: 'whatsapp', name: 'WhatsApp', config: { phoneNumberId: WA_PHONE_NUMBER_ID, apiBaseUrl: `${graph.url}/v21.0` },
        secrets: { appSecret: APP_SECRET, verifyToken: 'desk-verify', accessToken: 'desk-token' },
      },
    });
    channelId = channel.id;
    proxy = await bed.proxy();
    wang = await bed.signIn('wang', proxy.url);
    await deliver(waText('wamid.CUSTOMER1', 'Where is my parcel?'));
    const conversation = await waitUntil(
      () => wang.eventsOf('conversation.updated').find((c) => c.channelKind === 'whatsapp' && c.lastMessagePreview === 'Where is my parcel?'),
      'the WhatsApp conversation on the agent’s desktop',
    );
    conversationId = conversation.id;
  });
  afterAll(async () => {
    closeAllSockets();
    await graph?.close();
  });

  it('shows a reply sent, then delivered and read as WhatsApp reports it, in the cache and as thread events', async () => {
    await wang.call('outbox.send', { conversationId, body: 'It ships today.' });
    const wamid = await wamidOf('It ships today.');
    const sent = await waitForStatus(wang, 'It ships today.', 'sent');
    expect(sent).toMatchObject({ delivery: 'sent', channelDelivery: { status: 'sent', reason: null, attempts: 1 } });

    await deliver(waStatus(wamid, 'delivered'));
    await waitForStatus(wang, 'It ships today.', 'delivered');
    await deliver(waStatus(wamid, 'read'));
    const read = await waitForStatus(wang, 'It ships today.', 'read');
    // The thread heard each step as `message.updated` of the stored reply.
    const steps = wang.eventsOf('message.updated').filter((m) => m.id === read.id).map((m) => m.channelDelivery?.status);
    expect(steps).toEqual(expect.arrayContaining(['sent', 'delivered', 'read']));
    expect(steps.at(-1)).toBe('read');

    // A desktop syncing from scratch gets the same state with the messages.
    const admin = await bed.signIn('admin');
    await waitForStatus(admin, 'It ships today.', 'read');
  });

  it('tells the delivery state after a reconnect only to those who may read the conversation', async () => {
    const reply = await waitForStatus(wang, 'It ships today.', 'read');
    const ask = async (who: 'li' | 'supervisor') => {
      const [email, password] = DEMO_LOGINS[who];
      const socket = await connectAgent(bed.server.url, (await login(bed.server.url, email, password)).accessToken);
      return data(await request<{ deliveries: unknown[] }>(socket, 'messages:deliveries', { messageIds: [reply.id, 'no-such-message'] })).deliveries;
    };
    // Wang's conversation now: another agent learns nothing of it, a supervisor reads it.
    expect(await ask('li')).toEqual([]);
    expect(await ask('supervisor')).toEqual([{ conversationId, messageId: reply.id, delivery: reply.channelDelivery }]);
  });

  it('shows a reply WhatsApp refuses as failed, with the platform’s reason', async () => {
    const stop = graph.answer((r) =>
      textOf(r.json) === 'Here is your tracking link.'
        ? { status: 400, json: waError(131026, '(#131026) Message undeliverable', 'Message undeliverable: the number is not on WhatsApp') }
        : undefined,
    );
    try {
      await wang.call('outbox.send', { conversationId, body: 'Here is your tracking link.' });
      const failed = await waitForStatus(wang, 'Here is your tracking link.', 'failed');
      expect(failed.channelDelivery?.reason).toContain('Message undeliverable');
      expect(failed.channelDelivery?.reason).toContain('131026');
      expect(wang.eventsOf('message.updated').filter((m) => m.id === failed.id).at(-1)?.channelDelivery).toEqual(failed.channelDelivery);
    } finally {
      stop();
    }
  });

  it('brings the delivery WhatsApp reported while the desktop was offline once it is back', async () => {
    await wang.call('outbox.send', { conversationId, body: 'Anything else I can do?' });
    const wamid = await wamidOf('Anything else I can do?');
    await waitForStatus(wang, 'Anything else I can do?', 'sent');

    const mark = wang.eventsOf('connection.changed').length;
    proxy.cut();
    await wang.waitForStatusSince(mark, 'offline');
    await deliver(waStatus(wamid, 'read'));
    // Offline, the cache still says sent: nothing reached it.
    expect((await cached(wang, 'Anything else I can do?'))?.channelDelivery?.status).toBe('sent');
    proxy.restore();
    await wang.waitForStatusSince(mark, 'online', 40_000);
    await waitForStatus(wang, 'Anything else I can do?', 'read');
  });

  it('keeps a reply outside the 24-hour window as a draft, with the reason the composer explains', async () => {
    await bed.server.db.query(
      `UPDATE messages SET created_at = now() - interval '25 hours' WHERE conversation_id = $1 AND sender_type = 'contact'`,
      [conversationId],
    );
    graph.clear();
    const queued = await wang.call('outbox.send', { conversationId, body: 'Are you still there?' });
    const draft = await waitUntil(
      () => wang.eventsOf('draft.updated').find((d) => d.conversationId === conversationId && d.draft?.reason)?.draft ?? undefined,
      'the refused reply back in the composer',
    );
    expect(draft).toMatchObject({
      body: 'Are you still there?',
      reason: { code: 'forbidden', details: { reason: 'template_required', channelKind: 'whatsapp' } },
    });
    expect(draft.reason?.message).toMatch(/24 hours/);
    expect(await wang.call('drafts.get', { conversationId })).toMatchObject({ body: 'Are you still there?', reason: { details: { reason: 'template_required' } } });
    // Out of the thread and the outbox; never sent to WhatsApp.
    expect(wang.eventsOf('message.removed')).toContainEqual({ conversationId, clientId: queued.clientId });
    expect(await cached(wang, 'Are you still there?')).toBeUndefined();
    expect(graph.requests).toHaveLength(0);

    // Sent again from the composer as it is: refused again, and back again.
    const refusals = () => wang.eventsOf('draft.updated').filter((d) => d.conversationId === conversationId && d.draft?.reason).length;
    const before = refusals();
    await wang.call('outbox.send', { conversationId, body: draft.body });
    await waitUntil(() => refusals() > before, 'the second refusal');
    expect(await wang.call('drafts.get', { conversationId })).toMatchObject({ body: 'Are you still there?' });
    expect(graph.requests).toHaveLength(0);
  });
});
