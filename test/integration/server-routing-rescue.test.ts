import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { ChannelView } from '../../shared/channels';
import type { AgentState, Conversation, EscalationAlert, Message } from '../../shared/domain';
import type { QueueStatus, VisitorMessage } from '../../shared/protocol';
import { unavailableNotice } from '../../server/domain/routing/unavailable-notice';
import { pushesFlushed } from '../support/barriers';
import {
  bearer, postBody, reply, startPlatformChannel, stopPlatformChannel, threadOf, waitForDelivery, type ChannelTestServer,
} from '../support/channels';
import { databaseTargets } from '../support/databases';
import type { RecordingServer } from '../support/recording-server';
import { connectAgent, connectVisitor, data, login, record, request, visitorSays, waitFor } from '../support/server-fixture';

const API_TOKEN = 'rescue-app-token-0123456789';
const targets = await databaseTargets();

type Visitor = { socket: Socket; contactId: string; messages: VisitorMessage[]; statuses: QueueStatus[] };

// Nobody is ever left waiting for nothing: a missed offer comes back, an empty group overflows,
// a long wait reaches supervisors, and a customer nobody can answer is told so and leaves a message.
describe.each(targets)('routing that never strands a customer on $label', (target) => {
  let t: ChannelTestServer;
  let app: RecordingServer;
  let api: ChannelView;
  let preSales: string;
  let afterSales: string;
  const ids: Record<string, string> = {};
  const sockets: Record<string, Socket> = {};
  /** Added to the server's clock: offers, cool-downs and waits run out when a test moves time on. */
  let offset = 0;
  let appIds = 0;

  const ask = <T>(who: string, name: string, payload: unknown) => request<T>(sockets[who]!, name, payload);
  const presence = async (who: string, value: 'online' | 'away') => data(await ask<{ state: AgentState }>(who, 'presence:set', { presence: value }));
  const row = async (id: string) =>
    (await t.server.db.query<{ routing_state: string; offered_to: string | null; group_id: string | null; left_message: boolean; assignee_id: string | null }>(
      'SELECT routing_state, offered_to, group_id, left_message, assignee_id FROM conversations WHERE id = $1',
      [id],
    ))[0]!;
  const moveOn = async (ms: number) => {
    offset += ms;
    await t.server.router.kick(t.accountId);
    await t.server.router.settled();
  };
  const settings = (sql: string, params: unknown[] = []) => t.server.db.query(sql, params);

  async function visitor(name: string): Promise<Visitor> {
    let statuses: QueueStatus[] = [];
    const { socket, session } = await connectVisitor(t.server.url, { name }, (s) => {
      statuses = record<QueueStatus>(s, 'queue:update');
    });
    return { socket, contactId: session.contactId, messages: record<VisitorMessage>(socket, 'message:new'), statuses };
  }
  const lastStatus = (v: Visitor) => v.statuses[v.statuses.length - 1];

  beforeAll(async () => {
    ({ t, platform: app, channel: api } = await startPlatformChannel(target, {
      // The app's own id for each message it received: one per request, as two can come within a second.
      answer: (r) => (r.method === 'POST' ? { json: { id: `app-${++appIds}` } } : undefined),
      options: { clock: () => Date.now() + offset },
      channel: (url) => ({
        kind: 'api', name: 'Shop app', config: { webhookUrl: `${url}/switchboard/replies` },
        secrets: { apiToken: API_TOKEN, webhookSecret: 'rescue-webhook-secret' },
      }),
    }));
    sockets.wang = t.agent;
    ids.wang = t.agentId;
    for (const [who, email, password] of [
      ['emma', 'emma@demo.test', 'demo-agent'],
      ['li', 'li.lei@demo.test', 'demo-agent'],
      ['supervisor', 'supervisor@demo.test', 'demo-supervisor'],
    ] as const) {
      const tokens = await login(t.server.url, email, password);
      ids[who] = tokens.user.id;
      sockets[who] = await connectAgent(t.server.url, tokens.accessToken);
    }
    for (const who of ['emma', 'li']) await presence(who, 'away');
    const groups = await settings('SELECT id, name FROM skill_groups WHERE account_id = $1', [t.accountId]) as { id: string; name: string }[];
    preSales = groups.find((g) => g.name.startsWith('售前'))!.id;
    afterSales = groups.find((g) => g.name.startsWith('售后'))!.id;
    // Short, explicit timings; overflow off unless a test turns it on.
    await settings('UPDATE accounts SET accept_timeout_seconds = 5, reoffer_cooldown_seconds = 20, escalate_after_seconds = 600');
    await settings('UPDATE skill_groups SET overflow_target = NULL');
  });

  afterAll(() => stopPlatformChannel(t, app));

  const resolve = async (conversationId: string) => data(await ask('supervisor', 'conversation:resolve', { conversationId }));

  it('offers a timed-out chat to the next agent, and brings it back to the one who missed it after the cool-down', async () => {
    await presence('wang', 'online');
    await presence('emma', 'online');
    const v = await visitor('Mia Missed');
    const { conversationId: id } = await visitorSays(t.server, v, 'Is the blue coat in stock?', { groupId: preSales });
    await waitFor(async () => (await row(id)).routing_state === 'offered', 'the first offer');
    const first = (await row(id)).offered_to!;
    const other = first === ids.wang ? ids.emma : ids.wang;
    // Nobody accepts in time: the next agent is offered it at once.
    await moveOn(5_100);
    expect(await row(id)).toMatchObject({ routing_state: 'offered', offered_to: other });
    // The second lets it run out too, while the first is still cooling down: it waits, honestly queued.
    await moveOn(5_100);
    expect(await row(id)).toMatchObject({ routing_state: 'queued', offered_to: null });
    await waitFor(() => lastStatus(v)?.state === 'queued', 'the customer to hear they wait');
    expect(lastStatus(v)).toMatchObject({ availability: null, position: 1 });
    // The first agent's cool-down is over: it comes back to them, never stranded.
    await moveOn(15_000);
    expect(await row(id)).toMatchObject({ routing_state: 'offered', offered_to: first });
    await presence('emma', 'away');
    await resolve(id);
  });

  it('brings a missed chat back to the only online agent after the cool-down, and keeps a declined one from them while a colleague is online', async () => {
    const v = await visitor('Olly Only');
    const { conversationId: id } = await visitorSays(t.server, v, 'Do you have size 42?', { groupId: preSales });
    await waitFor(async () => (await row(id)).offered_to === ids.wang, 'the offer to 王芳');
    await moveOn(5_100);
    expect(await row(id)).toMatchObject({ routing_state: 'queued', offered_to: null });
    await moveOn(19_000);
    expect((await row(id)).routing_state).toBe('queued');
    await moveOn(1_000);
    expect(await row(id)).toMatchObject({ routing_state: 'offered', offered_to: ids.wang });

    // 王芳 declines while Emma is online for the group: Emma is offered it, not 王芳.
    await presence('emma', 'online');
    data(await ask('wang', 'conversation:decline', { conversationId: id }));
    await waitFor(async () => (await row(id)).offered_to === ids.emma, 'the offer to pass to Emma');
    // Emma lets it run out; once both cool-downs are over, the one who missed it gets it again,
    // while the one who declined is passed over as long as a colleague is online for it.
    await moveOn(5_100);
    expect((await row(id)).routing_state).toBe('queued');
    await moveOn(20_000);
    expect(await row(id)).toMatchObject({ routing_state: 'offered', offered_to: ids.emma });
    await presence('emma', 'away');
    await resolve(id);
  });

  it('overflows a chat from a group with nobody to take it to the target group, with a line the agent sees', async () => {
    await settings('UPDATE skill_groups SET overflow_target = $2, overflow_after_seconds = 30 WHERE id = $1', [afterSales, preSales]);
    const wangHears = record<Message>(sockets.wang!, 'message:new');
    const v = await visitor('Otto Overflow');
    const { conversationId: id } = await visitorSays(t.server, v, 'My parcel never arrived', { groupId: afterSales });
    await t.server.router.settled();
    // Nobody in after-sales, but 王芳 is where it would overflow: a person can be expected, no left message yet.
    expect(await row(id)).toMatchObject({ routing_state: 'queued', group_id: afterSales, left_message: false });
    await waitFor(() => lastStatus(v)?.state === 'queued', 'the queued status');
    expect(lastStatus(v)?.availability).toBeNull();
    await moveOn(29_000);
    expect((await row(id)).group_id).toBe(afterSales);
    await moveOn(1_000);
    expect(await row(id)).toMatchObject({ group_id: preSales, routing_state: 'offered', offered_to: ids.wang });
    const line = await waitFor(() => wangHears.find((m) => m.conversationId === id && m.senderType === 'system' && m.internal), 'the overflow line');
    expect(line.system).toEqual({ code: 'overflow', params: { from: '售后 After-sales', to: '售前 Pre-sales' } });
    const conversation = data(await ask<{ conversation: Conversation }>('wang', 'conversation:accept', { conversationId: id })).conversation;
    expect(conversation).toMatchObject({ groupName: '售前 Pre-sales', overflowedFromGroupName: '售后 After-sales' });
    // The customer never sees the agents' line.
    await pushesFlushed(v.socket);
    expect(v.messages.some((m) => m.body.startsWith('overflow:'))).toBe(false);
    await settings('UPDATE skill_groups SET overflow_target = NULL WHERE id = $1', [afterSales]);
    await resolve(id);
  });

  it('hands a bot conversation to the overflow target at once when its keyword group has nobody with room', async () => {
    const widget = (await settings("SELECT id FROM channels WHERE kind = 'widget'") as { id: string }[])[0]!.id;
    await settings(`UPDATE channels SET config = config || '{"bot": true}'::jsonb WHERE id = $1`, [widget]);
    await settings('UPDATE skill_groups SET overflow_target = $2 WHERE id = $1', [afterSales, preSales]);
    try {
      const v = await visitor('Bo Bot');
      const { conversationId: id } = await visitorSays(t.server, v, '这件衣服有什么颜色？');
      await visitorSays(t.server, v, '怎么退货');
      await visitorSays(t.server, v, '转人工');
      await waitFor(async () => (await row(id)).routing_state === 'offered', 'the offer after handoff');
      expect(await row(id)).toMatchObject({ group_id: preSales, offered_to: ids.wang });
      const thread = await threadOf(sockets.supervisor!, id);
      expect(thread.some((m) => m.internal && m.system?.code === 'overflow' && m.system.params.from === '售后 After-sales')).toBe(true);
      await resolve(id);
    } finally {
      await settings(`UPDATE channels SET config = config - 'bot' WHERE id = $1`, [widget]);
      await settings('UPDATE skill_groups SET overflow_target = NULL WHERE id = $1', [afterSales]);
    }
  });

  it('alerts supervisors once per wait when a customer has waited longer than the escalation time', async () => {
    await settings('UPDATE accounts SET escalate_after_seconds = 120');
    const alerts = record<EscalationAlert>(sockets.supervisor!, 'queue:escalated');
    const agentAlerts = record<EscalationAlert>(sockets.wang!, 'queue:escalated');
    const v = await visitor('Wanda Waiting');
    const { conversationId: id } = await visitorSays(t.server, v, '我的退款到哪了？', { groupId: afterSales });
    await moveOn(119_000);
    expect(alerts.filter((a) => a.conversationId === id)).toHaveLength(0);
    await moveOn(1_000);
    const alert = await waitFor(() => alerts.find((a) => a.conversationId === id), 'the escalation alert');
    expect(alert).toMatchObject({ contactName: 'Wanda Waiting', groupName: '售后 After-sales', afterSeconds: 120, nobodyOnline: true });
    await moveOn(60_000);
    await pushesFlushed(sockets.supervisor!, sockets.wang!);
    expect(alerts.filter((a) => a.conversationId === id)).toHaveLength(1);
    expect(agentAlerts).toHaveLength(0);
    await settings('UPDATE accounts SET escalate_after_seconds = 600');
    await resolve(id);
  });

  it('tells a widget customer nobody is online instead of an estimate, keeps the message, and answers it there later', async () => {
    await presence('wang', 'away');
    const v = await visitor('Nora Nobody');
    const { conversationId: id } = await visitorSays(t.server, v, 'Hello, anyone there? I need an invoice.');
    await waitFor(() => lastStatus(v)?.availability === 'nobody_online', 'the honest status');
    expect(lastStatus(v)).toMatchObject({ state: 'queued', estimatedWaitSeconds: null });
    await waitFor(async () => (await row(id)).left_message, 'the left message mark');
    const listed = data(await ask<{ conversations: Conversation[] }>('supervisor', 'conversations:list', {})).conversations.find((c) => c.id === id);
    expect(listed).toMatchObject({ leftMessage: true });
    // The widget shows its line; no reply is written into the chat for it.
    await pushesFlushed(v.socket);
    expect(v.messages.filter((m) => m.from === 'system')).toHaveLength(0);

    // 王芳 comes online: the left message reaches her, and her answer reaches the customer in the widget.
    await presence('wang', 'online');
    await waitFor(async () => (await row(id)).offered_to === ids.wang, 'the left message to be offered');
    data(await ask('wang', 'conversation:accept', { conversationId: id }));
    await reply(sockets.wang!, id, 'Hi Nora, here is your invoice.');
    await waitFor(() => v.messages.find((m) => m.from === 'agent' && m.body === 'Hi Nora, here is your invoice.'), 'the answer in the widget');
    await resolve(id);
  });

  it('tells a customer on the API channel once, in their language, and answers the kept message on that channel', async () => {
    await presence('wang', 'away');
    app.clear();
    const post = (id: string, text: string) =>
      postBody(`${t.server.url}/api/channels/${api.id}/messages`, { id, contact: { id: 'app-user-7', name: '陈静' }, text }, bearer(API_TOKEN));
    const first = await post('m-1', '你好，我想改一下收货地址');
    expect(first.status).toBe(201);
    const id = (first.json as { conversationId: string }).conversationId;
    const notice = await app.waitFor((r) => r.method === 'POST', 'the nobody-available reply');
    expect(notice.json).toMatchObject({ message: { conversationId: id, text: unavailableNotice('zh') } });
    expect((await post('m-2', '新地址是上海市浦东新区')).status).toBe(201);
    await t.server.router.settled();
    expect(app.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect((await row(id)).left_message).toBe(true);

    await presence('wang', 'online');
    await waitFor(async () => (await row(id)).offered_to === ids.wang, 'the kept message to be offered');
    data(await ask('wang', 'conversation:accept', { conversationId: id }));
    const sent = await reply(sockets.wang!, id, '好的，已为您修改地址。');
    await waitForDelivery(sockets.wang!, id, sent.message.id, 'sent');
    const answer = app.requests.filter((r) => r.method === 'POST').at(-1)!;
    expect(answer.json).toMatchObject({ contact: { id: 'app-user-7' }, message: { conversationId: id, text: '好的，已为您修改地址。' } });
    await resolve(id);
  });
});
