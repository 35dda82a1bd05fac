import type { Queryable } from '../../server/db/db';

/**
 * A fingerprint of everything the server stores: per table, the number of rows and the newest
 * row version (PostgreSQL's `xmin`: every insert and update writes a new one, a delete lowers the
 * count), read in one statement so it is cheap enough to take around every fuzz case.
 */
export type StateSnapshot = Record<string, string>;

async function tablesOf(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  return rows.map((row) => row.table_name);
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

const statements = new WeakMap<Queryable, Promise<string>>();

/** Reads the fingerprint of every table (row count and newest row version). */
export async function snapshotState(db: Queryable): Promise<StateSnapshot> {
  let statement = statements.get(db);
  if (!statement) {
    statement = tablesOf(db).then((tables) => {
      const parts = tables.map(
        (table) => `(SELECT count(*)::text || ':' || coalesce(max(t.xmin::text::bigint), 0)::text FROM ${quote(table)} t) AS ${quote(table)}`,
      );
      return `SELECT ${parts.join(',\n')}`;
    });
    statements.set(db, statement);
  }
  const [snapshot] = await db.query<StateSnapshot>(await statement);
  return snapshot!;
}

/** The tables whose fingerprint differs between two snapshots. */
export function changedTables(before: StateSnapshot, after: StateSnapshot): string[] {
  return Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
}
