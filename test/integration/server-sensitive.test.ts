import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SENSITIVE_REGEX_LENGTH } from '../../shared/sensitive-words';
import type { Socket } from 'socket.io-client';
import type { RunningServer } from '../../server/app';
import type { Conversation, Message, SensitiveAlert, SensitiveWord } from '../../shared/domain';
import type { VisitorMessage } from '../../shared/protocol';
import { pushesFlushed } from '../support/barriers';
import { databaseTargets, startServerOn } from '../support/databases';
import {
  closeAllSockets, connectDemoTeam, connectVisitor, data, quietTeam, record, request, visitorSays, waitFor,
} from '../support/server-fixture';

const targets = await databaseTargets();
const SECRET = 'sensitive-test-secret';

afterAll(() => closeAllSockets());

/** A customer on the widget, with every event their socket received (name and payload). */
type Visitor = { socket: Socket; contactId: string; messages: VisitorMessage[]; events: { event: string; payload: unknown }[] };
type Sent = { message: Message; conversation: Conversation };

for (const target of targets) {
  describe(`sensitive words on ${target.label}`, () => {
    let server: RunningServer;
    let close: (() => Promise<void>) | undefined;
    let accountId: string;
    const ids: Record<string, string> = {};
    const names: Record<string, string> = {};
    const sockets: Record<string, Socket> = {};
    const alerts: Record<string, SensitiveAlert[]> = {};
    const people = ['wang', 'li', 'supervisor', 'admin'] as const;

    const ask = <T>(who: string, name: string, payload: unknown) => request<T>(sockets[who]!, name, payload);
    const auditRows = async (action: string) =>
      server.db.query<{ actor_id: string; target_id: string; details: Record<string, unknown> }>(
        'SELECT actor_id, target_id, details FROM audit_log WHERE account_id = $1 AND action = $2 ORDER BY id',
        [accountId, action],
      );
    /** What the customer and the agents wrote (routing notices aside). */
    const storedBodies = async (conversationId: string) =>
      (await server.db.query<{ body: string }>(
        "SELECT body FROM messages WHERE conversation_id = $1 AND sender_type IN ('contact', 'agent') ORDER BY seq",
        [conversationId],
      )).map((r) => r.body);
    const delivered = (v: Visitor, from: number) => v.events.slice(from).filter((e) => e.event === 'message:new');
    const save = (entry: { id?: string; pattern: string; kind: 'word' | 'regex'; action: 'alert' | 'mask' | 'block' }) =>
      ask<{ word: SensitiveWord }>('admin', 'sensitive:save', entry);

    async function visitor(name: string): Promise<Visitor> {
      const events: Visitor['events'] = [];
      const { socket, session } = await connectVisitor(server.url, { name }, (s) => s.onAny((event: string, payload: unknown) => events.push({ event, payload })));
      return { socket, contactId: session.contactId, messages: record<VisitorMessage>(socket, 'message:new'), events };
    }

    const say = (v: Visitor, body: string) => visitorSays(server, v, body);

    /** Routing is done and every push the server sent the team (and these sockets) before now has arrived. */
    const allHeard = async (...more: Socket[]) => {
      await server.router.settled();
      await pushesFlushed(...people.map((who) => sockets[who]!), ...more);
    };

    /** A conversation 王芳 has claimed by replying. */
    async function wangsConversation(name: string): Promise<{ v: Visitor; id: string }> {
      const v = await visitor(name);
      const { conversationId: id } = await say(v, `Hello, this is ${name}`);
      data(await ask<Sent>('wang', 'message:send', { conversationId: id, clientId: randomUUID(), body: '您好，我是王芳' }));
      await waitFor(() => v.messages.some((m) => m.body === '您好，我是王芳'), 'the visitor to get the greeting');
      await allHeard(v.socket);
      return { v, id };
    }

    beforeAll(async () => {
      ({ server, close } = await startServerOn(target, { tokenSecret: SECRET, routingSweepMs: 60_000 }));
      const team = await connectDemoTeam(server.url);
      Object.assign(ids, team.ids);
      Object.assign(names, team.names);
      Object.assign(sockets, team.sockets);
      accountId = team.accountId;
      // The demo's starting list is set aside: each test adds the words it needs.
      await server.db.query('DELETE FROM sensitive_words WHERE account_id = $1', [accountId]);
      for (const who of people) alerts[who] = record<SensitiveAlert>(sockets[who]!, 'sensitive:alert');
      await quietTeam(server, team.sockets);
    });

    afterAll(async () => {
      await close?.();
    });

    const words: Record<string, SensitiveWord> = {};

    it('lets every user read the list, only admins change it, audits each change and tells every workstation', async () => {
      expect(data(await ask<{ words: SensitiveWord[] }>('wang', 'sensitive:list', {})).words).toEqual([]);
      const changed = Object.fromEntries(people.map((who) => [who, record<object>(sockets[who]!, 'sensitive:changed')]));

      for (const who of ['wang', 'supervisor']) {
        expect(await ask(who, 'sensitive:save', { pattern: '微信', kind: 'word', action: 'alert' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
      words.wechat = data(await save({ pattern: '微信', kind: 'word', action: 'alert' })).word;
      expect(words.wechat).toMatchObject({ pattern: '微信', kind: 'word', action: 'alert' });
      words.latin = data(await save({ pattern: 'WeChat', kind: 'word', action: 'alert' })).word;
      words.qq = data(await save({ pattern: 'QQ号', kind: 'word', action: 'mask' })).word;
      words.transfer = data(await save({ pattern: '转账', kind: 'word', action: 'alert' })).word;
      words.phone = data(await save({ pattern: '1[3-9]\\d{9}', kind: 'regex', action: 'block' })).word;

      // Bad entries are refused with the reason; the same pattern twice is a conflict.
      expect(await save({ pattern: '[微信', kind: 'regex', action: 'block' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      expect(await save({ pattern: '(a+)+b', kind: 'regex', action: 'block' })).toMatchObject({ ok: false, error: { code: 'bad_request', details: { reason: 'nested_repeat' } } });
      expect(await save({ pattern: 'x'.repeat(MAX_SENSITIVE_REGEX_LENGTH + 1), kind: 'regex', action: 'block' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      expect(await save({ pattern: '！！', kind: 'word', action: 'block' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      expect(await save({ pattern: '微信', kind: 'word', action: 'block' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(await save({ id: 'nope', pattern: '支付宝', kind: 'word', action: 'block' })).toMatchObject({ ok: false, error: { code: 'not_found' } });

      // An agent cannot change or remove one.
      expect(await ask('wang', 'sensitive:save', { id: words.transfer.id, pattern: '转账', kind: 'word', action: 'alert' })).toMatchObject({
        ok: false, error: { code: 'forbidden' },
      });
      expect(await ask('li', 'sensitive:delete', { id: words.transfer.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await ask('supervisor', 'sensitive:delete', { id: words.transfer.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

      words.transfer = data(await save({ id: words.transfer.id, pattern: '转账', kind: 'word', action: 'block' })).word;
      const scratch = data(await save({ pattern: '支付宝', kind: 'word', action: 'alert' })).word;
      expect(data(await ask<{ deleted: boolean }>('admin', 'sensitive:delete', { id: scratch.id }))).toEqual({ deleted: true });
      expect(data(await ask<{ deleted: boolean }>('admin', 'sensitive:delete', { id: scratch.id }))).toEqual({ deleted: false });

      const listed = data(await ask<{ words: SensitiveWord[] }>('li', 'sensitive:list', {})).words;
      expect(listed.map((w) => [w.pattern, w.kind, w.action])).toEqual([
        ['微信', 'word', 'alert'], ['WeChat', 'word', 'alert'], ['QQ号', 'word', 'mask'], ['转账', 'word', 'block'], ['1[3-9]\\d{9}', 'regex', 'block'],
      ]);
      // Eight changes (six added, one changed, one removed): every workstation of the account heard of each.
      for (const who of people) await waitFor(() => changed[who]!.length === 8, `${who} to hear of every change`);
      await allHeard();
      expect(changed.wang).toHaveLength(8);

      expect((await auditRows('sensitive_word.create')).map((r) => r.details.pattern)).toEqual(['微信', 'WeChat', 'QQ号', '转账', '1[3-9]\\d{9}', '支付宝']);
      const updates = await auditRows('sensitive_word.update');
      expect(updates).toHaveLength(1);
      expect(updates[0]).toMatchObject({
        actor_id: ids.admin, target_id: words.transfer.id,
        details: { pattern: '转账', action: 'block', previous: { pattern: '转账', action: 'alert' } },
      });
      expect(await auditRows('sensitive_word.delete')).toEqual([{ actor_id: ids.admin, target_id: scratch.id, details: { pattern: '支付宝', kind: 'word', action: 'alert' } }]);
    });

    it('stores a customer message with "微 信" as written and alerts supervisors and admins only', async () => {
      const v = await visitor('Sam Spaced');
      const body = '可以加我微 信吗？';
      const { conversationId, message } = await say(v, body);
      expect(message.body).toBe(body);
      for (const who of ['supervisor', 'admin']) await waitFor(() => alerts[who]!.some((a) => a.conversationId === conversationId), `${who} to be alerted`);
      const alert = alerts.supervisor!.find((a) => a.conversationId === conversationId)!;
      expect(alert).toEqual({
        conversationId, messageId: message.id, contactName: 'Sam Spaced', senderType: 'contact', senderName: 'Sam Spaced',
        words: ['微信'], excerpt: body, at: message.createdAt,
      });
      expect(alerts.admin!.filter((a) => a.conversationId === conversationId)).toHaveLength(1);
      await allHeard(v.socket);
      expect(alerts.wang!.concat(alerts.li!).some((a) => a.conversationId === conversationId)).toBe(false);
      expect(await storedBodies(conversationId)).toEqual([body]);
      // The agents see the message itself as usual.
      const seen = data(await ask<{ messages: Message[] }>('li', 'messages:list', { conversationId })).messages;
      expect(seen.filter((m) => m.senderType === 'contact').map((m) => m.body)).toEqual([body]);
    });

    it('matches full-width and upper-case variants of a customer message', async () => {
      const v = await visitor('Wanda Wide');
      const { conversationId } = await say(v, '加我ＷＥＣＨＡＴ，或者微　信');
      await waitFor(() => alerts.supervisor!.some((a) => a.conversationId === conversationId), 'the supervisor to be alerted');
      expect(alerts.supervisor!.find((a) => a.conversationId === conversationId)!.words).toEqual(['WeChat', '微信']);
      const { conversationId: again } = await say(v, '微.信号多少');
      expect(again).toBe(conversationId);
      await waitFor(() => alerts.supervisor!.filter((a) => a.conversationId === conversationId).length === 2, 'a second alert');
      // Nothing listed, nothing told.
      await say(v, '谢谢，再见');
      await allHeard(v.socket);
      expect(alerts.supervisor!.filter((a) => a.conversationId === conversationId)).toHaveLength(2);
    });

    it('refuses an agent reply with a blocked word, naming it; nothing is stored and the customer hears nothing', async () => {
      const { v, id } = await wangsConversation('Bob Blocked');
      const before = await storedBodies(id);
      const heard = v.events.length;
      const clientId = randomUUID();
      const refused = await ask('wang', 'message:send', { conversationId: id, clientId, body: '请先转 账，再打 13800138000' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'sensitive_blocked', details: { words: '转账,1[3-9]\\d{9}' } } });
      expect(refused.ok ? '' : refused.error.message).toContain('转账');
      // A retry of the same reply is refused the same way: it was never stored.
      expect(await ask('wang', 'message:send', { conversationId: id, clientId, body: '请先转 账，再打 13800138000' })).toMatchObject({
        ok: false, error: { code: 'sensitive_blocked' },
      });
      expect(await server.db.query('SELECT 1 FROM messages WHERE client_id = $1', [clientId])).toEqual([]);
      expect(await storedBodies(id)).toEqual(before);
      await allHeard(v.socket);
      expect(delivered(v, heard)).toEqual([]);
      expect(JSON.stringify(v.events.slice(heard))).not.toContain('转');
      // Staff replies are checked too.
      expect(await ask('supervisor', 'message:send', { conversationId: id, clientId: randomUUID(), body: 'ＺＨＵＡＮ 转账' })).toMatchObject({
        ok: false, error: { code: 'sensitive_blocked', details: { words: '转账' } },
      });
    });

    it('masks a word set to mask in what is stored and delivered, full-width too, once per client id', async () => {
      const { v, id } = await wangsConversation('Mia Masked');
      const clientId = randomUUID();
      const body = '我的QQ号是 12345，或者ｑｑ号 678';
      const sent = data(await ask<Sent>('wang', 'message:send', { conversationId: id, clientId, body }));
      const masked = '我的***是 12345，或者*** 678';
      expect(sent.message.body).toBe(masked);
      expect(sent.conversation.lastMessagePreview).toBe(masked);
      await waitFor(() => v.messages.some((m) => m.id === sent.message.id), 'the visitor to get the reply');
      expect(v.messages.find((m) => m.id === sent.message.id)!.body).toBe(masked);
      expect(JSON.stringify(v.events)).not.toContain('QQ号');
      // A retry is answered with the stored reply and delivers nothing again.
      const retry = data(await ask<Sent>('wang', 'message:send', { conversationId: id, clientId, body }));
      expect(retry.message).toEqual(sent.message);
      await allHeard(v.socket);
      expect(v.messages.filter((m) => m.id === sent.message.id)).toHaveLength(1);
      expect((await storedBodies(id)).filter((b) => b === masked)).toHaveLength(1);
      // Masking alone does not alert anyone.
      expect(alerts.supervisor!.some((a) => a.messageId === sent.message.id)).toBe(false);
    });

    it('sends an agent reply with an alert word as written and tells supervisors and admins, not agents', async () => {
      const { v, id } = await wangsConversation('Ada Alerted');
      const sent = data(await ask<Sent>('wang', 'message:send', { conversationId: id, clientId: randomUUID(), body: '您可以加我的 WeChat 继续聊' }));
      expect(sent.message.body).toBe('您可以加我的 WeChat 继续聊');
      await waitFor(() => v.messages.some((m) => m.id === sent.message.id), 'the visitor to get the reply');
      for (const who of ['supervisor', 'admin']) await waitFor(() => alerts[who]!.some((a) => a.messageId === sent.message.id), `${who} to be alerted`);
      expect(alerts.supervisor!.find((a) => a.messageId === sent.message.id)).toMatchObject({
        conversationId: id, senderType: 'agent', senderName: names.wang, contactName: 'Ada Alerted', words: ['WeChat'],
      });
      await allHeard(v.socket);
      expect(alerts.wang!.concat(alerts.li!).some((a) => a.messageId === sent.message.id)).toBe(false);
    });

    it('never checks internal notes or whispers, and never delivers them to the customer', async () => {
      const { v, id } = await wangsConversation('Nina Notes');
      const heard = v.events.length;
      const whisper = data(await ask<Sent>('supervisor', 'note:add', { conversationId: id, body: '别让她转账，先核实 13800138000' }));
      expect(whisper.message).toMatchObject({ internal: true, body: '别让她转账，先核实 13800138000' });
      const note = data(await ask<Sent>('wang', 'note:add', { conversationId: id, body: '她的QQ号已经记下了' }));
      expect(note.message.body).toBe('她的QQ号已经记下了');
      await allHeard(v.socket);
      const after = JSON.stringify(v.events.slice(heard));
      expect(after).not.toContain('转账');
      expect(after).not.toContain('QQ号');
      expect(delivered(v, heard)).toEqual([]);
      const history = data(await request<{ messages: VisitorMessage[] }>(v.socket, 'visitor:history', {})).messages;
      expect(history.some((m) => m.id === whisper.message.id || m.id === note.message.id)).toBe(false);
      expect(alerts.supervisor!.some((a) => a.messageId === whisper.message.id || a.messageId === note.message.id)).toBe(false);
    });

    it('applies a change to the list from the next message on, made here or on another server node', async () => {
      const { id } = await wangsConversation('Carl Changed');
      expect(await ask('wang', 'message:send', { conversationId: id, clientId: randomUUID(), body: '转账' })).toMatchObject({ ok: false });
      data(await save({ id: words.transfer!.id, pattern: '转账', kind: 'word', action: 'alert' }));
      const sent = data(await ask<Sent>('wang', 'message:send', { conversationId: id, clientId: randomUUID(), body: '转账已经到了' }));
      expect(sent.message.body).toBe('转账已经到了');
      await waitFor(() => alerts.supervisor!.some((a) => a.messageId === sent.message.id), 'the alert for the reply');

      // Another node changes the list: the database moves on, this node's copy is out of date.
      await server.db.transaction(async (tx) => {
        await tx.query("UPDATE sensitive_words SET action = 'block' WHERE id = $1", [words.transfer!.id]);
        await tx.query('UPDATE accounts SET sensitive_words_version = sensitive_words_version + 1 WHERE id = $1', [accountId]);
      });
      expect(await ask('wang', 'message:send', { conversationId: id, clientId: randomUUID(), body: '转账' })).toMatchObject({
        ok: false, error: { code: 'sensitive_blocked' },
      });
    });
  });
}
