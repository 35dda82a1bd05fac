import { io, type Socket } from 'socket.io-client';
import { randomUUID } from 'node:crypto';
import { VISITOR_NAMESPACE, type VisitorMessage } from '../../shared/protocol';
import type { Result } from '../../shared/errors';

/** A customer on the web widget, speaking the widget's socket protocol over loopback. */
export interface TestVisitor {
  socket: Socket;
  token: string;
  received: VisitorMessage[];
  send(body: string, clientId?: string): Promise<Result<{ message: VisitorMessage }>>;
  waitFor(predicate: (m: VisitorMessage) => boolean, timeoutMs?: number): Promise<VisitorMessage>;
  close(): void;
}

export async function connectVisitor(serverUrl: string, auth: { visitorToken?: string; name?: string } = {}) {
  const socket = io(new URL(VISITOR_NAMESPACE, serverUrl).toString(), {
    transports: ['websocket'],
    auth,
    reconnection: false,
    forceNew: true,
  });
  const received: VisitorMessage[] = [];
  const waiters = new Set<() => void>();
  socket.on('message:new', (m: VisitorMessage) => {
    received.push(m);
    for (const w of waiters) w();
  });
  const token = await new Promise<string>((resolve, reject) => {
    socket.once('visitor:session', (s: { visitorToken: string }) => resolve(s.visitorToken));
    socket.once('connect_error', reject);
    setTimeout(() => reject(new Error('visitor session not received')), 10_000);
  });
  const visitor: TestVisitor = {
    socket,
    token,
    received,
    send: (body, clientId = randomUUID()) => socket.timeout(10_000).emitWithAck('visitor:send', { clientId, body }),
    waitFor: (predicate, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const hit = received.find(predicate);
          if (hit) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(hit);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`visitor did not receive the expected message; got ${JSON.stringify(received)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () => socket.disconnect(),
  };
  return visitor;
}
