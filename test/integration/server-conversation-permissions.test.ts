import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { RunningServer } from '../../server/app';
import type { Conversation } from '../../shared/domain';
import { databaseTargets, startServerOn } from '../support/databases';
import {
  closeAllSockets, connectDemoTeam, connectVisitor, data, quietTeam, record, request, visitorSays, waitFor, type DemoPerson,
} from '../support/server-fixture';

// Who may act on a chat nobody has yet: an agent only on their own groups' (or the whole team's),
// never on one under offer to someone else; a resolved chat is read by the rule it had while open.
// 王芳 works in pre-sales, 李雷 in after-sales.

const targets = await databaseTargets();
afterAll(() => closeAllSockets());

for (const target of targets) {
  describe(`who may act on an unassigned or resolved chat on ${target.label}`, () => {
    let server: RunningServer;
    let close: (() => Promise<void>) | undefined;
    let sockets: Record<DemoPerson, Socket>;
    let ids: Record<DemoPerson, string>;
    let accountId: string;
    let afterSales: string;

    const ask = (who: DemoPerson, name: string, payload: unknown) => request(sockets[who], name, payload);
    const row = async (conversationId: string) =>
      (await server.db.query<{ routing_state: string; offered_to: string | null; assignee_id: string | null; status: string }>(
        'SELECT routing_state, offered_to, assignee_id, status FROM conversations WHERE id = $1',
        [conversationId],
      ))[0]!;
    const messageCount = async (conversationId: string) =>
      Number((await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1', [conversationId]))[0]!.n);

    /** A customer's new chat, for `groupId` (null: the whole team). */
    async function chat(name: string, groupId: string | null): Promise<{ conversationId: string; contactId: string; socket: Socket }> {
      const { socket, session } = await connectVisitor(server.url, { name });
      const { conversationId } = await visitorSays(server, { socket, contactId: session.contactId }, `${name} needs help`, groupId ? { groupId } : {});
      return { conversationId, contactId: session.contactId, socket };
    }

    /** Every way an agent acts on a chat, each expected to be refused with `code`. */
    async function expectAllRefused(who: DemoPerson, c: { conversationId: string; contactId: string }, code: string) {
      const { conversationId, contactId } = c;
      const attempts = {
        send: await ask(who, 'message:send', { conversationId, clientId: crypto.randomUUID(), body: 'I will take this one' }),
        note: await ask(who, 'note:add', { conversationId, body: 'mine now' }),
        resolve: await ask(who, 'conversation:resolve', { conversationId }),
        transfer: await ask(who, 'conversation:transfer', { conversationId, toGroupId: afterSales, note: '' }),
        accept: await ask(who, 'conversation:accept', { conversationId }),
        unmask: await ask(who, 'contacts:unmask', { contactId, conversationId, field: 'phone' }),
      };
      for (const [what, result] of Object.entries(attempts)) {
        expect({ what, result }).toMatchObject({ what, result: { ok: false, error: { code } } });
      }
    }

    beforeAll(async () => {
      ({ server, close } = await startServerOn(target));
      const team = await connectDemoTeam(server.url);
      ({ sockets, ids, accountId } = team);
      await quietTeam(server, sockets);
      const groups = await server.db.query<{ id: string; name: string }>('SELECT id, name FROM skill_groups WHERE account_id = $1', [accountId]);
      afterSales = groups.find((g) => g.name.includes('After-sales'))!.id;
    });
    afterAll(async () => {
      for (const s of Object.values(sockets ?? {})) s.close();
      await close?.();
    });

    it('an agent cannot take, note, resolve or unmask a chat offered to a colleague in another skill group', async () => {
      data(await ask('li', 'presence:set', { presence: 'online' }));
      const c = await chat('Olga Offered', afterSales);
      await waitFor(async () => (await row(c.conversationId)).offered_to === ids.li, 'the offer to 李雷');

      await expectAllRefused('wang', c, 'forbidden');
      expect(await row(c.conversationId)).toMatchObject({ routing_state: 'offered', offered_to: ids.li, assignee_id: null, status: 'open' });
      expect(await messageCount(c.conversationId)).toBe(1);

      // 李雷, whom it is offered to, takes it.
      const accepted = data(await request<{ conversation: Conversation }>(sockets.li, 'conversation:accept', { conversationId: c.conversationId }));
      expect(accepted.conversation.assigneeId).toBe(ids.li);
      data(await ask('li', 'presence:set', { presence: 'away' }));
    });

    it('an agent cannot take a whole-team chat under offer to a colleague', async () => {
      data(await ask('li', 'presence:set', { presence: 'online' }));
      const c = await chat('Tess Team', null);
      await waitFor(async () => (await row(c.conversationId)).offered_to === ids.li, 'the offer to 李雷');
      const sent = await ask('wang', 'message:send', { conversationId: c.conversationId, clientId: crypto.randomUUID(), body: 'Mine!' });
      expect(sent).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'This conversation is being offered to 李雷.' } });
      expect(await row(c.conversationId)).toMatchObject({ offered_to: ids.li, assignee_id: null });
      data(await ask('li', 'presence:set', { presence: 'away' }));
      await server.router.settled();
    });

    it('a waiting chat of another group is left to that group; its own agents and supervisors may act', async () => {
      const c = await chat('Wes Waiting', afterSales);
      await waitFor(async () => (await row(c.conversationId)).routing_state === 'queued', 'the chat to wait');
      await expectAllRefused('wang', c, 'forbidden');
      expect(await row(c.conversationId)).toMatchObject({ routing_state: 'queued', assignee_id: null });
      // The queue itself stays in sight: 王芳 may read it, but the customer never hears her typing.
      expect((await ask('wang', 'messages:list', { conversationId: c.conversationId })).ok).toBe(true);
      const typing = record<{ typing: boolean }>(c.socket, 'agent:typing');
      data(await ask('wang', 'activity:set', { conversationId: c.conversationId, state: 'typing', toCustomer: true }));
      data(await ask('li', 'activity:set', { conversationId: c.conversationId, state: 'typing', toCustomer: true }));
      await waitFor(() => typing.length > 0, "the customer to hear 李雷 typing");
      expect(typing).toEqual([{ typing: true }]);

      data(await ask('supervisor', 'note:add', { conversationId: c.conversationId, body: 'for after-sales' }));
      const reply = data(await request<{ conversation: Conversation }>(sockets.li, 'message:send', {
        conversationId: c.conversationId, clientId: crypto.randomUUID(), body: 'After-sales here',
      }));
      expect(reply.conversation.assigneeId).toBe(ids.li);
    });

    it('a resolved chat that was never theirs: another group’s agent can neither read nor unmask it', async () => {
      const c = await chat('Rita Resolved', afterSales);
      await waitFor(async () => (await row(c.conversationId)).routing_state === 'queued', 'the chat to wait');
      data(await ask('supervisor', 'conversation:resolve', { conversationId: c.conversationId }));
      expect(await row(c.conversationId)).toMatchObject({ status: 'resolved', assignee_id: null });

      expect(await ask('wang', 'contacts:unmask', { contactId: c.contactId, conversationId: c.conversationId, field: 'phone' }))
        .toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await ask('wang', 'messages:list', { conversationId: c.conversationId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await ask('wang', 'conversation:read', { conversationId: c.conversationId, seq: 1 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await ask('wang', 'contacts:profile', { contactId: c.contactId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      const listed = data(await request<{ conversations: Conversation[] }>(sockets.wang, 'conversations:list', {})).conversations;
      expect(listed.some((x) => x.id === c.conversationId)).toBe(false);
      const synced = data(await request<{ conversations: Conversation[]; removed: { conversationId: string }[] }>(sockets.wang, 'sync:changes', { after: 0, limit: 1000 }));
      expect(synced.conversations.some((x) => x.id === c.conversationId)).toBe(false);
      const audits = await server.db.query('SELECT 1 FROM audit_log WHERE action = $1 AND actor_id = $2', ['contact.unmask', ids.wang]);
      expect(audits).toHaveLength(0);

      // Its own group's agent still may, as while it was open.
      expect((await ask('li', 'messages:list', { conversationId: c.conversationId })).ok).toBe(true);
      expect((await ask('li', 'contacts:unmask', { contactId: c.contactId, conversationId: c.conversationId, field: 'phone' })).ok).toBe(true);
    });
  });
}
