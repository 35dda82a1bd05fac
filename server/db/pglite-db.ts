import { mkdir } from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Db, Tx } from './db';
import { lockFolder } from './folder-lock';

function wrapTx(tx: Transaction): Tx {
  return {
    async query<T>(sql: string, params?: readonly unknown[]) {
      const result = await tx.query<T>(sql, params ? [...params] : undefined);
      return result.rows;
    },
    async exec(sql: string) {
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
    pg = await PGlite.create(dataDir);
  } catch (err) {
    await lock?.release();
    throw err;
  }
  return {
    kind: 'pglite',
    async query<T>(sql: string, params?: readonly unknown[]) {
      const result = await pg.query<T>(sql, params ? [...params] : undefined);
      return result.rows;
    },
    async exec(sql: string) {
      await pg.exec(sql);
    },
    // PGlite has a single connection and queues transactions, so they never interleave.
    transaction<T>(fn: (tx: Tx) => Promise<T>) {
      return pg.transaction((tx) => fn(wrapTx(tx)));
    },
    async close() {
      if (!pg.closed) await pg.close();
      await lock?.release();
    },
  };
}
