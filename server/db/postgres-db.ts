import pg from 'pg';
import type { Db, Tx } from './db';
import { StatementNames } from './statement-names';

const INT8_OID = 20;

// Sequence numbers and counts are bigint; they stay far below 2^53, so plain numbers are safe
// and both drivers then return the same shapes.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID && format !== 'binary') return (value: string) => Number(value);
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
  },
};

/**
 * A data statement as a named query: each pooled connection parses and plans it once, later runs
 * only bind and execute (PostgreSQL keeps the plan). Others as they are.
 */
function statement(names: StatementNames, sql: string, params?: readonly unknown[]): pg.QueryConfig {
  const name = names.nameOf(sql);
  return { text: sql, values: params ? [...params] : undefined, ...(name ? { name } : {}) };
}

function clientQueryable(client: pg.PoolClient, names: StatementNames): Tx {
  return {
    async query<T>(sql: string, params?: readonly unknown[]) {
      const result = await client.query(statement(names, sql, params));
      return result.rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

/** Connects a pool to a PostgreSQL server given as a postgres:// URL. */
export async function openPostgresDb(databaseUrl: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, types: types as pg.CustomTypesConfig });
  // An idle client losing its connection (server restart, admin kill) must not crash the process;
  // the pool drops it and the next query opens a new one.
  pool.on('error', (err) => {
    console.error(`PostgreSQL connection lost: ${err.message}`);
  });
  // Fail at start, not at the first request, when the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  let closed = false;
  const names = new StatementNames();
  return {
    kind: 'postgres',
    async query<T>(sql: string, params?: readonly unknown[]) {
      const result = await pool.query(statement(names, sql, params));
      return result.rows as T[];
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Tx) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const value = await fn(clientQueryable(client, names));
        await client.query('COMMIT');
        return value;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** The URL with its password replaced, for printing. */
export function redactDatabaseUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://(unparseable url)';
  }
}
