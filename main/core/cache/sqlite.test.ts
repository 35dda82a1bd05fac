import { describe, expect, it } from 'vitest';
import { splitValues, SqliteDb } from './sqlite';

describe('sqlite wrapper', () => {
  it('inserts thousands of rows in chunks, keeping an ON CONFLICT clause', async () => {
    const db = await SqliteDb.open(':memory:');
    await db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    const rows = Array.from({ length: 2500 }, (_, i) => [i, `v${i}`]);
    await db.write((tx) => tx.runMany('INSERT INTO t (id, v) VALUES (?, ?)', rows));
    await db.write((tx) =>
      tx.runMany('INSERT INTO t (id, v) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET v = excluded.v', [[7, 'seven'], [3000, 'new']]),
    );
    expect(await db.get('SELECT COUNT(*) AS n FROM t')).toEqual({ n: 2501 });
    expect(await db.get('SELECT v FROM t WHERE id = 7')).toEqual({ v: 'seven' });
    await db.close();
  });

  it('rolls a failed write back whole and tells listeners', async () => {
    const db = await SqliteDb.open(':memory:');
    await db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    let rolledBack = 0;
    db.onRollback(() => rolledBack++);
    await expect(
      db.write(async (tx) => {
        await tx.run('INSERT INTO t (id) VALUES (1)');
        await tx.run('INSERT INTO t (id) VALUES (1)');
      }),
    ).rejects.toThrow(/UNIQUE/);
    expect(await db.get('SELECT COUNT(*) AS n FROM t')).toEqual({ n: 0 });
    expect(rolledBack).toBe(1);
    await db.close();
  });

  it('refuses SQL it cannot split into rows', () => {
    expect(() => splitValues('UPDATE t SET v = ?')).toThrow(/single-row INSERT/);
    expect(splitValues("INSERT INTO t (a, b, c) VALUES (?, 'full', ?)").row).toBe("(?, 'full', ?)");
    expect(splitValues('INSERT INTO t (a, b) VALUES (?, ?) ON CONFLICT DO NOTHING')).toEqual({
      prefix: 'INSERT INTO t (a, b) VALUES ',
      row: '(?, ?)',
      suffix: ' ON CONFLICT DO NOTHING',
    });
  });
});
