import path from 'node:path';
import type { Db } from './db';
import { openPgliteDb } from './pglite-db';
import { openPostgresDb } from './postgres-db';
import { migrate } from './migrate';

export type DbLocation = { databaseUrl?: string; dataDir?: string };

/** Opens the configured database (PostgreSQL when a URL is given, else PGlite) and migrates it. */
export async function openDb(location: DbLocation): Promise<Db> {
  const db = location.databaseUrl
    ? await openPostgresDb(location.databaseUrl)
    : await openPgliteDb(location.dataDir ? pgliteDir(location.dataDir) : undefined);
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

export function pgliteDir(dataDir: string): string {
  return path.join(dataDir, 'pgdata');
}
