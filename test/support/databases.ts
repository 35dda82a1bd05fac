import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer, type ServerOptions } from '../../server/app';
import { createThrowawayDatabase, postgresReachable } from './server-fixture';

/** One database a server under test can run on: the same options start it again after a restart. */
export interface DatabaseTarget {
  label: string;
  open(): Promise<{ options: Pick<ServerOptions, 'dataDir' | 'databaseUrl'>; describe: string; drop(): Promise<void> }>;
}

/** PGlite in a fresh temp folder. */
export const PGLITE: DatabaseTarget = {
  label: 'PGlite',
  async open() {
    const dataDir = mkdtempSync(join(tmpdir(), 'sb-db-'));
    return { options: { dataDir }, describe: `PGlite in ${dataDir}`, drop: async () => {} };
  },
};

const postgres: DatabaseTarget = {
  label: 'PostgreSQL',
  async open() {
    const db = await createThrowawayDatabase();
    return { options: { databaseUrl: db.url }, describe: `PostgreSQL ${db.url}`, drop: db.drop };
  },
};

/** PGlite always; PostgreSQL too when one answers on 127.0.0.1:5432 (said out loud when not). */
export async function databaseTargets(): Promise<DatabaseTarget[]> {
  if (await postgresReachable()) return [PGLITE, postgres];
  console.log('skipped on PostgreSQL: not reachable at 127.0.0.1:5432 (ran on PGlite only)');
  return [PGLITE];
}

export type ServerOnTarget = { server: RunningServer; close(): Promise<void> };

/**
 * Starts the real server (demo data seeded when empty, random port) on a fresh database of
 * `target` and says which in the output; `close()` stops it and drops the database.
 */
export async function startServerOn(target: DatabaseTarget, options: Partial<ServerOptions> = {}): Promise<ServerOnTarget> {
  const opened = await target.open();
  let server: RunningServer;
  try {
    server = await startServer({ port: 0, seed: 'if-empty', ...opened.options, ...options });
  } catch (err) {
    await opened.drop();
    throw err;
  }
  console.log(`database: ${opened.describe} (server ${server.url})`);
  return {
    server,
    close: async () => {
      await server.close();
      await opened.drop();
    },
  };
}
