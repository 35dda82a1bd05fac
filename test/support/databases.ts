import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerOptions } from '../../server/app';
import { createThrowawayDatabase, postgresReachable } from './server-fixture';

/** One database a server under test can run on: the same options start it again after a restart. */
export interface DatabaseTarget {
  label: string;
  open(): Promise<{ options: Pick<ServerOptions, 'dataDir' | 'databaseUrl'>; describe: string; drop(): Promise<void> }>;
}

const pglite: DatabaseTarget = {
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
  if (await postgresReachable()) return [pglite, postgres];
  console.log('skipped on PostgreSQL: not reachable at 127.0.0.1:5432 (ran on PGlite only)');
  return [pglite];
}
