import type { Socket } from 'socket.io-client';
import type { RunningServer } from '../../server/app';
import { AGENT_NAMESPACE, VISITOR_NAMESPACE } from '../../shared/protocol';

/** A request each namespace answers without changing anything: its ack is the round trip's end. */
const HARMLESS_REQUEST: Record<string, string> = {
  [AGENT_NAMESPACE]: 'team:list',
  [VISITOR_NAMESPACE]: 'visitor:history',
};

function namespaceOf(socket: Socket): string {
  // socket.io-client keeps the namespace in a private field; its name has been stable through v4.
  return (socket as unknown as { nsp: string }).nsp;
}

/**
 * Resolves once every push the server emitted to each socket before this call has arrived.
 * socket.io delivers a socket's packets in order, so the ack of a harmless request made now comes
 * after them. Use it before asserting that something did NOT arrive: first make the server finish
 * the work that could have sent it (a request's ack, `serverSettled`), then flush, then assert.
 */
export async function pushesFlushed(...sockets: Socket[]): Promise<void> {
  await Promise.all(
    sockets.map(async (socket) => {
      const name = HARMLESS_REQUEST[namespaceOf(socket)];
      if (!name) throw new Error(`no harmless request known for namespace ${namespaceOf(socket)}`);
      const answer = (await socket.timeout(10_000).emitWithAck(name, {})) as { ok: boolean; error?: unknown };
      if (!answer.ok) throw new Error(`the flush request ${name} failed: ${JSON.stringify(answer.error)}`);
    }),
  );
}

/**
 * Resolves once the server's background work that was started before this call is done: routing
 * runs (offers, queue positions) and the platform delivery queue.
 */
export async function serverSettled(server: RunningServer): Promise<void> {
  await server.router.settled();
  await server.channels.deliveries.settled();
  // A delivery may have routed (or a routing run queued a delivery): settle both once more.
  await server.router.settled();
}

/** Resolves with the next push of `event` on `socket` that matches; fails naming the event after `timeoutMs`. */
export function nextPush<T = unknown>(
  socket: Socket,
  event: string,
  matches: (payload: T) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onPush = (payload: T) => {
      if (!matches(payload)) return;
      clearTimeout(timer);
      socket.off(event, onPush);
      resolve(payload);
    };
    const timer = setTimeout(() => {
      socket.off(event, onPush);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for the push ${event}`));
    }, timeoutMs);
    socket.on(event, onPush);
  });
}

/**
 * Runs the platform delivery queue now and resolves once it has finished: every reply that was
 * due has been handed to its platform (or failed) by then, so a platform that received nothing
 * was sent nothing.
 */
export async function deliveriesDrained(server: RunningServer): Promise<void> {
  await server.router.settled();
  server.channels.deliveries.kick();
  await server.channels.deliveries.settled();
}
