import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { startServer, type RunningServer } from '../../server/app';
import { raiseSyncFloor } from '../../server/db/sequence';
import type { Conversation, Message } from '../../shared/domain';
import type { Result } from '../../shared/errors';
import type { AgentRequestResult } from '../../shared/protocol';
import { pushesFlushed } from '../support/barriers';
import { databaseTargets } from '../support/databases';
import {
  closeAllSockets, connectAgent, connectVisitor, login, record, request, waitFor,
} from '../support/server-fixture';

type SyncPage = AgentRequestResult<'sync:changes'>;
type Removed = { conversationId: string; seq: number };

const targets = await databaseTargets();

function data<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`request failed: ${JSON.stringify(result.error)}`);
  return result.data;
}

afterAll(() => closeAllSockets());

for (const target of targets) {
  describe(`sync and pushes on ${target.label}`, () => {
    let server: RunningServer;
    let drop: () => Promise<void>;
    let accountId: string;
    const ids: Record<string, string> = {};
    const agents: Record<string, Socket> = {};

    beforeAll(async () => {
      const opened = await target.open();
      drop = opened.drop;
      server = await startServer({ port: 0, seed: 'if-empty', ...opened.options });
      console.log(`database: ${opened.describe} (server ${server.url})`);
      const people = {
        wang: ['wang.fang@demo.test', 'demo-agent'],
        emma: ['emma@demo.test', 'demo-agent'],
        li: ['li.lei@demo.test', 'demo-agent'],
        supervisor: ['supervisor@demo.test', 'demo-supervisor'],
        admin: ['admin@demo.test', 'demo-admin'],
      } as const;
      for (const [key, [email, password]] of Object.entries(people)) {
        const tokens = await login(server.url, email, password);
        ids[key] = tokens.user.id;
        accountId = tokens.user.accountId;
        agents[key] = await connectAgent(server.url, tokens.accessToken);
      }
      // These tests are about sync and pushes: with everyone away, routing offers nothing and
      // the only sequence numbers taken are the ones the tests cause.
      for (const socket of Object.values(agents)) data(await request(socket, 'presence:set', { presence: 'away' }));
      await server.router.settled();
    });

    afterAll(async () => {
      for (const socket of Object.values(agents)) socket.close();
      await server?.close();
      await drop?.();
    });

    const sync = async (who: string, after: number, limit?: number) =>
      data(await request<SyncPage>(agents[who]!, 'sync:changes', limit === undefined ? { after } : { after, limit }));

    /** Every page from `after` to the end. */
    async function syncAll(who: string, after: number, limit?: number): Promise<SyncPage[]> {
      const pages: SyncPage[] = [];
      let cursor = after;
      for (;;) {
        const page = await sync(who, cursor, limit);
        expect(page.reset).toBe(false);
        pages.push(page);
        cursor = page.cursor;
        if (!page.hasMore) return pages;
        if (pages.length > 10_000) throw new Error('sync did not end');
      }
    }

    async function accountSeq(): Promise<number> {
      const rows = await server.db.query<{ seq: number }>('SELECT handed AS seq FROM change_seq_head($1)', [accountId]);
      return Number(rows[0]?.seq);
    }

    /** The seq of every current row of the account, optionally without the messages of some conversations. */
    async function currentSeqs(hiddenConversationIds: string[] = []): Promise<number[]> {
      const rows = await server.db.query<{ seq: number }>(
        `SELECT seq FROM conversations WHERE account_id = $1
         UNION ALL SELECT seq FROM messages WHERE account_id = $1 AND NOT (conversation_id = ANY($2::text[]))
         ORDER BY seq`,
        [accountId, hiddenConversationIds],
      );
      return rows.map((r) => Number(r.seq));
    }

    async function openConversationOf(contactId: string): Promise<string> {
      const rows = await server.db.query<{ id: string }>(
        "SELECT id FROM conversations WHERE contact_id = $1 AND status = 'open'",
        [contactId],
      );
      if (!rows[0]) throw new Error(`no open conversation for ${contactId}`);
      return rows[0].id;
    }

    /** A new widget visitor who has sent `bodies`; returns their open conversation. */
    async function newVisitorConversation(name: string, ...bodies: string[]) {
      const visitor = await connectVisitor(server.url, { name });
      for (const body of bodies) data(await request(visitor.socket, 'visitor:send', { clientId: randomUUID(), body }));
      return { visitor, conversationId: await openConversationOf(visitor.session.contactId) };
    }

    const reply = (who: string, conversationId: string, body: string, clientId = randomUUID()) =>
      request<{ message: Message; conversation: Conversation }>(agents[who]!, 'message:send', { conversationId, clientId, body });

    const resolve = (who: string, conversationId: string) =>
      request<{ conversation: Conversation }>(agents[who]!, 'conversation:resolve', { conversationId });

    // Conversations shared by the tests below: c1 claimed by 王芳, c2 claimed by Emma, c3 unassigned.
    let c1: string;
    let c2: string;
    let c3: string;

    it('syncs everything an agent may see from 0, with the account seq as the cursor', async () => {
      c1 = (await newVisitorConversation('Alice Sync', 'Where is SO-10001?', 'It was due yesterday')).conversationId;
      c2 = (await newVisitorConversation('Bob Secret', 'My private address is 12 Hidden Lane')).conversationId;
      c3 = (await newVisitorConversation('Carol Open', 'Hello?', 'Anyone there?')).conversationId;
      data(await reply('wang', c1, 'Let me check SO-10001.'));
      data(await reply('emma', c2, 'Emma will handle your hidden lane question'));

      const page = await sync('wang', 0);
      expect(page).toMatchObject({ reset: false, hasMore: false, cursor: await accountSeq() });
      expect(page.conversations.map((c) => c.id)).toEqual([c3, c1]);
      expect(page.removed).toEqual([{ conversationId: c2, seq: page.removed[0]!.seq }]);
      const listed = data(await request<{ messages: Message[] }>(agents.wang!, 'messages:list', { conversationId: c1 })).messages;
      expect(page.messages.filter((m) => m.conversationId === c1)).toEqual(listed);
      expect(page.messages.map((m) => m.conversationId).sort()).toEqual([c1, c1, c1, c3, c3].sort());
      expect(page.messages.map((m) => m.seq)).toEqual([...page.messages.map((m) => m.seq)].sort((a, b) => a - b));
      // The same shapes as conversations:list.
      const list = data(await request<{ conversations: Conversation[] }>(agents.wang!, 'conversations:list', {})).conversations;
      expect(page.conversations).toEqual(expect.arrayContaining(list));
      expect(page.conversations).toHaveLength(list.length);
    });

    it("lists a conversation claimed by another agent in removed, never its messages or preview", async () => {
      const page = await sync('wang', 0);
      const removedSeq = (await server.db.query<{ seq: number }>('SELECT seq FROM conversations WHERE id = $1', [c2]))[0]!.seq;
      expect(page.removed).toEqual([{ conversationId: c2, seq: Number(removedSeq) }]);
      expect(page.messages.some((m) => m.conversationId === c2)).toBe(false);
      const text = JSON.stringify(page);
      for (const secret of ['Bob Secret', 'Hidden Lane', 'hidden lane', 'Emma']) expect(text).not.toContain(secret);

      const emmaPage = await sync('emma', 0);
      expect(emmaPage.conversations.map((c) => c.id)).toEqual([c3, c2]);
      expect(emmaPage.removed.map((r) => r.conversationId)).toEqual([c1]);
      expect(JSON.stringify(emmaPage)).not.toContain('SO-10001');
    });

    it('gives supervisors and admins every conversation and message', async () => {
      for (const who of ['supervisor', 'admin']) {
        const page = await sync(who, 0);
        expect(page.removed).toEqual([]);
        expect(page.conversations.map((c) => c.id).sort()).toEqual([c1, c2, c3].sort());
        expect([...page.conversations, ...page.messages].map((r) => r.seq).sort((a, b) => a - b)).toEqual(await currentSeqs());
      }
    });

    it('pages with a small limit, listing every change exactly once', async () => {
      for (const [who, hidden] of [['supervisor', []], ['wang', [c2]], ['emma', [c1]]] as const) {
        for (const limit of [1, 2, 3]) {
          const pages = await syncAll(who, 0, limit);
          const seqs = pages.flatMap((p) => [...p.conversations, ...p.messages, ...p.removed].map((r) => r.seq));
          expect(new Set(seqs).size).toBe(seqs.length);
          expect([...seqs].sort((a, b) => a - b)).toEqual(await currentSeqs([...hidden]));
          // Full pages say there may be more; only the last one reaches the head.
          const last = pages[pages.length - 1]!;
          expect(last.cursor).toBe(await accountSeq());
          for (const page of pages.slice(0, -1)) {
            expect(page.hasMore).toBe(true);
            expect(page.conversations.length + page.messages.length + page.removed.length).toBeLessThanOrEqual(limit);
          }
          const cursors = pages.map((p) => p.cursor);
          expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
          // Each full page moves forward; a full page may end exactly at the head, leaving an empty last page.
          const full = cursors.slice(0, -1);
          expect(new Set(full).size).toBe(full.length);
          // Paging yields the same state as one big page.
          const whole = await sync(who, 0);
          expect(pages.flatMap((p) => p.conversations)).toEqual(whole.conversations);
          expect(pages.flatMap((p) => p.messages)).toEqual(whole.messages);
          expect(pages.flatMap((p) => p.removed)).toEqual(whole.removed);
        }
      }
    });

    it('answers a cursor at the head with an empty last page', async () => {
      const seq = await accountSeq();
      expect(await sync('wang', seq)).toEqual({ conversations: [], contacts: [], messages: [], removed: [], cursor: seq, hasMore: false, reset: false });
    });

    it('syncs only what changed after a cursor', async () => {
      const from = await accountSeq();
      const sent = data(await reply('wang', c1, 'Found it: it ships today.'));
      const page = await sync('wang', from);
      expect(page.messages).toEqual([sent.message]);
      expect(page.conversations).toEqual([sent.conversation]);
      expect(page.cursor).toBe(from + 2);
      const emmaPage = await sync('emma', from);
      expect(emmaPage).toMatchObject({ messages: [], conversations: [], removed: [{ conversationId: c1, seq: from + 2 }] });
    });

    it('lets agents resolve their own and unassigned conversations, staff any, idempotently', async () => {
      expect(await resolve('emma', c1)).toEqual({
        ok: false,
        error: { code: 'reassigned', message: 'This conversation is now assigned to 王芳.', details: { assigneeName: '王芳' } },
      });
      expect(await resolve('wang', randomUUID())).toMatchObject({ ok: false, error: { code: 'not_found' } });

      const emmaTicks = record<{ seq: number }>(agents.emma!, 'sync:tick');
      const wangUpserts = record<Conversation>(agents.wang!, 'conversation:upsert');
      const before = await accountSeq();
      const resolved = data(await resolve('wang', c1)).conversation;
      expect(resolved).toMatchObject({ id: c1, status: 'resolved', assigneeId: ids.wang, seq: before + 1 });
      await waitFor(() => emmaTicks.length === 1 && wangUpserts.length === 1, 'resolve pushes');
      expect(emmaTicks).toEqual([{ seq: before + 1 }]);
      expect(wangUpserts).toEqual([resolved]);

      // Again: the same answer, no new number, no push.
      expect(data(await resolve('wang', c1)).conversation).toEqual(resolved);
      expect(await accountSeq()).toBe(before + 1);
      await server.router.settled();
      await pushesFlushed(agents.emma!);
      expect(emmaTicks).toHaveLength(1);

      // Another agent may not even resolve it again, and learns who has it.
      expect(await resolve('emma', c1)).toMatchObject({ ok: false, error: { code: 'reassigned', details: { assigneeName: '王芳' } } });

      const unassigned = data(await resolve('emma', c3)).conversation;
      expect(unassigned).toMatchObject({ id: c3, status: 'resolved', assigneeId: null });
      const byStaff = data(await resolve('supervisor', c2)).conversation;
      expect(byStaff).toMatchObject({ id: c2, status: 'resolved', assigneeId: ids.emma });
    });

    it('opens a new conversation when the visitor writes after resolution', async () => {
      const { visitor, conversationId } = await newVisitorConversation('Dora Returning', 'First question');
      data(await resolve('li', conversationId));
      const upserts = record<Conversation>(agents.li!, 'conversation:upsert');
      data(await request(visitor.socket, 'visitor:send', { clientId: randomUUID(), body: 'Second question' }));
      await waitFor(() => upserts.length === 1, 'the new conversation');
      expect(upserts[0]).toMatchObject({ contactId: visitor.session.contactId, status: 'open', assigneeId: null });
      expect(upserts[0]!.id).not.toBe(conversationId);
    });

    it('refuses replies with reassigned (saying to whom) and resolved', async () => {
      const { conversationId } = await newVisitorConversation('Erin Claimed', 'Hi');
      data(await reply('emma', conversationId, 'Emma here'));
      const before = await accountSeq();
      expect(await reply('wang', conversationId, 'me too')).toEqual({
        ok: false,
        error: { code: 'reassigned', message: 'This conversation is now assigned to Emma Clark.', details: { assigneeName: 'Emma Clark' } },
      });
      expect(await reply('wang', c1, 'after the fact')).toEqual({
        ok: false,
        error: { code: 'resolved', message: 'This conversation was resolved.' },
      });
      expect(await accountSeq()).toBe(before);
    });

    it('acks a retried reply with the stored message after the conversation changed hands or was resolved', async () => {
      const { conversationId } = await newVisitorConversation('Finn Retry', 'Help please');
      const clientId = randomUUID();
      const first = data(await reply('wang', conversationId, 'On it', clientId));
      // Transferred to Emma (directly in the database: there is no transfer request yet).
      await server.db.query('UPDATE conversations SET assignee_id = $2 WHERE id = $1', [conversationId, ids.emma]);
      const retried = data(await reply('wang', conversationId, 'On it', clientId));
      expect(retried.message).toEqual(first.message);
      expect(await reply('wang', conversationId, 'something new')).toMatchObject({ ok: false, error: { code: 'reassigned' } });

      data(await resolve('emma', conversationId));
      expect(data(await reply('wang', conversationId, 'On it', clientId)).message).toEqual(first.message);
      const count = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM messages WHERE client_id = $1', [clientId]);
      expect(Number(count[0]!.n)).toBe(1);
    });

    it('tells every agent socket of every seq exactly once during a burst', async () => {
      const wang2 = await connectAgent(server.url, (await login(server.url, 'wang.fang@demo.test', 'demo-agent')).accessToken);
      const sockets: Record<string, Socket> = { ...agents, wang2 };
      const heard: Record<string, number[]> = {};
      const content: Record<string, { removed: Removed[]; messages: Message[] }> = {};
      for (const [who, socket] of Object.entries(sockets)) {
        const seqs: number[] = (heard[who] = []);
        const mine: { removed: Removed[]; messages: Message[] } = { removed: [], messages: [] };
        content[who] = mine;
        socket.on('message:new', (m: Message) => {
          seqs.push(m.seq);
          mine.messages.push(m);
        });
        socket.on('conversation:upsert', (c: Conversation) => seqs.push(c.seq));
        socket.on('conversation:removed', (r: Removed) => {
          seqs.push(r.seq);
          mine.removed.push(r);
        });
        socket.on('sync:tick', (t: { seq: number }) => seqs.push(t.seq));
      }
      const visitors = await Promise.all(['Gia', 'Hugo', 'Ines', 'Jon'].map((name) => connectVisitor(server.url, { name: `${name} Burst` })));
      const say = (i: number, body: string) => request(visitors[i]!.socket, 'visitor:send', { clientId: randomUUID(), body });

      const start = await accountSeq();
      await Promise.all(visitors.map((_, i) => say(i, `first from ${i}`)));
      const conversations = await Promise.all(visitors.map((v) => openConversationOf(v.session.contactId)));
      const [g, h, i, j] = conversations as [string, string, string, string];
      const outcomes = await Promise.all([
        say(0, 'second from 0'),
        say(1, 'second from 1'),
        reply('wang', g, 'wang claims'),
        reply('emma', g, 'emma races for it'),
        reply('li', h, 'li claims'),
        reply('supervisor', i, 'supervisor steps in'),
        reply('emma', j, 'emma claims'),
        resolve('wang', j),
        say(2, 'second from 2'),
        say(3, 'second from 3'),
        reply('admin', h, 'admin adds a note'),
        resolve('li', h),
      ]);
      await say(3, 'third from 3');
      await Promise.all([reply('wang', g, 'wang again'), say(0, 'third from 0')]);
      await server.router.settled();
      const end = await accountSeq();
      // Which of the racing claims and resolves lose depends on timing; most go through, and those
      // that lose are told why (never a server error: a customer writing while an agent claims once
      // deadlocked on PostgreSQL).
      expect(outcomes.filter((o) => o.ok).length).toBeGreaterThanOrEqual(6);
      expect(outcomes.flatMap((o) => (o.ok ? [] : [o.error.code]))).not.toContain('internal');

      // Every committed change's number: each message's, and each conversation's latest (a number a
      // refused claim took is rolled back with it and never told, so the numbers may have gaps).
      const committed = (
        await server.db.query<{ seq: number }>(
          `SELECT seq FROM messages WHERE account_id = $1 AND seq > $2 UNION SELECT seq FROM conversations WHERE account_id = $1 AND seq > $2`,
          [accountId, start],
        )
      ).map((r) => Number(r.seq));
      for (const who of Object.keys(sockets)) {
        await waitFor(() => committed.every((n) => heard[who]!.includes(n)), `${who} to hear the ${committed.length} committed numbers`);
      }
      await pushesFlushed(...Object.values(sockets));
      // Every socket heard the same numbers, each once, all of them between the burst's start and end.
      const told = [...new Set(heard.wang)].sort((a, b) => a - b);
      expect(told.every((n) => n > start && n <= end)).toBe(true);
      for (const who of Object.keys(sockets)) {
        expect({ who, seqs: [...heard[who]!].sort((a, b) => a - b) }).toEqual({ who, seqs: told });
      }

      // Whoever lost g to its claimant heard only its id, never its messages after the claim.
      const claimant = (await server.db.query<{ assignee_id: string | null }>('SELECT assignee_id FROM conversations WHERE id = $1', [g]))[0]!.assignee_id;
      const racers = { wang: outcomes[2]!, emma: outcomes[3]! };
      const winners = Object.entries(racers).filter(([, o]) => o.ok).map(([who]) => ids[who]);
      // At most one of the two racing replies claims it, and the database agrees on which.
      expect({ winners: winners.length, claimant }).toEqual({ winners: winners.length === 0 ? 0 : 1, claimant: winners[0] ?? claimant });
      const losers = Object.keys(racers).filter((who) => ids[who] !== claimant);
      for (const loser of claimant === null ? [] : losers) {
        expect({ loser, removed: content[loser]!.removed.map((r) => r.conversationId) }).toEqual({ loser, removed: expect.arrayContaining([g]) });
      }
      expect(claimant === null ? [] : content.li!.removed.map((r) => r.conversationId)).toEqual(claimant === null ? [] : expect.arrayContaining([g]));
      expect(content.li!.messages.filter((m) => m.conversationId === g && m.senderType === 'agent')).toEqual([]);
      // And a sync from before the burst agrees with what the pushes said.
      const synced = await syncAll('li', start, 4);
      expect(synced.flatMap((p) => p.removed).map((r) => r.conversationId)).toContain(g);
      expect(synced.flatMap((p) => p.messages).some((m) => m.conversationId === g)).toBe(false);
      wang2.close();
    });

    it('resets a cursor beyond the server seq or older than the sync floor', async () => {
      const reset = { conversations: [], contacts: [], messages: [], removed: [], cursor: 0, hasMore: true, reset: true };
      const seq = await accountSeq();
      expect(await sync('wang', seq + 1)).toEqual(reset);
      expect(await sync('supervisor', seq + 1000)).toEqual(reset);

      const floor = await raiseSyncFloor(server.db, accountId, seq - 5);
      expect(floor).toBe(seq - 5);
      expect(await sync('wang', seq - 6)).toEqual(reset);
      expect(await sync('wang', 1)).toEqual(reset);
      expect((await sync('wang', seq - 5)).reset).toBe(false);
      // A full sync from 0 is always complete, so it never resets.
      const full = await syncAll('wang', 0, 500);
      expect(full[full.length - 1]!.cursor).toBe(seq);
      // The floor never goes down, nor past the account's seq.
      expect(await raiseSyncFloor(server.db, accountId, 1)).toBe(seq - 5);
      expect(await raiseSyncFloor(server.db, accountId, seq + 100)).toBe(seq);
    });

    it('rejects invalid sync payloads', async () => {
      for (const payload of [{ after: -1 }, { after: 1.5 }, { after: 0, limit: 0 }, { after: 0, limit: 5001 }, { after: 0, extra: 1 }, {}]) {
        expect(await request(agents.wang!, 'sync:changes', payload)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      }
    });
  });
}
