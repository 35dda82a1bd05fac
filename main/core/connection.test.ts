import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../shared/contract';
import { AGENT_NAMESPACE } from '../../shared/protocol';
import { Connection, type ConnectionHooks } from './connection';
import { ManualClock } from './testing/manual-clock';

/** A socket.io server on loopback that lets every agent in; `listen` again on the same port after `close`. */
async function agentServer(port = 0): Promise<{ url: string; port: number; close(): Promise<void> }> {
  const http: HttpServer = createServer();
  const io = new Server(http);
  io.of(AGENT_NAMESPACE).on('connection', () => undefined);
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  const bound = (http.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    close: () => new Promise<void>((resolve) => void io.close(() => resolve())),
  };
}

function hooks(states: ConnectionState[]): ConnectionHooks {
  return {
    getToken: () => 'token',
    refreshToken: async () => {},
    onUnauthorized: () => {
      throw new Error('not expected: the test server lets everyone in');
    },
    onState: (state) => states.push(state),
    onConnected: () => {},
    pushes: {} as ConnectionHooks['pushes'],
  };
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

let connection: Connection | undefined;
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  connection?.stop();
  for (const server of servers.splice(0)) await server.close();
});

describe('the agent connection', () => {
  it('reconnects when its clock says the backoff is over, not before, and says when it will try', async () => {
    const server = await agentServer();
    const clock = new ManualClock(Date.UTC(2026, 5, 1, 8, 0, 0));
    const states: ConnectionState[] = [];
    const delays: number[] = [];
    connection = new Connection(hooks(states), {
      clock,
      reconnectDelay: (attempt) => {
        delays.push(attempt);
        return 5_000;
      },
    });
    connection.start(server.url);
    await until(() => connection!.isOnline(), 'the first connect');

    await server.close();
    await until(() => states.at(-1)?.status === 'offline', 'the connection to notice the server went');
    expect(states.at(-1)).toMatchObject({ status: 'offline', nextRetryAt: '2026-06-01T08:00:05.000Z' });
    expect(delays).toEqual([0]);
    const restarted = await agentServer(server.port);
    servers.push(restarted);

    // Nearly the whole backoff: still waiting.
    await clock.advance(4_999);
    expect(states.at(-1)?.status).toBe('offline');
    expect(connection.isOnline()).toBe(false);
    await clock.advance(1);
    await until(() => connection!.isOnline(), 'the reconnect');
    expect(states.slice(-2).map((s) => s.status)).toEqual(['connecting', 'online']);
    expect(delays).toEqual([0]);
  });
});
