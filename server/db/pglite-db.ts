import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite, type PGliteOptions, type Transaction } from '@electric-sql/pglite';
import type { Db, Tx } from './db';
import { lockFolder } from './folder-lock';
import { AnalyzeSchedule } from './pglite-analyze';
import { PgliteStatements } from './pglite-statements';

function wrapTx(tx: Transaction, statements: PgliteStatements, analyze: AnalyzeSchedule): Tx {
  return {
    query<T>(sql: string, params?: readonly unknown[]) {
      analyze.ran();
      return statements.query<T>(sql, params, true, async () => (await tx.query<T>(sql, params ? [...params] : undefined)).rows);
    },
    async exec(sql: string) {
      // Scripts change the schema (migrations): statements prepared before may no longer fit.
      await statements.forget((s) => tx.exec(s));
      await tx.exec(sql);
    },
  };
}

/**
 * Opens (creating on first use) an embedded PostgreSQL in `dataDir`; `undefined` keeps it in memory.
 * A folder is held by one process at a time (see folder-lock.ts) until `close()`.
 */
export async function openPgliteDb(dataDir: string | undefined): Promise<Db> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const lock = dataDir ? await lockFolder(dataDir) : null;
  let pg: PGlite;
  try {
    pg = await PGlite.create({ dataDir, ...(await engineArtifacts()) });
  } catch (err) {
    await lock?.release();
    throw err;
  }
  const statements = new PgliteStatements(pg);
  const analyze = new AnalyzeSchedule(async () => {
    await pg.exec('ANALYZE');
  });
  return {
    kind: 'pglite',
    query<T>(sql: string, params?: readonly unknown[]) {
      analyze.ran();
      return statements.query<T>(sql, params, false, async () => (await pg.query<T>(sql, params ? [...params] : undefined)).rows);
    },
    async exec(sql: string) {
      // Scripts change the schema (migrations): statements prepared before may no longer fit.
      await statements.forget((s) => pg.exec(s));
      await pg.exec(sql);
    },
    // PGlite has a single connection and queues transactions, so they never interleave.
    transaction<T>(fn: (tx: Tx) => Promise<T>) {
      return pg.transaction((tx) => fn(wrapTx(tx, statements, analyze)));
    },
    async close() {
      await analyze.settled();
      if (!pg.closed) await pg.close();
      await lock?.release();
    },
  };
}

type EngineArtifacts = Pick<PGliteOptions, 'pgliteWasmModule' | 'initdbWasmModule' | 'fsBundle'>;
let artifacts: Promise<EngineArtifacts> | undefined;

/**
 * PGlite's compiled engine and its file bundle, read and compiled once per process: every
 * database opened after the first (a server restarted in place, the tests' servers) starts
 * without compiling the WebAssembly again.
 */
function engineArtifacts(): Promise<EngineArtifacts> {
  artifacts ??= (async () => {
    const dist = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
    const [pglite, initdb, bundle] = await Promise.all(['pglite.wasm', 'initdb.wasm', 'pglite.data'].map((f) => readFile(path.join(dist, f))));
    const [pgliteWasmModule, initdbWasmModule] = await Promise.all([WebAssembly.compile(pglite!), WebAssembly.compile(initdb!)]);
    return { pgliteWasmModule, initdbWasmModule, fsBundle: new Blob([bundle!]) };
  })();
  return artifacts;
}
