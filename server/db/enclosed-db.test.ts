import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './db';
import { enclosedDb } from './enclosed-db';
import { openPgliteDb } from './pglite-db';

let db: Db;

// A new in-memory PGlite (initdb in WebAssembly) takes seconds on a busy machine.
beforeAll(async () => {
  db = await openPgliteDb(undefined);
  await db.exec('CREATE TABLE notes (body text PRIMARY KEY)');
}, 120_000);

afterAll(async () => {
  await db?.close();
});

const bodies = async (q: Pick<Db, 'query'>) => (await q.query<{ body: string }>('SELECT body FROM notes ORDER BY body')).map((r) => r.body);

describe('a database enclosed in a transaction', () => {
  it('undoes only the part that failed and commits the rest with the enclosing transaction', async () => {
    await db.transaction(async (tx) => {
      const inner = enclosedDb(tx, db.kind);
      await inner.transaction((t) => t.query("INSERT INTO notes VALUES ('first')"));
      await expect(inner.transaction(async (t) => {
        await t.query("INSERT INTO notes VALUES ('second')");
        await t.query("INSERT INTO notes VALUES ('first')");
      })).rejects.toThrow();
      // The enclosing transaction is still usable after the failure.
      await inner.transaction((t) => t.query("INSERT INTO notes VALUES ('third')"));
      expect(await bodies(inner)).toEqual(['first', 'third']);
    });
    expect(await bodies(db)).toEqual(['first', 'third']);
  });

  it('is rolled back as a whole with the enclosing transaction', async () => {
    await expect(db.transaction(async (tx) => {
      await enclosedDb(tx, db.kind).transaction((t) => t.query("INSERT INTO notes VALUES ('fourth')"));
      throw new Error('the enclosing work failed');
    })).rejects.toThrow('the enclosing work failed');
    expect(await bodies(db)).toEqual(['first', 'third']);
  });
});
