import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { RunningServer } from '../../server/app';
import type { Conversation, Message } from '../../shared/domain';
import type { VisitorMessage } from '../../shared/protocol';
import {
  closeAllSockets, connectAgent, connectVisitor, login, record, request,
  waitFor,
} from '../support/server-fixture';
import { runDatabase, startServerOn } from '../support/databases';
import { pushesFlushed } from '../support/barriers';

let server: RunningServer;
let stopServer: (() => Promise<void>) | undefined;
let wang: Socket; // agent 王芳
let emma: Socket; // agent Emma Clark
let supervisor: Socket;
let wangId: string;

beforeAll(async () => {
  ({ server, close: stopServer } = await startServerOn(runDatabase()));
  const [w, e, s] = await Promise.all([
    login(server.url, 'wang.fang@demo.test', 'demo-agent'),
    login(server.url, 'emma@demo.test', 'demo-agent'),
    login(server.url, 'supervisor@demo.test', 'demo-supervisor'),
  ]);
  wangId = w.user.id;
  [wang, emma, supervisor] = await Promise.all([
    connectAgent(server.url, w.accessToken),
    connectAgent(server.url, e.accessToken),
    connectAgent(server.url, s.accessToken),
  ]);
  // These tests are about messages and claims: with everyone away, routing offers nothing.
  for (const socket of [wang, emma, supervisor]) unwrapData(await request(socket, 'presence:set', { presence: 'away' }));
  await server.router.settled();
});

afterAll(async () => {
  closeAllSockets();
  await stopServer?.();
});

async function countMessages(conversationId: string): Promise<number> {
  const rows = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1', [conversationId]);
  return Number(rows[0]?.n);
}

function unwrapData<T>(result: { ok: boolean; data?: unknown; error?: unknown }): T {
  if (!result.ok) throw new Error(`request failed: ${JSON.stringify(result.error)}`);
  return result.data as T;
}

describe('a widget conversation between a visitor and agents', () => {
  let visitor: Socket;
  let contactId: string;
  let visitorToken: string;
  let conversationId: string;

  it('delivers a visitor message to connected agents as pushes and in conversations:list', async () => {
    const connected = await connectVisitor(server.url, { name: 'Sarah Test' });
    visitor = connected.socket;
    contactId = connected.session.contactId;
    visitorToken = connected.session.visitorToken;
    expect(connected.session.name).toBe('Sarah Test');

    const wangConversations = record<Conversation>(wang, 'conversation:upsert');
    const wangMessages = record<Message>(wang, 'message:new');
    const emmaMessages = record<Message>(emma, 'message:new');

    const clientId = randomUUID();
    const sent = unwrapData<{ message: VisitorMessage }>(
      await request(visitor, 'visitor:send', { clientId, body: '  Where is my order SO-10002?  ' }),
    );
    expect(sent.message).toMatchObject({ from: 'me', body: 'Where is my order SO-10002?', clientId });

    await waitFor(() => wangMessages.length === 1 && wangConversations.length === 1 && emmaMessages.length === 1, 'pushes to agents');
    const pushed = wangConversations[0]!;
    conversationId = pushed.id;
    expect(pushed).toMatchObject({ contactId, contactName: 'Sarah Test', channelKind: 'widget', status: 'open', assigneeId: null });
    expect(wangMessages[0]).toMatchObject({ conversationId, senderType: 'contact', body: 'Where is my order SO-10002?', senderName: 'Sarah Test' });

    const listed = unwrapData<{ conversations: Conversation[] }>(await request(wang, 'conversations:list', {}));
    expect(listed.conversations[0]).toMatchObject({ id: conversationId, lastMessagePreview: 'Where is my order SO-10002?', lastMessageSenderType: 'contact' });
  });

  it('delivers an agent reply to the visitor socket and lets the agent claim the conversation', async () => {
    const visitorPushes = record<VisitorMessage>(visitor, 'message:new');
    const emmaConversations = record<Conversation>(emma, 'conversation:upsert');
    const emmaRemoved = record<{ conversationId: string; seq: number }>(emma, 'conversation:removed');
    const emmaMessages = record<Message>(emma, 'message:new');
    const supervisorMessages = record<Message>(supervisor, 'message:new');

    const result = unwrapData<{ message: Message; conversation: Conversation }>(
      await request(wang, 'message:send', { conversationId, clientId: randomUUID(), body: '您好，我帮您查一下。' }),
    );
    expect(result.conversation).toMatchObject({ id: conversationId, assigneeId: wangId, assigneeName: '王芳' });
    expect(result.message).toMatchObject({ senderType: 'agent', senderName: '王芳' });

    await waitFor(() => visitorPushes.length === 1 && supervisorMessages.length === 1 && emmaRemoved.length === 1, 'reply pushes');
    expect(visitorPushes[0]).toMatchObject({ from: 'agent', senderName: '王芳', body: '您好，我帮您查一下。', clientId: null });
    // Emma learns the conversation was taken, but not what was said in it nor its preview.
    expect(emmaRemoved[0]).toEqual({ conversationId, seq: result.conversation.seq });
    await server.router.settled();
    await pushesFlushed(emma);
    expect(emmaMessages).toHaveLength(0);
    expect(emmaConversations).toHaveLength(0);
  });

  it('refuses another agent reading or writing a conversation assigned to someone else, while a supervisor can', async () => {
    const before = await countMessages(conversationId);
    expect(await request(emma, 'messages:list', { conversationId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await request(emma, 'message:send', { conversationId, clientId: randomUUID(), body: 'mine now' })).toEqual({
      ok: false,
      error: { code: 'reassigned', message: 'This conversation is now assigned to 王芳.', details: { assigneeName: '王芳' } },
    });
    const emmaList = unwrapData<{ conversations: Conversation[] }>(await request(emma, 'conversations:list', {}));
    expect(emmaList.conversations.map((c) => c.id)).not.toContain(conversationId);
    expect(await countMessages(conversationId)).toBe(before);

    const supervisorView = unwrapData<{ messages: Message[] }>(await request(supervisor, 'messages:list', { conversationId }));
    expect(supervisorView.messages.map((m) => m.senderType)).toEqual(['contact', 'agent']);
    const supervisorReply = unwrapData<{ conversation: Conversation }>(
      await request(supervisor, 'message:send', { conversationId, clientId: randomUUID(), body: 'Supervisor here, all good.' }),
    );
    // Stepping in does not take the conversation away from its agent.
    expect(supervisorReply.conversation.assigneeId).toBe(wangId);
  });

  it('answers invalid payloads with bad_request and changes nothing', async () => {
    const before = await countMessages(conversationId);
    const invalid = [
      { conversationId, clientId: 'not-a-uuid', body: 'x' },
      { conversationId, clientId: randomUUID(), body: '   ' },
      { conversationId, clientId: randomUUID(), body: 'x'.repeat(5000) },
      { conversationId, clientId: randomUUID(), body: 'x', extra: true },
      'just a string',
    ];
    for (const payload of invalid) {
      expect(await request(wang, 'message:send', payload)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
    expect(await request(wang, 'messages:list', {})).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await request(visitor, 'visitor:send', { clientId: randomUUID() })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    // Without an ack nobody learns the outcome, so the server does nothing.
    wang.emit('message:send', { conversationId, clientId: randomUUID(), body: 'no ack' });
    // The server takes a socket's packets in order: once a later request is answered, the one
    // without an ack was seen (and ignored) too.
    await pushesFlushed(wang);
    expect(await countMessages(conversationId)).toBe(before);
    expect(wang.connected).toBe(true);
  });

  it('answers not_found for a conversation that does not exist', async () => {
    expect(await request(wang, 'messages:list', { conversationId: randomUUID() })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await request(wang, 'message:send', { conversationId: randomUUID(), clientId: randomUUID(), body: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('stores and delivers a repeated agent client id once', async () => {
    const visitorPushes = record<VisitorMessage>(visitor, 'message:new');
    const supervisorMessages = record<Message>(supervisor, 'message:new');
    const before = await countMessages(conversationId);
    const payload = { conversationId, clientId: randomUUID(), body: 'Your parcel ships today.' };
    const answers = await Promise.all([request(wang, 'message:send', payload), request(wang, 'message:send', payload)]);
    const again = await request(wang, 'message:send', payload);
    const ids = [...answers, again].map((a) => unwrapData<{ message: Message }>(a).message.id);
    expect(new Set(ids).size).toBe(1);
    expect(await countMessages(conversationId)).toBe(before + 1);
    await pushesFlushed(visitor, supervisor);
    expect(visitorPushes.filter((m) => m.body === payload.body)).toHaveLength(1);
    expect(supervisorMessages.filter((m) => m.clientId === payload.clientId)).toHaveLength(1);
  });

  it('stores and delivers a repeated visitor client id once', async () => {
    const wangMessages = record<Message>(wang, 'message:new');
    const before = await countMessages(conversationId);
    const payload = { clientId: randomUUID(), body: 'Thanks!' };
    const first = unwrapData<{ message: VisitorMessage }>(await request(visitor, 'visitor:send', payload));
    const second = unwrapData<{ message: VisitorMessage }>(await request(visitor, 'visitor:send', payload));
    expect(second.message.id).toBe(first.message.id);
    expect(await countMessages(conversationId)).toBe(before + 1);
    await pushesFlushed(wang);
    expect(wangMessages.filter((m) => m.clientId === payload.clientId)).toHaveLength(1);
  });

  it('gives a returning visitor the same contact and their history', async () => {
    visitor.close();
    const again = await connectVisitor(server.url, { visitorToken });
    expect(again.session.contactId).toBe(contactId);
    const history = unwrapData<{ messages: VisitorMessage[] }>(await request(again.socket, 'visitor:history', {}));
    expect(history.messages.map((m) => m.from)).toEqual(['me', 'agent', 'agent', 'agent', 'me']);
    expect(history.messages.map((m) => m.seq)).toEqual([...history.messages.map((m) => m.seq)].sort((a, b) => a - b));
    visitor = again.socket;
  });

  it('keeps every visitor to their own conversation', async () => {
    const other = await connectVisitor(server.url, { visitorToken: 'forged.token.value' });
    expect(other.session.contactId).not.toBe(contactId);
    const otherPushes = record<unknown>(other.socket, 'message:new');
    const otherConversations = record<unknown>(other.socket, 'conversation:upsert');
    await request(wang, 'message:send', { conversationId, clientId: randomUUID(), body: 'private to Sarah' });
    await request(visitor, 'visitor:send', { clientId: randomUUID(), body: 'private from Sarah' });
    await server.router.settled();
    await pushesFlushed(other.socket);
    expect(otherPushes).toHaveLength(0);
    expect(otherConversations).toHaveLength(0);
    const history = unwrapData<{ messages: VisitorMessage[] }>(await request(other.socket, 'visitor:history', {}));
    expect(history.messages).toEqual([]);
  });

  it('refuses replies to a resolved conversation with resolved, and the visitor then opens a new one', async () => {
    await server.db.query("UPDATE conversations SET status = 'resolved' WHERE id = $1", [conversationId]);
    expect(await request(wang, 'message:send', { conversationId, clientId: randomUUID(), body: 'late' })).toMatchObject({
      ok: false,
      error: { code: 'resolved', message: 'This conversation was resolved.' },
    });
    const wangConversations = record<Conversation>(wang, 'conversation:upsert');
    await request(visitor, 'visitor:send', { clientId: randomUUID(), body: 'One more question' });
    await waitFor(() => wangConversations.length === 1, 'the new conversation');
    expect(wangConversations[0]!.id).not.toBe(conversationId);
    expect(wangConversations[0]).toMatchObject({ contactId, status: 'open', assigneeId: null });
  });
});
