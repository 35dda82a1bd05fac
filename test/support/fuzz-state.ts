import type { Queryable } from '../../server/db/db';

/**
 * A fingerprint of everything the server stores: per table, the number of rows and the newest
 * row version (PostgreSQL's `xmin`: every insert and update writes a new one, a delete lowers the
 * count), read in one statement, with the snapshot the statement read them in (`mark`).
 */
export type StateSnapshot = { mark: string; tables: Record<string, string> };

/** Tables written by the clock, not by requests: the node's lease is renewed by its heartbeat. */
const CLOCK_DRIVEN_TABLES = new Set(['server_nodes']);

async function tablesOf(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  return rows.map((row) => row.table_name).filter((name) => !CLOCK_DRIVEN_TABLES.has(name));
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The database's snapshot as text (`xmin:xmax:in-progress ids`). Every insert, update or delete
 * runs in a transaction that is given an id, and its end moves the snapshot on; so two equal
 * snapshots see exactly the same rows, and reading one costs no table scan.
 */
const MARK = 'pg_current_snapshot()::text';

const statements = new WeakMap<Queryable, Promise<string>>();

/** Reads the fingerprint of every table (row count and newest row version). */
export async function snapshotState(db: Queryable): Promise<StateSnapshot> {
  let statement = statements.get(db);
  if (!statement) {
    statement = tablesOf(db).then((tables) => {
      const parts = tables.map(
        (table) => `(SELECT count(*)::text || ':' || coalesce(max(t.xmin::text::bigint), 0)::text FROM ${quote(table)} t) AS ${quote(table)}`,
      );
      return `SELECT ${MARK} AS "mark:", ${parts.join(',\n')}`;
    });
    statements.set(db, statement);
  }
  const [row] = await db.query<Record<string, string>>(await statement);
  const { 'mark:': mark, ...tables } = row!;
  return { mark: mark!, tables };
}

/**
 * The fingerprint now, given an earlier one: the same one when no transaction has ended since
 * (nothing can have changed), read again table by table otherwise. Cheap enough for every fuzz case.
 */
export async function snapshotSince(db: Queryable, before: StateSnapshot): Promise<StateSnapshot> {
  const [now] = await db.query<{ mark: string }>(`SELECT ${MARK} AS mark`);
  return now!.mark === before.mark ? before : snapshotState(db);
}

/** The tables whose fingerprint differs between two snapshots. */
export function changedTables(before: StateSnapshot, after: StateSnapshot): string[] {
  return Object.keys({ ...before.tables, ...after.tables }).filter((table) => before.tables[table] !== after.tables[table]);
}
