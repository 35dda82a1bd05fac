import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer, type ServerOptions } from '../../server/app';
import { createThrowawayDatabase } from './postgres';
import { providedTemplates } from './provided-templates';

/** A database made for a test: the server options that reach it, a line saying which, and how to drop it. */
export type OpenedDatabase = { options: Pick<ServerOptions, 'dataDir' | 'databaseUrl'>; describe: string; drop(): Promise<void> };

/** One database a server under test can run on: the same options start it again after a restart. */
export interface DatabaseTarget {
  label: string;
  open(): Promise<OpenedDatabase>;
}

/**
 * A fresh data folder holding a copy of the run's migrated and seeded PGlite database
 * (test/support/template-databases.ts); an empty folder when the run made no template.
 */
export async function seededDataDir(prefix = 'sb-db-'): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), prefix));
  const template = providedTemplates()?.pgliteDataDir;
  if (template) await cp(template, dataDir, { recursive: true });
  return dataDir;
}

/**
 * A fresh data folder holding a new PGlite database with no migration applied: a copy of the
 * run's (test/support/template-databases.ts), or an empty folder (PGlite creates the database)
 * when the run made none.
 */
export async function emptyDataDir(prefix = 'sb-empty-db-'): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), prefix));
  const empty = providedTemplates()?.pgliteEmptyDataDir;
  if (empty) await cp(empty, dataDir, { recursive: true });
  return dataDir;
}

/** PGlite in a fresh temp folder, seeded from the run's template. */
export const PGLITE: DatabaseTarget = {
  label: 'PGlite',
  async open() {
    const dataDir = await seededDataDir();
    return { options: { dataDir }, describe: `PGlite in ${dataDir}`, drop: async () => {} };
  },
};

/** A throwaway database on the PostgreSQL server at 127.0.0.1:5432, seeded from the run's template. */
export const POSTGRES: DatabaseTarget = {
  label: 'PostgreSQL',
  async open() {
    const db = await createThrowawayDatabase();
    return { options: { databaseUrl: db.url }, describe: `PostgreSQL ${db.url}`, drop: db.drop };
  },
};

/**
 * The database this run of the suite tests on: SWITCHBOARD_TEST_DATABASE=postgres or pglite
 * (the default). `npm test` runs the database suites once on each (test/run-suite.ts).
 */
export function runDatabase(): DatabaseTarget {
  const chosen = process.env.SWITCHBOARD_TEST_DATABASE ?? 'pglite';
  if (chosen === 'postgres') return POSTGRES;
  if (chosen === 'pglite') return PGLITE;
  throw new Error(`SWITCHBOARD_TEST_DATABASE must be pglite or postgres, got "${chosen}"`);
}

/** The databases a file's suites run on in this run (one: see runDatabase). */
export async function databaseTargets(): Promise<DatabaseTarget[]> {
  return [runDatabase()];
}

export type ServerOnTarget = { server: RunningServer; close(): Promise<void> };

/**
 * Starts the real server (demo data in place, random port) on a fresh database of `target` and
 * says which in the output; `close()` stops it and drops the database.
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
