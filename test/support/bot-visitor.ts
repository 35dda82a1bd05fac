import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import type { RunningServer } from '../../server/app';
import type { VisitorMessage } from '../../shared/protocol';
import { pushesFlushed } from './barriers';
import { connectVisitor, data, record, request } from './server-fixture';

/** A widget customer talking to the bot: their socket, contact, and every message pushed to them. */
export type BotVisitor = { socket: Socket; contactId: string; messages: VisitorMessage[] };

/** A new widget customer on `server`, recording what is pushed to them. */
export async function botVisitor(server: RunningServer, name: string): Promise<BotVisitor> {
  let messages: VisitorMessage[] = [];
  const { socket, session } = await connectVisitor(server.url, { name }, (s) => {
    messages = record<VisitorMessage>(s, 'message:new');
  });
  return { socket, contactId: session.contactId, messages };
}

/**
 * Sends a customer message (typed, or a button's reply) and returns what came back to it: the
 * bot's messages, and with `withSystem` the system lines too (a handoff's queue notice). The bot
 * answers before the send is acked; routing may add a notice after it.
 */
export async function sayToBot(server: RunningServer, v: BotVisitor, body: string, withSystem = true): Promise<VisitorMessage[]> {
  const before = v.messages.length;
  data(await request<{ message: VisitorMessage }>(v.socket, 'visitor:send', { clientId: randomUUID(), body }));
  await server.router.settled();
  await pushesFlushed(v.socket);
  return v.messages.slice(before).filter((m) => m.from === 'bot' || (withSystem && m.from === 'system'));
}
