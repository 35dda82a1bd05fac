import { cp, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDb, pgliteDir } from '../../server/db/open-db';
import { openPgliteDb } from '../../server/db/pglite-db';
import { seedDemo, type SeedOptions } from '../../server/db/seed-demo';
import type { ScryptParams } from '../../server/domain/auth/password';
import { cachedPgliteTemplates } from './pglite-template-cache';
import { POSTGRES_ADMIN_URL, postgresReachable } from './postgres';

/**
 * scrypt cost for the demo team's passwords in tests only: each hash records its own cost, so
 * signing in verifies at this cost while the product keeps its memory-hard default.
 */
export const TEST_PASSWORD_PARAMS: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };

/**
 * The demo shop without the ticket desk's demo: test files of tickets set up the departments, types,
 * SLA targets and tickets they count on (test/support/ticket-seed.ts); server-persistence.test.ts
 * seeds the whole demo on a database of its own.
 */
const TEMPLATE_SEED: SeedOptions = { passwordParams: TEST_PASSWORD_PARAMS, tickets: false };

/** Where the templates of this run are: read with `inject()` in the test files. */
export type TemplateDatabases = {
  /** A data folder whose PGlite database is migrated and seeded with the demo shop (PGlite runs). */
  pgliteDataDir: string | null;
  /** A data folder holding a new PGlite database, before any migration (PGlite runs). */
  pgliteEmptyDataDir: string | null;
  /** A PostgreSQL database, migrated and seeded, to create databases from (PostgreSQL runs). */
  postgresTemplate: string | null;
};

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabases: TemplateDatabases;
  }
}

/**
 * Vitest global set-up of a database project: migrates and seeds one database of the project's
 * kind once per run, so each test file copies a ready database (a folder copy, or CREATE
 * DATABASE … TEMPLATE) instead of running initdb, every migration and the seed again.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const database = project.config.env?.SWITCHBOARD_TEST_DATABASE ?? 'pglite';
  const templates: TemplateDatabases = { pgliteDataDir: null, pgliteEmptyDataDir: null, postgresTemplate: null };
  if (database === 'postgres') {
    if (!(await postgresReachable())) throw new Error('PostgreSQL does not answer on 127.0.0.1:5432: start it, or run the :pglite projects only');
    templates.postgresTemplate = await postgresTemplate();
  } else {
    Object.assign(templates, await cachedPgliteTemplates(() => pgliteEmpty(), (empty) => pgliteTemplate(empty)));
  }
  console.log(`${project.name}: template database ready in ${Date.now() - started} ms (${templates.pgliteDataDir ?? templates.postgresTemplate})`);
  project.provide('templateDatabases', templates);

  return async () => {
    // The PGlite templates stay for the next stage and the next run of the same code (pglite-template-cache.ts).
    if (templates.postgresTemplate) await adminQuery(`DROP DATABASE IF EXISTS ${templates.postgresTemplate} WITH (FORCE)`);
  };
}

/**
 * A new PGlite database with no migration applied, made once per run: creating one (initdb in
 * WebAssembly) takes seconds, copying a folder a fraction of that. Tests of migrating from empty
 * start from a copy.
 */
async function pgliteEmpty(): Promise<string> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sb-empty-'));
  await (await openPgliteDb(pgliteDir(dataDir))).close();
  return dataDir;
}

async function pgliteTemplate(empty: string): Promise<string> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sb-template-'));
  await cp(empty, dataDir, { recursive: true });
  const db = await openDb({ dataDir });
  try {
    await seedDemo(db, TEMPLATE_SEED);
  } finally {
    await db.close();
  }
  return dataDir;
}

async function postgresTemplate(): Promise<string> {
  const name = `switchboard_template_${process.pid}_${Date.now()}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const db = await openDb({ databaseUrl: postgresUrl(name) });
  try {
    await seedDemo(db, TEMPLATE_SEED);
  } finally {
    await db.close();
  }
  return name;
}

export function postgresUrl(database: string): string {
  return `postgres://postgres@127.0.0.1:5432/${database}`;
}

async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}
