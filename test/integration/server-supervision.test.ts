import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { RunningServer } from '../../server/app';
import { toVisitorMessage } from '../../server/channels/widget/visitor-message';
import { joinedNote, listParticipants, takenOverNote } from '../../server/domain/supervision/supervision';
import type { Conversation, Message } from '../../shared/domain';
import type { AuditEntryView, AgentPush, VisitorMessage } from '../../shared/protocol';
import { pushesFlushed } from '../support/barriers';
import { databaseTargets, startServerOn } from '../support/databases';
import {
  closeAllSockets, connectDemoTeam, connectVisitor, data, quietTeam, record, request, visitorSays, waitFor,
} from '../support/server-fixture';

const targets = await databaseTargets();
const SECRET = 'supervision-test-secret';

afterAll(() => closeAllSockets());

/** One RFC 4180 line (no line breaks inside fields here). */
function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const quote = line.indexOf('"', i);
        value += line.slice(i, quote);
        i = quote + 2;
        if (line[quote + 1] !== '"') break;
        value += '"';
      }
      fields.push(value);
    } else {
      const comma = line.indexOf(',', i);
      const end = comma === -1 ? line.length : comma;
      fields.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return fields;
}

type Visitor = { socket: Socket; contactId: string; messages: VisitorMessage[] };
type Sent = { message: Message; conversation: Conversation };
type AuditPage = { entries: AuditEntryView[]; nextBefore: number | null };

for (const target of targets) {
  describe(`supervision (whisper, takeover, barge-in, audit log) on ${target.label}`, () => {
    let server: RunningServer;
    let close: (() => Promise<void>) | undefined;
    let accountId: string;
    const ids: Record<string, string> = {};
    const names: Record<string, string> = {};
    const tokens: Record<string, string> = {};
    const sockets: Record<string, Socket> = {};
    const heard: Record<string, number[]> = {};
    let startSeq = 0;
    const people = ['wang', 'li', 'supervisor', 'admin'] as const;

    const ask = <T>(who: string, name: string, payload: unknown) => request<T>(sockets[who]!, name, payload);

    /** Routing is done and every push the server sent the team (and these sockets) before now has arrived. */
    const allHeard = async (...more: Socket[]) => {
      await server.router.settled();
      await pushesFlushed(...people.map((who) => sockets[who]!), ...more);
    };
    const accountSeq = async () => Number((await server.db.query<{ seq: number }>('SELECT handed AS seq FROM change_seq_head($1)', [accountId]))[0]!.seq);
    const row = async (id: string) =>
      (await server.db.query<{ routing_state: string; offered_to: string | null; assignee_id: string | null; offer_expires_at: unknown }>(
        'SELECT routing_state, offered_to, assignee_id, offer_expires_at FROM conversations WHERE id = $1',
        [id],
      ))[0]!;
    const auditRows = async (action: string) =>
      server.db.query<{ actor_id: string; target_id: string; details: unknown }>(
        'SELECT actor_id, target_id, details FROM audit_log WHERE account_id = $1 AND action = $2 ORDER BY id',
        [accountId, action],
      );
    const messagesOf = async (who: string, conversationId: string) =>
      data(await ask<{ messages: Message[] }>(who, 'messages:list', { conversationId })).messages;

    async function visitor(name: string): Promise<Visitor> {
      const { socket, session } = await connectVisitor(server.url, { name });
      return { socket, contactId: session.contactId, messages: record<VisitorMessage>(socket, 'message:new') };
    }

    const say = async (v: Visitor, body: string) => (await visitorSays(server, v, body)).conversationId;

    /** A conversation 王芳 has claimed by replying, with the visitor who started it. */
    async function wangsConversation(name: string): Promise<{ v: Visitor; id: string }> {
      const v = await visitor(name);
      const id = await say(v, `Hello, this is ${name}`);
      const sent = data(await ask<Sent>('wang', 'message:send', { conversationId: id, clientId: randomUUID(), body: 'Hi, 王芳 here' }));
      expect(sent.conversation.assigneeId).toBe(ids.wang);
      await waitFor(() => v.messages.some((m) => m.body === 'Hi, 王芳 here'), 'the visitor to get the reply');
      return { v, id };
    }

    beforeAll(async () => {
      ({ server, close } = await startServerOn(target, { tokenSecret: SECRET, routingSweepMs: 60_000 }));
      const team = await connectDemoTeam(server.url, (who, s) => {
        const seen: number[] = (heard[who] = []);
        s.on('message:new', (m: Message) => seen.push(m.seq));
        s.on('conversation:upsert', (c: Conversation) => seen.push(c.seq));
        s.on('conversation:removed', (r: { seq: number }) => seen.push(r.seq));
        s.on('sync:tick', (t: { seq: number }) => seen.push(t.seq));
      });
      Object.assign(ids, team.ids);
      Object.assign(names, team.names);
      Object.assign(tokens, team.tokens);
      Object.assign(sockets, team.sockets);
      accountId = team.accountId;
      await quietTeam(server, team.sockets);
      startSeq = await accountSeq();
    });

    afterAll(async () => {
      await close?.();
    });

    it('keeps the audit log append-only in the database itself', async () => {
      await server.db.query(
        `INSERT INTO audit_log (account_id, actor_id, action, target_type, target_id) VALUES ($1, $2, 'probe', 'test', 'x')`,
        [accountId, ids.admin],
      );
      await expect(server.db.query("UPDATE audit_log SET action = 'changed' WHERE action = 'probe'")).rejects.toThrow(/append-only/);
      await expect(server.db.query("DELETE FROM audit_log WHERE action = 'probe'")).rejects.toThrow(/append-only/);
      await expect(server.db.exec('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
      expect(await auditRows('probe')).toHaveLength(1);
    });

    let whispered: { v: Visitor; id: string };

    it('lets a supervisor whisper to the agent; the customer never sees it, mentioned colleagues are told', async () => {
      whispered = await wangsConversation('Willa Whisper');
      const { v, id } = whispered;
      const mentions = record<AgentPush<'note:mention'>>(sockets.wang!, 'note:mention');
      const wangMessages = record<Message>(sockets.wang!, 'message:new');
      const note = data(await ask<Sent>('supervisor', 'note:add', { conversationId: id, body: '  Offer the 10% coupon, she is a VIP  ', mentions: [ids.wang] }));
      expect(note.message).toMatchObject({ senderType: 'agent', senderId: ids.supervisor, internal: true, body: 'Offer the 10% coupon, she is a VIP' });
      expect(note.conversation.assigneeId).toBe(ids.wang);
      expect(toVisitorMessage(note.message)).toBeNull();
      await waitFor(() => mentions.length === 1, 'the mention push');
      expect(mentions[0]).toEqual({ conversationId: id, messageId: note.message.id, byName: names.supervisor, excerpt: 'Offer the 10% coupon, she is a VIP' });
      await waitFor(() => wangMessages.some((m) => m.id === note.message.id), 'the agent to see the whisper');
      expect((await messagesOf('wang', id)).find((m) => m.id === note.message.id)?.internal).toBe(true);

      // The customer: nothing pushed, nothing in the history.
      await allHeard(v.socket);
      expect(v.messages.map((m) => m.body)).not.toContain(note.message.body);
      expect(v.messages.every((m) => m.id !== note.message.id)).toBe(true);
      const history = data(await request<{ messages: VisitorMessage[] }>(v.socket, 'visitor:history', {})).messages;
      expect(history.map((m) => m.body)).toEqual(['Hello, this is Willa Whisper', 'Hi, 王芳 here']);

      const whispers = await auditRows('whisper');
      expect(whispers).toHaveLength(1);
      expect(whispers[0]).toMatchObject({ actor_id: ids.supervisor, target_id: id });
    });

    it('lets an agent keep private notes on conversations they can read, not on a colleague’s', async () => {
      const { v, id } = whispered;
      const note = data(await ask<Sent>('wang', 'note:add', { conversationId: id, body: 'Called her back, waiting for the photo' }));
      expect(note.message).toMatchObject({ internal: true, senderId: ids.wang });
      // An agent's own note is not a whisper: not audited.
      expect(await auditRows('whisper')).toHaveLength(1);
      // 李雷 cannot write into 王芳's conversation, nor read it.
      expect(await ask('li', 'note:add', { conversationId: id, body: 'psst' })).toMatchObject({ ok: false, error: { code: 'reassigned' } });
      // Only agents and supervisors of the team can be mentioned.
      expect(await ask('supervisor', 'note:add', { conversationId: id, body: 'x', mentions: [ids.admin] })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      expect(await ask('supervisor', 'note:add', { conversationId: id, body: 'x', mentions: ['nobody'] })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      // 李雷 may not open 王芳's conversation, so cannot be pointed at it.
      expect(await ask('supervisor', 'note:add', { conversationId: id, body: 'x', mentions: [ids.li] })).toMatchObject({
        ok: false, error: { code: 'bad_request', details: { userId: ids.li } },
      });
      expect(await ask('supervisor', 'note:add', { conversationId: 'nope', body: 'x' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await ask('supervisor', 'note:add', { conversationId: id, body: '   ' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      await allHeard(v.socket);
      expect(v.messages.some((m) => m.body.includes('photo'))).toBe(false);
    });

    it('lets only supervisors and admins take over; the agent loses it, is told why, and their reply is refused', async () => {
      const { v, id } = await wangsConversation('Tom Takeover');
      expect(await ask('li', 'conversation:takeover', { conversationId: id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await ask('wang', 'conversation:takeover', { conversationId: id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await ask('supervisor', 'conversation:takeover', { conversationId: id, toUserId: ids.wang })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      expect(await ask('supervisor', 'conversation:takeover', { conversationId: id, toUserId: ids.admin })).toMatchObject({ ok: false, error: { code: 'not_found' } });

      const removed = record<{ conversationId: string }>(sockets.wang!, 'conversation:removed');
      const taken = record<AgentPush<'conversation:taken'>>(sockets.wang!, 'conversation:taken');
      const reason = 'Escalated: refund over limit, "urgent"';
      const { conversation } = data(await ask<{ conversation: Conversation }>('supervisor', 'conversation:takeover', { conversationId: id, reason }));
      expect(conversation).toMatchObject({ assigneeId: ids.supervisor, routingState: 'assigned', offeredToId: null });
      await waitFor(() => removed.some((r) => r.conversationId === id), 'wang to lose the conversation');
      await waitFor(() => taken.length === 1, 'wang to be told it was taken');
      expect(taken[0]).toEqual({ conversationId: id, byName: names.supervisor, reason });

      const note = (await messagesOf('supervisor', id)).find((m) => m.body === takenOverNote(names.supervisor!));
      expect(note).toMatchObject({ internal: true, senderType: 'system' });
      const refused = await ask('wang', 'message:send', { conversationId: id, clientId: randomUUID(), body: 'still here?' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'reassigned', details: { assigneeName: names.supervisor } } });
      expect(await ask('wang', 'messages:list', { conversationId: id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

      const takeovers = await auditRows('takeover');
      expect(takeovers).toHaveLength(1);
      expect(takeovers[0]).toMatchObject({ actor_id: ids.supervisor, target_id: id, details: { previousAssigneeId: ids.wang, assigneeId: ids.supervisor, reason } });
      await allHeard(v.socket);
      expect(v.messages.some((m) => m.body.includes('taken over'))).toBe(false);
    });

    it('hands a conversation to a named agent, clearing an offer to someone else', async () => {
      const v = await visitor('Olga Offered');
      const id = await say(v, 'Is this in stock?');
      await server.router.settled();
      await server.db.query(
        `UPDATE conversations SET routing_state = 'offered', offered_to = $2, offer_expires_at = now() + interval '1 hour' WHERE id = $1`,
        [id, ids.wang],
      );
      const { conversation } = data(await ask<{ conversation: Conversation }>('admin', 'conversation:takeover', { conversationId: id, toUserId: ids.li }));
      expect(conversation).toMatchObject({ assigneeId: ids.li, routingState: 'assigned', offeredToId: null, offerExpiresAt: null });
      expect(await row(id)).toMatchObject({ routing_state: 'assigned', offered_to: null, assignee_id: ids.li, offer_expires_at: null });
      const note = (await messagesOf('li', id)).find((m) => m.senderType === 'system' && m.internal);
      expect(note?.body).toBe(`${takenOverNote(names.admin!)} → ${names.li}`);
      expect(await auditRows('takeover')).toHaveLength(2);
    });

    it('lets a supervisor join beside the agent: agents see who joined, the customer gets the supervisor’s reply', async () => {
      const { v, id } = await wangsConversation('Bea Barge');
      expect(await ask('li', 'conversation:join', { conversationId: id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await ask('wang', 'conversation:join', { conversationId: id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

      const wangMessages = record<Message>(sockets.wang!, 'message:new');
      const { conversation } = data(await ask<{ conversation: Conversation }>('supervisor', 'conversation:join', { conversationId: id }));
      expect(conversation.assigneeId).toBe(ids.wang);
      expect(await listParticipants(server.db, id)).toEqual([ids.supervisor]);
      await waitFor(() => wangMessages.some((m) => m.body === joinedNote(names.supervisor!)), 'wang to see who joined');
      expect(wangMessages.find((m) => m.body === joinedNote(names.supervisor!))).toMatchObject({ internal: true, senderType: 'system' });
      // Joining again changes nothing.
      const seqBefore = await accountSeq();
      data(await ask('supervisor', 'conversation:join', { conversationId: id }));
      expect(await accountSeq()).toBe(seqBefore);
      expect(await auditRows('barge_in')).toHaveLength(1);

      const sent = data(await ask<Sent>('supervisor', 'message:send', { conversationId: id, clientId: randomUUID(), body: 'Hello, I am the team lead' }));
      expect(sent.conversation.assigneeId).toBe(ids.wang);
      await waitFor(() => v.messages.some((m) => m.body === 'Hello, I am the team lead'), 'the customer to get the supervisor’s reply');
      expect(v.messages.find((m) => m.body === 'Hello, I am the team lead')).toMatchObject({ from: 'agent', senderName: names.supervisor });
      expect(v.messages.some((m) => m.body.includes('joined'))).toBe(false);
      // 王芳 keeps the conversation and can still reply.
      data(await ask<Sent>('wang', 'message:send', { conversationId: id, clientId: randomUUID(), body: 'Thanks, boss' }));
    });

    it('lets admins and supervisors (not agents) read the audit log, newest first, searchable and paged; only admins export it', async () => {
      for (const who of ['wang', 'li']) {
        expect(await ask(who, 'audit:list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
      expect(data(await ask<AuditPage>('supervisor', 'audit:list', {})).entries.map((e) => e.action)).toEqual(['barge_in', 'takeover', 'takeover', 'whisper', 'probe']);
      expect(await ask('supervisor', 'audit:export', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await ask('admin', 'audit:list', { limit: 201 })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      const all = data(await ask<AuditPage>('admin', 'audit:list', {}));
      expect(all.entries.map((e) => e.action)).toEqual(['barge_in', 'takeover', 'takeover', 'whisper', 'probe']);
      expect(all.entries[0]).toMatchObject({ actorId: ids.supervisor, actorName: names.supervisor, targetType: 'conversation' });
      expect(all.nextBefore).toBeNull();
      const ids_ = all.entries.map((e) => e.id);
      expect([...ids_].sort((a, b) => b - a)).toEqual(ids_);

      expect(data(await ask<AuditPage>('admin', 'audit:list', { query: 'TAKEOVER' })).entries).toHaveLength(2);
      const byAdmin = data(await ask<AuditPage>('admin', 'audit:list', { query: names.admin }));
      expect(byAdmin.entries.map((e) => e.action)).toEqual(['takeover', 'probe']);
      expect(data(await ask<AuditPage>('admin', 'audit:list', { query: '100%_' })).entries).toHaveLength(0);

      const first = data(await ask<AuditPage>('admin', 'audit:list', { limit: 2 }));
      expect(first.entries.map((e) => e.action)).toEqual(['barge_in', 'takeover']);
      expect(first.nextBefore).toBe(first.entries[1]!.id);
      const second = data(await ask<AuditPage>('admin', 'audit:list', { limit: 2, before: first.nextBefore }));
      expect(second.entries.map((e) => e.action)).toEqual(['takeover', 'whisper']);
      // The log names what it is about: the customer of the chat, and a whisper's own words.
      expect(second.entries[1]).toMatchObject({ targetLabel: 'Willa Whisper', whisperText: 'Offer the 10% coupon, she is a VIP' });
      expect(data(await ask<AuditPage>('admin', 'audit:list', { query: 'Willa' })).entries.map((e) => e.action)).toEqual(['whisper']);
    });

    it('exports the audit log as CSV to admins only, and audits the export', async () => {
      const csv = (token?: string) => fetch(`${server.url}/api/audit.csv`, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });
      const anonymous = await csv();
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toMatchObject({ code: 'unauthorized' });
      expect((await csv('not-a-token')).status).toBe(401);
      for (const who of ['supervisor', 'wang']) {
        const res = await csv(tokens[who]);
        expect(res.status).toBe(403);
        expect(await res.json()).toMatchObject({ code: 'forbidden' });
      }
      expect(await auditRows('export')).toHaveLength(0);

      const res = await csv(tokens.admin);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/);
      const text = await res.text();
      const lines = text.split('\r\n').filter((l) => l !== '');
      expect(lines[0]).toBe('id,created_at,actor_id,actor_name,action,target_type,target_id,details');
      // Newest first; the export itself is recorded after the entries it holds.
      expect(lines[1]).toContain(',barge_in,conversation,');
      expect(lines).toHaveLength(1 + 5);
      // Quotes inside the details are doubled and the field quoted: parsed back, it is the JSON stored.
      const takeover = lines.find((l) => l.includes(',takeover,') && l.includes('Escalated'))!;
      expect(takeover).toContain(',"{""');
      const fields = parseCsvLine(takeover);
      expect(fields).toHaveLength(8);
      expect(fields.slice(3, 6)).toEqual([names.supervisor, 'takeover', 'conversation']);
      expect(JSON.parse(fields[7]!)).toMatchObject({ previousAssigneeId: ids.wang, reason: 'Escalated: refund over limit, "urgent"' });
      const exports = await auditRows('export');
      expect(exports).toHaveLength(1);
      expect(exports[0]).toMatchObject({ actor_id: ids.admin, details: { what: 'audit_log', query: null, rows: 5 } });

      // Filtered like the search in the app, and recorded with the filter.
      const filtered = await fetch(`${server.url}/api/audit.csv?query=takeover`, { headers: { authorization: `Bearer ${tokens.admin}` } });
      expect(filtered.status).toBe(200);
      const filteredLines = (await filtered.text()).split('\r\n').filter((l) => l !== '');
      expect(filteredLines.slice(1).map((l) => parseCsvLine(l)[4])).toEqual(['takeover', 'takeover']);
      expect((await auditRows('export'))[1]).toMatchObject({ details: { what: 'audit_log', query: 'takeover', rows: 2 } });
    });

    it('gives admins the audit log as CSV over the socket too, filtered, and records that export', async () => {
      for (const who of ['wang', 'li', 'supervisor']) {
        expect(await ask(who, 'audit:export', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
      expect(await auditRows('export')).toHaveLength(2);
      const { filename, csv } = data(await ask<{ filename: string; csv: string }>('admin', 'audit:export', { query: 'Escalated' }));
      expect(filename).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
      expect(filename).toBe(`audit-log-${new Date().toISOString().slice(0, 10)}.csv`);
      const lines = csv.split('\r\n').filter((l) => l !== '');
      expect(lines[0]).toBe('id,created_at,actor_id,actor_name,action,target_type,target_id,details');
      // "Escalated" is only in the details, which the search does not cover: filtered by action instead.
      expect(lines).toHaveLength(1);
      const all = data(await ask<{ filename: string; csv: string }>('admin', 'audit:export', { query: 'takeover' })).csv;
      const rows = all.split('\r\n').filter((l) => l !== '').slice(1).map(parseCsvLine);
      expect(rows.map((r) => r[4])).toEqual(['takeover', 'takeover']);
      expect(rows.some((r) => JSON.parse(r[7]!).reason === 'Escalated: refund over limit, "urgent"')).toBe(true);
      const exports = await auditRows('export');
      expect(exports).toHaveLength(4);
      expect(exports[2]).toMatchObject({ actor_id: ids.admin, target_id: null, details: { what: 'audit_log', query: 'Escalated', rows: 0 } });
      expect(exports[3]).toMatchObject({ actor_id: ids.admin, details: { what: 'audit_log', query: 'takeover', rows: 2 } });
    });

    it('tells every agent socket of every sequence number exactly once', async () => {
      await server.router.settled();
      const end = await accountSeq();
      const expected = Array.from({ length: end - startSeq }, (_, i) => startSeq + i + 1);
      expect(expected.length).toBeGreaterThan(10);
      for (const who of people) {
        await waitFor(() => heard[who]!.filter((s) => s > startSeq).length >= expected.length, `${who} to hear every number`);
        await pushesFlushed(sockets[who]!);
        const got = heard[who]!.filter((s) => s > startSeq).sort((a, b) => a - b);
        expect(got, who).toEqual(expected);
      }
    });
  });
}
