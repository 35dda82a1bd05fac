import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './db';
import { openPgliteDb } from './pglite-db';

describe('prepared statements on PGlite', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openPgliteDb(undefined);
    await db.exec(`CREATE TABLE notes (id text PRIMARY KEY, n int, tags text[], data jsonb, at timestamptz, big bigint)`);
  });
  afterAll(() => db.close());

  it('round-trips every kind of parameter and value, however often the statement runs', async () => {
    const at = new Date('2026-12-08T10:00:00.000Z');
    for (let i = 0; i < 8; i++) {
      await db.query('INSERT INTO notes (id, n, tags, data, at, big) VALUES ($1, $2, $3, $4, $5, $6)', [`n${i}`, i, ['a', "it's", 'c,d'], { k: i, s: 'x' }, at, null]);
    }
    for (let i = 0; i < 8; i++) {
      const rows = await db.query<{ id: string; n: number; tags: string[]; data: unknown; at: Date; big: null }>('SELECT * FROM notes WHERE id = $1', [`n${i}`]);
      expect(rows).toEqual([{ id: `n${i}`, n: i, tags: ['a', "it's", 'c,d'], data: { k: i, s: 'x' }, at, big: null }]);
    }
    const some = await db.query<{ id: string }>('SELECT id FROM notes WHERE id = ANY($1::text[]) ORDER BY id', [['n1', 'n3', 'nope']]);
    expect(some.map((r) => r.id)).toEqual(['n1', 'n3']);
    // A value that would be SQL if pasted into the text stays a value.
    expect(await db.query('SELECT id FROM notes WHERE id = $1', ["n1' OR '1'='1"])).toEqual([]);
  });

  it('reports a constraint error with its code and leaves the next statement working, inside a transaction too', async () => {
    await expect(db.query('INSERT INTO notes (id) VALUES ($1)', ['n1'])).rejects.toMatchObject({ code: '23505', constraint: 'notes_pkey' });
    await expect(
      db.transaction(async (tx) => {
        await tx.query('UPDATE notes SET n = 100 WHERE id = $1', ['n2']);
        await tx.query('INSERT INTO notes (id) VALUES ($1)', ['n1']);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    // The failed transaction left nothing behind.
    expect(await db.query('SELECT n FROM notes WHERE id = $1', ['n2'])).toEqual([{ n: 2 }]);
    await db.transaction(async (tx) => {
      await tx.query('UPDATE notes SET n = 200 WHERE id = $1', ['n2']);
    });
    expect(await db.query('SELECT n FROM notes WHERE id = $1', ['n2'])).toEqual([{ n: 200 }]);
  });

  it('a schema change makes statements prepared before it plan again', async () => {
    expect(await db.query('SELECT * FROM notes WHERE id = $1', ['n3'])).toHaveLength(1);
    await db.exec('ALTER TABLE notes ADD COLUMN extra text');
    const [row] = await db.query<Record<string, unknown>>('SELECT * FROM notes WHERE id = $1', ['n3']);
    expect(row).toHaveProperty('extra', null);
  });
});
