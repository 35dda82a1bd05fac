import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { RunningServer } from '../../server/app';
import { ALWAYS_OPEN } from '../../server/domain/routing/business-hours';
import { REQUEUE_NOTE } from '../../server/domain/routing/router';
import type { AgentState, Conversation, Message, SkillGroup, TeamMember } from '../../shared/domain';
import type { QueueStatus, VisitorMessage } from '../../shared/protocol';
import { pushesFlushed } from '../support/barriers';
import { databaseTargets, startServerOn } from '../support/databases';
import {
  closeAllSockets, connectAgent, connectVisitor, data, insertUser, login, record, request, tokenFor, visitorSays, waitFor,
} from '../support/server-fixture';

const targets = await databaseTargets();
const SECRET = 'routing-test-secret';

afterAll(() => closeAllSockets());

type Visitor = { socket: Socket; contactId: string; messages: VisitorMessage[]; statuses: QueueStatus[]; groups: SkillGroup[] };
type Seen = { seqs: number[] };

for (const target of targets) {
  describe(`routing, queue, presence and handoff on ${target.label}`, () => {
    let server: RunningServer;
    let close: (() => Promise<void>) | undefined;
    let accountId: string;
    let channelId: string;
    let preSales: string;
    let afterSales: string;
    const ids: Record<string, string> = {};
    const tokens: Record<string, string> = {};
    const sockets: Record<string, Socket> = {};
    const states: Record<string, AgentState[]> = {};
    const heard: Record<string, Seen> = {};
    let startSeq = 0;
    /** Added to the server's clock: offers and grace periods run out when a test moves time on, not after real seconds. */
    let offset = 0;

    const ask = <T>(who: string, name: string, payload: unknown) => request<T>(sockets[who]!, name, payload);
    const presence = async (who: string, value: 'online' | 'busy' | 'away' | 'offline') => {
      const { state } = data(await ask<{ state: AgentState }>(who, 'presence:set', { presence: value }));
      expect(state).toMatchObject({ userId: ids[who], presence: value });
      acked[who] = state;
    };
    const acked: Record<string, AgentState> = {};
    const row = async (conversationId: string) =>
      (await server.db.query<{ routing_state: string; offered_to: string | null; assignee_id: string | null; group_id: string | null; summary: string | null }>(
        'SELECT routing_state, offered_to, assignee_id, group_id, summary FROM conversations WHERE id = $1',
        [conversationId],
      ))[0]!;
    /** Whether the server has marked `who` as gone (their grace period running). */
    const disconnectedSince = async (who: string) =>
      (await server.db.query<{ gone: boolean }>('SELECT disconnected_at IS NOT NULL AS gone FROM users WHERE id = $1', [ids[who]]))[0]!.gone;
    const accountSeq = async () => Number((await server.db.query<{ seq: number }>('SELECT handed AS seq FROM change_seq_head($1)', [accountId]))[0]!.seq);

    function listen(who: string, socket: Socket) {
      states[who] = record<AgentState>(socket, 'agent:state');
      if (['supervisor', 'admin', 'watcher'].includes(who)) {
        const seen: Seen = (heard[who] = { seqs: [] });
        socket.on('message:new', (m: Message) => seen.seqs.push(m.seq));
        socket.on('conversation:upsert', (c: Conversation) => seen.seqs.push(c.seq));
        socket.on('conversation:removed', (r: { seq: number }) => seen.seqs.push(r.seq));
        socket.on('sync:tick', (t: { seq: number }) => seen.seqs.push(t.seq));
      }
    }

    async function connect(who: string) {
      const socket = await connectAgent(server.url, tokens[who], (s) => listen(who, s));
      sockets[who] = socket;
      await waitFor(() => states[who]!.length > 0, `${who}'s agent:state on connect`);
      return socket;
    }

    async function visitor(name: string): Promise<Visitor> {
      let statuses: QueueStatus[] = [];
      const { socket, session } = await connectVisitor(server.url, { name }, (s) => {
        statuses = record<QueueStatus>(s, 'queue:update');
      });
      return { socket, contactId: session.contactId, messages: record<VisitorMessage>(socket, 'message:new'), statuses, groups: session.groups };
    }

    const say = async (v: Visitor, body: string, groupId?: string) =>
      (await visitorSays(server, v, body, groupId ? { groupId } : {})).conversationId;

    const lastStatus = (v: Visitor) => v.statuses[v.statuses.length - 1];

    beforeAll(async () => {
      // A slow sweep: these tests move time on purpose (expiries are also woken by their own timers).
      ({ server, close } = await startServerOn(target, { tokenSecret: SECRET, routingSweepMs: 60_000, clock: () => Date.now() + offset }));
      const people = {
        wang: ['wang.fang@demo.test', 'demo-agent'],
        li: ['li.lei@demo.test', 'demo-agent'],
        emma: ['emma@demo.test', 'demo-agent'],
        supervisor: ['supervisor@demo.test', 'demo-supervisor'],
        admin: ['admin@demo.test', 'demo-admin'],
      } as const;
      for (const [key, [email, password]] of Object.entries(people)) {
        const t = await login(server.url, email, password);
        ids[key] = t.user.id;
        tokens[key] = t.accessToken;
        accountId = t.user.accountId;
      }
      const groups = await server.db.query<{ id: string; name: string }>('SELECT id, name FROM skill_groups WHERE account_id = $1', [accountId]);
      preSales = groups.find((g) => g.name.startsWith('售前'))!.id;
      afterSales = groups.find((g) => g.name.startsWith('售后'))!.id;
      channelId = (await server.db.query<{ id: string }>("SELECT id FROM channels WHERE kind = 'widget'"))[0]!.id;
      const watcher = await insertUser(server.db, accountId, { name: 'Watcher', role: 'agent', groupIds: [] });
      ids.watcher = watcher.id;
      tokens.watcher = await tokenFor(SECRET, watcher);
      startSeq = await accountSeq();
      for (const who of ['supervisor', 'admin', 'watcher', 'wang', 'li', 'emma']) await connect(who);
      // Start from a quiet team: everyone away; each test brings in whom it needs.
      for (const who of ['wang', 'li', 'emma', 'watcher']) await presence(who, 'away');
      await server.router.settled();
    });

    afterAll(async () => {
      await close?.();
    });

    it('tells each agent their own state on connect, with the account settings', () => {
      expect(states.wang![0]).toMatchObject({ userId: ids.wang, presence: 'online', load: 0, maxChats: 5, autoAwaySeconds: 600 });
      expect(acked.wang).toMatchObject({ presence: 'away', load: 0 });
    });

    it('gives the widget the menu of groups and lists the team with presence, load and groups', async () => {
      const v = await visitor('Menu Reader');
      expect(v.groups.map((g) => g.name).sort()).toEqual(['售前 Pre-sales', '售后 After-sales']);
      expect(v.groups.every((g) => g.open)).toBe(true);
      const team = data(await ask<{ agents: TeamMember[]; groups: SkillGroup[] }>('li', 'team:list', {}));
      expect(team.groups).toHaveLength(2);
      const emma = team.agents.find((a) => a.id === ids.emma)!;
      expect(emma).toMatchObject({ name: 'Emma Clark', role: 'agent', presence: 'away', load: 0, maxChats: 5 });
      expect([...emma.groupIds].sort()).toEqual([preSales, afterSales].sort());
      expect(team.agents.find((a) => a.id === ids.supervisor)).toMatchObject({ role: 'supervisor' });
      expect(team.agents.some((a) => a.id === ids.admin)).toBe(false);
      // A menu choice must be a group of this account.
      expect(await request(v.socket, 'visitor:send', { clientId: randomUUID(), body: 'hi', groupId: 'no-such-group' })).toMatchObject({
        ok: false, error: { code: 'bad_request' },
      });
    });

    let first: string;
    let firstVisitor: Visitor;

    it('offers a waiting conversation to an online agent of its group; only they can accept it', async () => {
      await presence('wang', 'online');
      firstVisitor = await visitor('Pat Presales');
      first = await say(firstVisitor, 'Do you ship to Canada?', preSales);
      await waitFor(async () => (await row(first)).routing_state === 'offered', 'the offer');
      expect(await row(first)).toMatchObject({ offered_to: ids.wang, assignee_id: null, group_id: preSales });
      await waitFor(() => states.wang!.some((s) => s.load === 1), "wang's load to show the offer");
      await waitFor(() => lastStatus(firstVisitor)?.state === 'offered', 'the customer to hear of the offer');
      expect(lastStatus(firstVisitor)).toMatchObject({ position: 1, groupName: '售前 Pre-sales', agentName: null });

      // Nobody else may take the offer; unknown conversations are not found.
      expect(await ask('emma', 'conversation:accept', { conversationId: first })).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'This conversation is not offered to you.' } });
      expect(await ask('supervisor', 'conversation:accept', { conversationId: first })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await ask('emma', 'conversation:decline', { conversationId: first })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await ask('wang', 'conversation:accept', { conversationId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });

      const emmaRemoved = record<{ conversationId: string }>(sockets.emma!, 'conversation:removed');
      const accepted = data(await ask<{ conversation: Conversation }>('wang', 'conversation:accept', { conversationId: first })).conversation;
      expect(accepted).toMatchObject({ routingState: 'assigned', assigneeId: ids.wang, offeredToId: null, waitingSince: null });
      await waitFor(() => emmaRemoved.some((r) => r.conversationId === first), 'emma to lose sight of it');
      await waitFor(() => lastStatus(firstVisitor)?.state === 'assigned', 'the customer to hear who took it');
      expect(lastStatus(firstVisitor)).toMatchObject({ agentName: '王芳', position: null });
      // Accepting again answers it as it is; another agent now hears who has it.
      expect(data(await ask<{ conversation: Conversation }>('wang', 'conversation:accept', { conversationId: first })).conversation.assigneeId).toBe(ids.wang);
      expect(await ask('emma', 'conversation:accept', { conversationId: first })).toMatchObject({ ok: false, error: { code: 'reassigned', details: { assigneeName: '王芳' } } });
    });

    it('passes a declined offer to the next agent, and a timed-out one too; neither is offered it again', async () => {
      await server.db.query('UPDATE accounts SET accept_timeout_seconds = 1 WHERE id = $1', [accountId]);
      await presence('emma', 'online');
      const v = await visitor('Dana Decline');
      const id = await say(v, 'What sizes do you have?', preSales);
      // Emma carries nothing, 王芳 one chat: Emma is offered it first.
      await waitFor(async () => (await row(id)).offered_to === ids.emma, 'the offer to emma');
      data(await ask('emma', 'conversation:decline', { conversationId: id }));
      await waitFor(async () => (await row(id)).offered_to === ids.wang, 'the offer to pass to wang');
      // 王芳 lets it run out: back to the queue, nobody left to offer it to.
      offset += 1_100;
      await server.router.kick(accountId);
      await waitFor(async () => (await row(id)).routing_state === 'queued', 'the offer to time out');
      await server.router.settled();
      expect(await row(id)).toMatchObject({ routing_state: 'queued', offered_to: null });
      const declined = await server.db.query<{ user_id: string }>('SELECT user_id FROM routing_declines WHERE conversation_id = $1', [id]);
      expect(declined.map((d) => d.user_id).sort()).toEqual([ids.emma, ids.wang].sort());
      await waitFor(() => lastStatus(v)?.state === 'queued', 'the customer to be told they wait');
      expect(lastStatus(v)).toMatchObject({ position: 1 });

      // An offer that ran out cannot be accepted even before the router notices.
      const v2 = await visitor('Eli Expired');
      const id2 = await say(v2, 'price of the blue one?', preSales);
      await waitFor(async () => (await row(id2)).routing_state === 'offered', 'a second offer');
      const offeredTo = (await row(id2)).offered_to!;
      const who = offeredTo === ids.emma ? 'emma' : 'wang';
      await server.db.query("UPDATE conversations SET offer_expires_at = now() - interval '1 second' WHERE id = $1", [id2]);
      expect(await ask(who, 'conversation:accept', { conversationId: id2 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
      await server.db.query('UPDATE accounts SET accept_timeout_seconds = 30 WHERE id = $1', [accountId]);
      // Tidy: resolve both (frees capacity; the queue drains at once).
      data(await ask('supervisor', 'conversation:resolve', { conversationId: id }));
      data(await ask('supervisor', 'conversation:resolve', { conversationId: id2 }));
      await waitFor(() => lastStatus(v)?.state === 'resolved', 'the customer to hear it was resolved');
    });

    it('outside business hours keeps the message as a pending conversation and tells the customer; it queues when the group opens', async () => {
      await server.db.query(`UPDATE skill_groups SET business_hours = $2 WHERE id = $1`, [afterSales, JSON.stringify({ timezone: 'Asia/Shanghai', days: {} })]);
      await presence('li', 'online');
      const v = await visitor('Night Owl');
      const id = await say(v, '我要退款，订单 SO-10003');
      expect(await row(id)).toMatchObject({ routing_state: 'pending', group_id: afterSales });
      const notice = await waitFor(() => v.messages.find((m) => m.from === 'system'), 'the closed notice');
      expect(notice.body).toContain('不在工作时间');
      await waitFor(() => lastStatus(v)?.state === 'pending', 'the pending status');
      await server.router.settled();
      expect((await row(id)).routing_state).toBe('pending');

      await server.db.query(`UPDATE skill_groups SET business_hours = $2 WHERE id = $1`, [afterSales, JSON.stringify(ALWAYS_OPEN)]);
      await server.router.sweep();
      await waitFor(async () => (await row(id)).offered_to === ids.li, 'the pending conversation to reach 李雷');
      data(await ask('li', 'conversation:accept', { conversationId: id }));
    });

    it('hands a bot conversation to a person when the customer asks, with a summary and the whole transcript', async () => {
      await server.db.query(`UPDATE channels SET config = config || '{"bot": true}'::jsonb WHERE id = $1`, [channelId]);
      try {
        const v = await visitor('Bot Talker');
        const id = await say(v, '我的订单 SO-10002 什么时候发货？');
        await say(v, '已经三天了');
        await server.router.settled();
        expect(await row(id)).toMatchObject({ routing_state: 'bot', offered_to: null });
        await waitFor(() => lastStatus(v)?.state === 'bot', 'the bot status');

        await say(v, '转人工');
        const r = await row(id);
        expect(r.routing_state === 'queued' || r.routing_state === 'offered').toBe(true);
        expect(r.summary).toBe('我的订单 SO-10002 什么时候发货？ / 已经三天了');
        const notice = await waitFor(() => v.messages.find((m) => m.from === 'system'), 'the handoff notice');
        expect(notice.body).toContain('正在为您转接人工客服');
        await waitFor(async () => (await row(id)).routing_state === 'offered', 'the offer after handoff');
        expect([ids.wang, ids.li, ids.emma]).toContain((await row(id)).offered_to);
        const transcript = data(await ask<{ messages: Message[] }>('supervisor', 'messages:list', { conversationId: id })).messages;
        expect(transcript.filter((m) => m.senderType === 'contact').map((m) => m.body)).toEqual(['我的订单 SO-10002 什么时候发货？', '已经三天了', '转人工']);
        const conversation = data(await ask<{ conversations: Conversation[] }>('supervisor', 'conversations:list', {})).conversations.find((c) => c.id === id)!;
        expect(conversation.summary).toBe('我的订单 SO-10002 什么时候发货？ / 已经三天了');
        data(await ask('supervisor', 'conversation:resolve', { conversationId: id }));
      } finally {
        await server.db.query(`UPDATE channels SET config = config - 'bot' WHERE id = $1`, [channelId]);
      }
    });

    it('transfers with an internal note that agents see and the customer never does', async () => {
      // 王芳 has the first conversation. Emma may not transfer it; 王芳 may.
      expect(await ask('emma', 'conversation:transfer', { conversationId: first, toUserId: ids.li, note: 'x' })).toMatchObject({
        ok: false, error: { code: 'reassigned' },
      });
      expect(await ask('wang', 'conversation:transfer', { conversationId: first, note: 'nowhere' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      expect(await ask('wang', 'conversation:transfer', { conversationId: first, toUserId: 'nobody', note: '' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await ask('wang', 'conversation:transfer', { conversationId: first, toGroupId: 'nogroup', note: '' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      await presence('emma', 'offline');
      expect(await ask('wang', 'conversation:transfer', { conversationId: first, toUserId: ids.emma, note: '' })).toMatchObject({
        ok: false, error: { code: 'conflict', message: 'Emma Clark is offline; transfer to someone online or to a group.' },
      });
      await presence('emma', 'away');

      const liMessages = record<Message>(sockets.li!, 'message:new');
      const moved = data(await ask<{ conversation: Conversation }>('wang', 'conversation:transfer', {
        conversationId: first, toUserId: ids.li, note: 'Customer is a reseller, wants a bulk price',
      })).conversation;
      expect(moved).toMatchObject({ routingState: 'offered', offeredToId: ids.li, assigneeId: null });
      const note = await waitFor(() => liMessages.find((m) => m.internal), 'the note to reach 李雷');
      expect(note).toMatchObject({ senderType: 'agent', senderName: '王芳', internal: true });
      expect(note.body).toContain('Customer is a reseller, wants a bulk price');
      data(await ask('li', 'conversation:accept', { conversationId: first }));
      const thread = data(await ask<{ messages: Message[] }>('li', 'messages:list', { conversationId: first })).messages;
      expect(thread.some((m) => m.internal && m.body.includes('reseller'))).toBe(true);

      // The former assignee can no longer act as its owner; a supervisor can move it to a group.
      expect(await ask('wang', 'conversation:transfer', { conversationId: first, toUserId: ids.emma, note: '' })).toMatchObject({ ok: false, error: { code: 'reassigned' } });
      const toGroup = data(await ask<{ conversation: Conversation }>('supervisor', 'conversation:transfer', {
        conversationId: first, toGroupId: afterSales, note: 'after-sales question after all',
      })).conversation;
      expect(toGroup).toMatchObject({ groupId: afterSales, groupName: '售后 After-sales', assigneeId: null });
      expect(['queued', 'offered']).toContain(toGroup.routingState);

      // The customer never heard either note, live or in their history.
      await server.router.settled();
      await pushesFlushed(firstVisitor.socket);
      expect(firstVisitor.messages.some((m) => m.body.includes('reseller') || m.body.includes('after-sales question'))).toBe(false);
      const history = data(await request<{ messages: VisitorMessage[] }>(firstVisitor.socket, 'visitor:history', {})).messages;
      expect(history.some((m) => m.body.includes('reseller') || m.body.includes('after-sales'))).toBe(false);
      expect(history.map((m) => m.body)).toContain('Do you ship to Canada?');
      await waitFor(async () => (await row(first)).routing_state === 'offered', 'the group transfer to be offered');
      const offeredTo = (await row(first)).offered_to;
      expect(offeredTo).toBe(ids.li);
      data(await ask('li', 'conversation:accept', { conversationId: first }));
    });

    it('keeps an agent’s chats through a short disconnect, and re-queues them after the grace period', async () => {
      await server.db.query('UPDATE accounts SET reconnect_grace_seconds = 1 WHERE id = $1', [accountId]);
      expect((await row(first)).assignee_id).toBe(ids.li);
      await presence('li', 'busy');
      // A blip: back well within the grace period, nothing changes, not even the presence.
      sockets.li!.disconnect();
      await waitFor(() => disconnectedSince('li'), 'the server to start 李雷’s grace period');
      await connect('li');
      // Past the grace period: the run that would re-queue the chats finds 李雷 back.
      offset += 1_100;
      await server.router.kick(accountId);
      await server.router.settled();
      expect((await row(first)).assignee_id).toBe(ids.li);
      expect(states.li![states.li!.length - 1]).toEqual({ userId: ids.li, presence: 'busy', load: 2, maxChats: 5, autoAwaySeconds: 600 });

      // Gone for longer than the grace period: offline, and the chat goes back to the queue with a note.
      sockets.li!.disconnect();
      await waitFor(() => disconnectedSince('li'), 'the server to start 李雷’s grace period');
      offset += 1_100;
      await server.router.kick(accountId);
      await waitFor(async () => (await row(first)).assignee_id === null, 'the chat to be re-queued');
      const r = await row(first);
      expect(['queued', 'offered']).toContain(r.routing_state);
      const presenceRow = await server.db.query<{ presence: string }>('SELECT presence FROM users WHERE id = $1', [ids.li]);
      expect(presenceRow[0]!.presence).toBe('offline');
      const thread = data(await ask<{ messages: Message[] }>('supervisor', 'messages:list', { conversationId: first })).messages;
      expect(thread[thread.length - 1]).toMatchObject({ body: REQUEUE_NOTE, internal: true });
      expect(firstVisitor.messages.some((m) => m.body === REQUEUE_NOTE)).toBe(false);
      // Coming back after the grace period: online again, with nothing of the old load.
      await connect('li');
      await waitFor(() => states.li!.some((s) => s.presence === 'online' && s.load === 0), '李雷 to be online again, with nothing carried over');
      await server.db.query('UPDATE accounts SET reconnect_grace_seconds = 180 WHERE id = $1', [accountId]);
    });

    it('refuses presence and transfer payloads that do not match the protocol', async () => {
      expect(await ask('wang', 'presence:set', { presence: 'sleeping' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      expect(await ask('wang', 'conversation:transfer', { conversationId: first, toUserId: ids.li, toGroupId: afterSales, note: '' })).toMatchObject({
        ok: false, error: { code: 'bad_request' },
      });
      expect(await ask('wang', 'team:list', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    });

    it('told every observing agent socket of every sequence number exactly once, routing changes included', async () => {
      await server.router.settled();
      await pushesFlushed(sockets.supervisor!, sockets.admin!, sockets.watcher!);
      const end = await accountSeq();
      const expected = Array.from({ length: end - startSeq }, (_, k) => startSeq + k + 1);
      expect(expected.length).toBeGreaterThan(30);
      for (const who of ['supervisor', 'admin', 'watcher']) {
        await waitFor(() => heard[who]!.seqs.length >= expected.length, `${who} to hear every number`);
        expect({ who, seqs: [...heard[who]!.seqs].sort((a, b) => a - b) }).toEqual({ who, seqs: expected });
      }
    });
  });
}
