import type { SqliteDb } from './sqlite';
import { migrations as all } from './migrations';

/** Applies the migrations the database has not seen, each in its own transaction. */
export async function migrate(db: SqliteDb, migrations: readonly string[] = all): Promise<number> {
  const row = await db.get<{ user_version: number }>('PRAGMA user_version');
  const from = row?.user_version ?? 0;
  if (from > migrations.length) {
    throw new Error(`The local cache was written by a newer Switchboard (schema ${from}); update the app.`);
  }
  for (let version = from + 1; version <= migrations.length; version++) {
    await db.write(async () => {
      await db.exec(migrations[version - 1]!);
      await db.exec(`PRAGMA user_version = ${version}`);
    });
  }
  return migrations.length;
}
