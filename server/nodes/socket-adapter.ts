import pg from 'pg';
import { createClient } from 'redis';
import { createAdapter as createRedisStreamsAdapter } from '@socket.io/redis-streams-adapter';
import { createAdapter as createPostgresAdapter } from '@socket.io/postgres-adapter';
import type { ServerOptions as SocketServerOptions } from 'socket.io';
import type { ErrorLogger } from '../lib/error-logger';
import type { ClusterSetting } from './cluster-setting';

/** How this node's sockets reach the other nodes' sockets. */
export type SocketAdapter = {
  kind: ClusterSetting['kind'];
  /** For `new Server(…, { adapter })`; undefined: socket.io's in-memory adapter (one node). */
  adapter: SocketServerOptions['adapter'] | undefined;
  /** Whether the link to the other nodes works now (readiness). */
  check(): Promise<boolean>;
  close(): Promise<void>;
};

/**
 * Opens the adapter the setting asks for: Redis streams (REDIS_URL), PostgreSQL LISTEN/NOTIFY
 * (several nodes without Redis), or none (one node). Throws when Redis does not answer at start.
 */
export async function openSocketAdapter(setting: ClusterSetting, databaseUrl: string | undefined, logError: ErrorLogger): Promise<SocketAdapter> {
  if (setting.kind === 'redis') {
    const client = createClient({ url: setting.url });
    // A lost connection is retried by the client; it must not crash the process meanwhile.
    client.on('error', (err: unknown) => logError(err, 'redis'));
    await client.connect();
    return {
      kind: 'redis',
      adapter: createRedisStreamsAdapter(client, setting.stream ? { streamName: setting.stream, channelPrefix: setting.stream } : {}) as SocketServerOptions['adapter'],
      check: async () => client.isReady && (await client.ping().then(() => true, () => false)),
      close: async () => {
        await client.quit().catch(() => client.destroy());
      },
    };
  }
  if (setting.kind === 'postgres') {
    if (!databaseUrl) throw new Error('the PostgreSQL socket adapter needs DATABASE_URL');
    // Its own small pool: one connection stays LISTENing, one sends NOTIFY.
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 3 });
    pool.on('error', (err) => logError(err, 'socket adapter pool'));
    await pool.query('SELECT 1');
    return {
      kind: 'postgres',
      adapter: createPostgresAdapter(pool, { errorHandler: (err) => logError(err, 'socket adapter') }) as SocketServerOptions['adapter'],
      check: () => pool.query('SELECT 1').then(() => true, () => false),
      close: () => pool.end(),
    };
  }
  return { kind: 'single', adapter: undefined, check: async () => true, close: async () => {} };
}
