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
 * the work that could have sent it (a request's ack, `router.settled()`, `deliveriesDrained`),
 * then flush, then assert.
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
 * Runs the platform delivery queue now and resolves once it has finished: every reply that was
 * due has been handed to its platform (or failed) by then, so a platform that received nothing
 * was sent nothing.
 */
export async function deliveriesDrained(server: RunningServer): Promise<void> {
  await server.router.settled();
  server.channels.deliveries.kick();
  await server.channels.deliveries.settled();
}

/**
 * Processes the stored webhook deliveries now (WeChat callbacks are stored first and processed
 * after) and resolves once none is left: their messages are stored by then.
 */
export async function webhooksProcessed(server: RunningServer): Promise<void> {
  let before = Number.POSITIVE_INFINITY;
  for (;;) {
    server.channels.webhooks.kick();
    await server.channels.webhooks.settled();
    const left = await server.channels.webhooks.backlog();
    if (left === 0) return;
    // Only deliveries waiting for a retry are left: nothing more happens now.
    if (left >= before) throw new Error(`${left} webhook deliveries stay unprocessed`);
    before = left;
  }
}
