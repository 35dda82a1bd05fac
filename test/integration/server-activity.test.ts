import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { RunningServer } from '../../server/app';
import { ACTIVITY_LIMITS } from '../../server/realtime/activity-relay';
import { STALE_TYPING_MS } from '../../server/domain/supervision/activity-board';
import type { Activity, Conversation, Message, SkillGroup, TeamMember } from '../../shared/domain';
import type { Result } from '../../shared/errors';
import { AGENT_NAMESPACE, type VisitorMessage } from '../../shared/protocol';
import { pushesFlushed } from '../support/barriers';
import { databaseTargets, startServerOn } from '../support/databases';
import {
  closeAllSockets, connectAgent, connectDemoTeam, connectVisitor, data, insertUser, quietTeam, record, request, tokenFor, visitorSays,
  waitFor,
} from '../support/server-fixture';

const targets = await databaseTargets();
const SECRET = 'activity-test-secret';

afterAll(() => closeAllSockets());

type Visitor = { socket: Socket; contactId: string; messages: VisitorMessage[]; events: { event: string; payload: unknown }[] };
type Sent = { message: Message; conversation: Conversation };
type Team = { agents: TeamMember[]; groups: SkillGroup[] };

for (const target of targets) {
  describe(`viewing, typing and the team board on ${target.label}`, () => {
    let server: RunningServer;
    let close: (() => Promise<void>) | undefined;
    let accountId: string;
    /** Added to the server's clock: tests move time on instead of waiting. */
    let offset = 0;
    const ids: Record<string, string> = {};
    const names: Record<string, string> = {};
    const sockets: Record<string, Socket> = {};
    const updates: Record<string, Activity[]> = {};
    const visitors: Visitor[] = [];
    const people = ['wang', 'li', 'supervisor', 'admin'] as const;

    const ask = <T>(who: string, name: string, payload: unknown) => request<T>(sockets[who]!, name, payload);
    const set = (who: string, conversationId: string, state: 'viewing' | 'typing' | 'idle', preview?: string) =>
      ask(who, 'activity:set', preview === undefined ? { conversationId, state } : { conversationId, state, preview });
    const list = async (who: string, conversationId: string) =>
      data(await ask<{ activity: Activity[] }>(who, 'activity:list', { conversationId })).activity;
    /** The updates `who` heard about `userId` in `conversationId`. */
    const heardOf = (who: string, conversationId: string, userId: string) =>
      updates[who]!.filter((u) => u.conversationId === conversationId && u.userId === userId);

    async function visitor(name: string): Promise<Visitor> {
      const events: Visitor['events'] = [];
      const { socket, session } = await connectVisitor(server.url, { name }, (s) => s.onAny((event: string, payload: unknown) => events.push({ event, payload })));
      const v = { socket, contactId: session.contactId, messages: record<VisitorMessage>(socket, 'message:new'), events };
      visitors.push(v);
      return v;
    }

    const say = async (v: Visitor, body: string) => (await visitorSays(server, v, body)).conversationId;
    /** Every activity push the server sent the team before now has arrived. */
    const teamHeardAll = () => pushesFlushed(...people.map((who) => sockets[who]!));

    /** A conversation 王芳 has claimed by replying. */
    async function wangsConversation(name: string): Promise<{ v: Visitor; id: string }> {
      const v = await visitor(name);
      const id = await say(v, `Hello, this is ${name}`);
      data(await ask<Sent>('wang', 'message:send', { conversationId: id, clientId: randomUUID(), body: '您好，我是王芳' }));
      await server.router.settled();
      return { v, id };
    }

    beforeAll(async () => {
      ({ server, close } = await startServerOn(target, { tokenSecret: SECRET, routingSweepMs: 60_000, clock: () => Date.now() + offset }));
      const team = await connectDemoTeam(server.url);
      Object.assign(ids, team.ids);
      Object.assign(names, team.names);
      Object.assign(sockets, team.sockets);
      accountId = team.accountId;
      for (const who of people) updates[who] = record<Activity>(sockets[who]!, 'activity:update');
      await quietTeam(server, team.sockets);
    });

    afterAll(async () => {
      await close?.();
    });

    let wangs: { v: Visitor; id: string };
    const draft = '您好，退款已经提交，预计三个工作日';

    it('shows supervisors what an agent types; the assignee sees a supervisor typing without the text; nobody hears it twice', async () => {
      wangs = await wangsConversation('Tina Typing');
      const { id } = wangs;
      data(await set('wang', id, 'viewing'));
      data(await set('wang', id, 'typing', draft));
      for (const who of ['supervisor', 'admin']) await waitFor(() => heardOf(who, id, ids.wang!).length === 2, `${who} to hear 王芳`);
      expect(heardOf('supervisor', id, ids.wang!).map((u) => [u.state, u.preview])).toEqual([['viewing', null], ['typing', draft]]);
      expect(heardOf('supervisor', id, ids.wang!)[1]).toMatchObject({ conversationId: id, userId: ids.wang, name: names.wang, role: 'agent' });

      data(await set('supervisor', id, 'typing', 'Offer the coupon'));
      await waitFor(() => heardOf('wang', id, ids.supervisor!).length === 1, 'the assignee to see the supervisor typing');
      expect(heardOf('wang', id, ids.supervisor!)[0]).toMatchObject({ state: 'typing', preview: null, name: names.supervisor, role: 'supervisor' });
      await waitFor(() => heardOf('admin', id, ids.supervisor!).length === 1, 'the admin to see the supervisor typing');
      expect(heardOf('admin', id, ids.supervisor!)[0]!.preview).toBe('Offer the coupon');

      await teamHeardAll();
      // Exactly once each (admins and supervisors are in both the staff and the agents room).
      expect(heardOf('admin', id, ids.wang!)).toHaveLength(2);
      expect(heardOf('supervisor', id, ids.wang!)).toHaveLength(2);
      expect(heardOf('wang', id, ids.supervisor!)).toHaveLength(1);
      // Nobody hears of themselves; 李雷 may not read 王芳's conversation and hears nothing of it.
      expect(heardOf('wang', id, ids.wang!)).toEqual([]);
      expect(heardOf('supervisor', id, ids.supervisor!)).toEqual([]);
      expect(updates.li!.filter((u) => u.conversationId === id)).toEqual([]);
    });

    it('lists who is in a conversation, with previews only for supervisors and admins', async () => {
      const { id } = wangs;
      const seen = await list('admin', id);
      expect(seen.map((a) => [a.userId, a.state, a.preview])).toEqual([
        [ids.wang, 'typing', draft],
        [ids.supervisor, 'typing', 'Offer the coupon'],
      ]);
      const asAgent = await list('wang', id);
      expect(asAgent.map((a) => [a.userId, a.state, a.preview])).toEqual([
        [ids.wang, 'typing', null],
        [ids.supervisor, 'typing', null],
      ]);
    });

    it('keeps agents out of conversations that are not theirs', async () => {
      const { id } = wangs;
      expect(await set('li', id, 'viewing')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await set('li', id, 'typing', 'psst')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await ask('li', 'activity:list', { conversationId: id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await ask('li', 'messages:list', { conversationId: id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await set('li', 'no-such-conversation', 'viewing')).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await set('li', id, 'typing', 'x'.repeat(4097))).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      expect(await ask('li', 'activity:set', { conversationId: id, state: 'dancing' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      // Supervisors and admins act only through the supervision requests.
      expect(await ask('li', 'conversation:takeover', { conversationId: id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await ask('li', 'conversation:join', { conversationId: id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await ask('li', 'audit:list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await ask('li', 'audit:export', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect((await list('supervisor', id)).some((a) => a.userId === ids.li)).toBe(false);
    });

    it('tells every agent about an unassigned conversation, without the text', async () => {
      const v = await visitor('Quinn Queued');
      const id = await say(v, 'Is anyone there?');
      data(await set('wang', id, 'typing', 'Yes, one moment'));
      await waitFor(() => heardOf('li', id, ids.wang!).length === 1, '李雷 to see 王芳 typing');
      expect(heardOf('li', id, ids.wang!)[0]).toMatchObject({ state: 'typing', preview: null });
      await waitFor(() => heardOf('supervisor', id, ids.wang!).length === 1, 'the supervisor to see the text');
      expect(heardOf('supervisor', id, ids.wang!)[0]!.preview).toBe('Yes, one moment');
      // A new preview changes nothing an agent can see: they are not told again.
      data(await set('wang', id, 'typing', 'Yes, one moment please'));
      await waitFor(() => heardOf('supervisor', id, ids.wang!).length === 2, 'the supervisor to see the new text');
      expect(await list('li', id)).toEqual([expect.objectContaining({ userId: ids.wang, state: 'typing', preview: null })]);
      // Idle takes them out.
      data(await set('wang', id, 'idle'));
      await waitFor(() => heardOf('li', id, ids.wang!).length === 2, '李雷 to hear 王芳 left');
      expect(heardOf('li', id, ids.wang!)[1]).toMatchObject({ state: 'idle', preview: null });
      expect(await list('supervisor', id)).toEqual([]);
      await teamHeardAll();
      expect(heardOf('li', id, ids.wang!)).toHaveLength(2);
      expect(heardOf('admin', id, ids.wang!)).toHaveLength(3);
    });

    it('holds back a flood of typing updates and delivers the latest', async () => {
      const v = await visitor('Fiona Flood');
      const id = await say(v, 'Hello?');
      // Earlier relays are out of the window.
      offset += ACTIVITY_LIMITS.relay.windowMs;
      const sent: string[] = [];
      for (let i = 1; i <= 30; i++) {
        const text = '正在输入'.repeat(2) + String(i);
        sent.push(text);
        data(await set('wang', id, 'typing', text));
      }
      await waitFor(() => heardOf('supervisor', id, ids.wang!).at(-1)?.preview === sent.at(-1), 'the latest text to arrive', 5_000);
      const heard = heardOf('supervisor', id, ids.wang!);
      expect(heard.length).toBeLessThanOrEqual(ACTIVITY_LIMITS.relay.max + 1);
      expect(heard[0]!.preview).toBe(sent[0]);
      // The latest text is the held-back update: once it is out nothing else is held, so anything
      // more would have been sent already.
      await teamHeardAll();
      expect(heardOf('supervisor', id, ids.wang!)).toHaveLength(heard.length);
      expect(heardOf('admin', id, ids.wang!)).toHaveLength(heard.length);
      expect((await list('supervisor', id))[0]!.preview).toBe(sent.at(-1));
      data(await set('wang', id, 'idle'));
    });

    it('refuses a socket that keeps sending far past the limit', async () => {
      const v = await visitor('Rita Refused');
      const id = await say(v, 'Hi');
      const outcomes: Result<unknown>[] = [];
      for (let i = 0; i < ACTIVITY_LIMITS.request.max + 5; i++) outcomes.push(await set('li', id, 'viewing'));
      const refused = outcomes.findIndex((r) => !r.ok);
      // 李雷's two refused attempts above count too.
      expect(refused).toBeGreaterThanOrEqual(ACTIVITY_LIMITS.request.max - 5);
      expect(refused).toBeLessThanOrEqual(ACTIVITY_LIMITS.request.max);
      expect(outcomes[refused]).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
      // Once the window has passed, the socket is heard again.
      offset += ACTIVITY_LIMITS.request.windowMs + 1_000;
      data(await set('li', id, 'idle'));
    });

    it('drops typing that went stale: the person is shown viewing', async () => {
      const { id } = wangs;
      const text = `${draft}。`;
      data(await set('wang', id, 'typing', text));
      await waitFor(() => heardOf('supervisor', id, ids.wang!).at(-1)?.preview === text, 'the supervisor to see the text');
      const before = heardOf('supervisor', id, ids.wang!).length;
      expect((await list('supervisor', id)).find((a) => a.userId === ids.wang)).toMatchObject({ state: 'typing', preview: text });
      offset += STALE_TYPING_MS + 1_000;
      const seen = await list('supervisor', id);
      expect(seen.find((a) => a.userId === ids.wang)).toMatchObject({ state: 'viewing', preview: null });
      await waitFor(() => heardOf('supervisor', id, ids.wang!).length === before + 1, 'the supervisor to see the typing stop');
      expect(heardOf('supervisor', id, ids.wang!).at(-1)).toMatchObject({ state: 'viewing', preview: null });
    });

    it('takes someone out of every conversation when their last socket goes, not before', async () => {
      const zoe = await insertUser(server.db, accountId, { name: 'Zoe Zhao' });
      // Away from the start, so she is offered nothing.
      await server.db.query("UPDATE users SET presence = 'away', presence_changed_at = now() WHERE id = $1", [zoe.id]);
      const token = await tokenFor(SECRET, zoe);
      const phone = await connectAgent(server.url, token);
      const desk = await connectAgent(server.url, token);
      const v = await visitor('Dora Dropped');
      const id = await say(v, 'Still there?');
      data(await request(desk, 'activity:set', { conversationId: id, state: 'viewing' }));
      await waitFor(() => heardOf('supervisor', id, zoe.id).length === 1, 'the supervisor to see Zoe');
      const phoneId = phone.id;
      phone.close();
      await waitFor(() => !server.io.of(AGENT_NAMESPACE).sockets.has(phoneId!), 'the server to see the phone go');
      await server.router.settled();
      await pushesFlushed(desk, sockets.supervisor!, sockets.li!);
      expect(heardOf('supervisor', id, zoe.id)).toHaveLength(1);
      expect((await list('supervisor', id)).map((a) => a.userId)).toEqual([zoe.id]);
      desk.close();
      await waitFor(() => heardOf('supervisor', id, zoe.id).length === 2, 'the supervisor to see Zoe leave');
      expect(heardOf('supervisor', id, zoe.id)[1]).toMatchObject({ state: 'idle', preview: null });
      expect(heardOf('li', id, zoe.id).map((u) => u.state)).toEqual(['viewing', 'idle']);
      expect(await list('supervisor', id)).toEqual([]);
    });

    it('takes an agent out of a conversation taken over from them, so their typing does not linger', async () => {
      const { id } = await wangsConversation('Theo Takeover');
      data(await set('wang', id, 'typing', '我再核对一下'));
      await waitFor(() => heardOf('admin', id, ids.wang!).some((u) => u.state === 'typing'), 'the admin to see 王芳 typing');
      data(await ask('supervisor', 'conversation:takeover', { conversationId: id }));
      await waitFor(() => heardOf('admin', id, ids.wang!).at(-1)?.state === 'idle', 'the admin to see 王芳 leave');
      expect(heardOf('admin', id, ids.wang!).at(-1)).toMatchObject({ state: 'idle', preview: null });
      expect((await list('admin', id)).map((a) => a.userId)).not.toContain(ids.wang);
    });

    it('tells supervisors and admins, not agents, when a colleague’s presence or load changes', async () => {
      const members = Object.fromEntries(people.map((who) => [who, record<TeamMember>(sockets[who]!, 'team:member')]));
      data(await ask('wang', 'presence:set', { presence: 'busy' }));
      await waitFor(() => members.supervisor!.some((m) => m.id === ids.wang && m.presence === 'busy'), 'the supervisor to see 王芳 busy');
      data(await ask('wang', 'presence:set', { presence: 'away' }));
      for (const who of ['supervisor', 'admin']) {
        await waitFor(() => members[who]!.some((m) => m.id === ids.wang && m.presence === 'away'), `${who} to see 王芳 go away`);
      }
      const team = data(await ask<Team>('supervisor', 'team:list', {}));
      expect(members.supervisor!.filter((m) => m.id === ids.wang).at(-1)).toEqual(team.agents.find((a) => a.id === ids.wang));

      // Claiming a conversation raises the load.
      const load = team.agents.find((a) => a.id === ids.wang)!.load;
      await wangsConversation('Lara Load');
      await waitFor(() => members.supervisor!.some((m) => m.id === ids.wang && m.load === load + 1), 'the supervisor to see the new load');
      await teamHeardAll();
      expect(members.wang!.concat(members.li!)).toEqual([]);
    });

    it('never lets the customer hear of activity, previews or internal notes', async () => {
      const { v, id } = wangs;
      data(await ask('supervisor', 'note:add', { conversationId: id, body: 'Whisper: check the refund first' }));
      data(await set('wang', id, 'typing', 'Private draft for the customer'));
      await server.router.settled();
      await pushesFlushed(...visitors.map((x) => x.socket).filter((socket) => socket.connected));
      const events = visitors.flatMap((x) => x.events);
      expect(events.length).toBeGreaterThan(visitors.length);
      for (const { event } of events) expect(['visitor:session', 'message:new', 'queue:update']).toContain(event);
      const all = JSON.stringify(events);
      for (const secret of [draft, 'Offer the coupon', 'Whisper', 'Private draft', '正在输入']) expect(all).not.toContain(secret);
      expect(v.messages.map((m) => m.body)).toEqual(['您好，我是王芳']);
      const history = data(await request<{ messages: VisitorMessage[] }>(v.socket, 'visitor:history', {})).messages;
      expect(history.map((m) => m.body)).toEqual(['Hello, this is Tina Typing', '您好，我是王芳']);
    });
  });
}
