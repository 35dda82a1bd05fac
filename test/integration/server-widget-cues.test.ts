import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { RunningServer } from '../../server/app';
import type { MessageDeliveryPush } from '../../shared/channels';
import type { ContactTyping, Conversation, Message } from '../../shared/domain';
import type { VisitorMessage } from '../../shared/protocol';
import { pushesFlushed } from '../support/barriers';
import { databaseTargets, startServerOn } from '../support/databases';
import { closeAllSockets, connectDemoTeam, connectVisitor, data, quietTeam, record, request, visitorSays, waitFor } from '../support/server-fixture';

// Typing flags and read marks between a widget customer and the agents, over real sockets:
// only those who may read a conversation hear of it, and the customer never hears of a note.

const targets = await databaseTargets();
afterAll(() => closeAllSockets());

type Visitor = { socket: Socket; contactId: string; typing: { typing: boolean }[]; reads: { upToSeq: number }[] };

for (const target of targets) {
  describe(`typing and read marks between the widget and the desk on ${target.label}`, () => {
    let server: RunningServer;
    let close: (() => Promise<void>) | undefined;
    /** Added to the server's clock: tests move time on instead of waiting. */
    let offset = 0;
    const sockets: Record<string, Socket> = {};
    const ids: Record<string, string> = {};
    const heardTyping: Record<string, ContactTyping[]> = {};
    const heardDelivery: Record<string, MessageDeliveryPush[]> = {};
    const people = ['wang', 'li', 'supervisor'] as const;

    const ask = <T>(who: string, name: string, payload: unknown) => request<T>(sockets[who]!, name, payload);

    async function visitor(name: string): Promise<Visitor> {
      const { socket, session } = await connectVisitor(server.url, { name });
      return { socket, contactId: session.contactId, typing: record(socket, 'agent:typing'), reads: record(socket, 'message:read') };
    }

    /** A conversation 王芳 has claimed by replying; the customer's message and her reply. */
    async function wangsConversation(name: string) {
      const v = await visitor(name);
      const { conversationId: id, message: asked } = await visitorSays(server, v, `Hello, this is ${name}`);
      const { message: reply } = data(await ask<{ message: Message; conversation: Conversation }>('wang', 'message:send', {
        conversationId: id, clientId: randomUUID(), body: '您好，我是王芳',
      }));
      await server.router.settled();
      return { v, id, asked, reply };
    }

    beforeAll(async () => {
      ({ server, close } = await startServerOn(target, { routingSweepMs: 60_000, clock: () => Date.now() + offset }));
      const team = await connectDemoTeam(server.url);
      Object.assign(sockets, team.sockets);
      Object.assign(ids, team.ids);
      for (const who of people) {
        heardTyping[who] = record<ContactTyping>(sockets[who]!, 'contact:typing');
        heardDelivery[who] = record<MessageDeliveryPush>(sockets[who]!, 'message:delivery');
      }
      await quietTeam(server, team.sockets);
    });
    afterAll(async () => {
      await close?.();
    });

    it("tells the customer's typing to the assignee and the supervisors, never to another agent, as a flag", async () => {
      const { v, id } = await wangsConversation('Tom Typing');
      data(await request(v.socket, 'visitor:typing', { typing: true }));
      for (const who of ['wang', 'supervisor']) {
        await waitFor(() => heardTyping[who]!.some((t) => t.conversationId === id), `${who} to hear the customer typing`);
      }
      expect(heardTyping.wang!.filter((t) => t.conversationId === id)).toEqual([{ conversationId: id, typing: true }]);

      // Said again within a few seconds: dropped. After them: told again. A stop always goes.
      data(await request(v.socket, 'visitor:typing', { typing: true }));
      offset += 3_000;
      data(await request(v.socket, 'visitor:typing', { typing: true }));
      data(await request(v.socket, 'visitor:typing', { typing: false }));
      data(await request(v.socket, 'visitor:typing', { typing: false }));
      await pushesFlushed(...people.map((who) => sockets[who]!));
      expect(heardTyping.wang!.filter((t) => t.conversationId === id).map((t) => t.typing)).toEqual([true, true, false]);
      expect(heardTyping.li!.filter((t) => t.conversationId === id)).toEqual([]);

      expect(await request(v.socket, 'visitor:typing', { typing: 'yes' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      expect(await request(v.socket, 'visitor:typing', { typing: true, text: 'secret' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    });

    it('shows the customer an agent typing a reply, never a note, and nothing from an agent who may not read it', async () => {
      const { v, id } = await wangsConversation('Nora Notes');
      const set = (who: string, payload: Record<string, unknown>) => ask(who, 'activity:set', { conversationId: id, ...payload });

      data(await set('wang', { state: 'typing', preview: '您好', toCustomer: true }));
      await waitFor(() => v.typing.length === 1, 'the customer to see the agent typing');
      expect(v.typing).toEqual([{ typing: true }]);

      // The same agent switches to an internal note: the customer sees the typing stop, never the note.
      data(await set('wang', { state: 'typing', preview: '内部备注：客户很急' }));
      await waitFor(() => v.typing.length === 2, 'the customer to see the typing stop');
      expect(v.typing).toEqual([{ typing: true }, { typing: false }]);

      // 李雷 may not read 王芳's conversation: refused, and the customer hears nothing of him.
      expect(await set('li', { state: 'typing', preview: 'psst', toCustomer: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      // A supervisor's whisper is typed as a note: nothing reaches the customer.
      data(await set('supervisor', { state: 'typing', preview: '给他优惠券' }));
      await pushesFlushed(v.socket);
      expect(v.typing).toEqual([{ typing: true }, { typing: false }]);
    });

    it("shows the customer their messages read once the assignee read them, and refuses another agent's read", async () => {
      const { v, id, asked } = await wangsConversation('Rita Read');
      expect(await ask('li', 'conversation:read', { conversationId: id, seq: asked.seq })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      await pushesFlushed(v.socket);
      expect(v.reads).toEqual([]);

      data(await ask('wang', 'conversation:read', { conversationId: id, seq: asked.seq }));
      await waitFor(() => v.reads.length === 1, 'the customer to hear the read mark');
      expect(v.reads[0]!.upToSeq).toBe(asked.seq);
      // Never backwards, never past the conversation's newest message, and a repeat tells nothing.
      data(await ask('wang', 'conversation:read', { conversationId: id, seq: 1 }));
      data(await ask('wang', 'conversation:read', { conversationId: id, seq: asked.seq }));
      await pushesFlushed(v.socket);
      expect(v.reads).toHaveLength(1);

      // A page opened later reads the mark with the history.
      const history = data(await request<{ messages: VisitorMessage[]; readUpToSeq: number }>(v.socket, 'visitor:history', {}));
      expect(history.readUpToSeq).toBe(asked.seq);
    });

    it("shows the agent their reply read once the customer's page showed it, through the delivery state", async () => {
      const { v, id, reply } = await wangsConversation('Paul Page');
      data(await request(v.socket, 'visitor:read', { upToSeq: reply.seq }));
      await waitFor(() => heardDelivery.wang!.some((d) => d.messageId === reply.id), '王芳 to hear her reply was read');
      expect(heardDelivery.wang!.find((d) => d.messageId === reply.id)).toMatchObject({ conversationId: id, delivery: { status: 'read' } });
      data(await request(v.socket, 'visitor:read', { upToSeq: reply.seq }));
      await pushesFlushed(...people.map((who) => sockets[who]!));
      expect(heardDelivery.wang!.filter((d) => d.messageId === reply.id)).toHaveLength(1);
      expect(heardDelivery.li!.filter((d) => d.messageId === reply.id)).toEqual([]);

      // After a reconnect the desktop reads it again with the thread or by id.
      const { messages } = data(await ask<{ messages: Message[] }>('wang', 'messages:list', { conversationId: id }));
      expect(messages.find((m) => m.id === reply.id)?.delivery?.status).toBe('read');
      expect(messages.find((m) => m.senderType === 'contact')?.delivery ?? null).toBeNull();
      const { deliveries } = data(await ask<{ deliveries: MessageDeliveryPush[] }>('wang', 'messages:deliveries', { messageIds: [reply.id] }));
      expect(deliveries.map((d) => d.delivery.status)).toEqual(['read']);
      const forLi = data(await ask<{ deliveries: MessageDeliveryPush[] }>('li', 'messages:deliveries', { messageIds: [reply.id] }));
      expect(forLi.deliveries).toEqual([]);

      // A reply written after the page's mark is not read yet.
      const { message: later } = data(await ask<{ message: Message }>('wang', 'message:send', { conversationId: id, clientId: randomUUID(), body: '还有别的问题吗？' }));
      const again = data(await ask<{ messages: Message[] }>('wang', 'messages:list', { conversationId: id }));
      expect(again.messages.find((m) => m.id === later.id)?.delivery ?? null).toBeNull();
      expect(await request(v.socket, 'visitor:read', { upToSeq: -1 })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    });
  });
}
