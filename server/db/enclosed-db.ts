import type { Db, Tx } from './db';

/**
 * A Db that works inside the enclosing transaction `tx`: its own transactions are savepoints of
 * it, so code written against a Db (the domain's flows, each opening a transaction) can be one
 * part of a larger transaction that commits or rolls back as a whole. One transaction at a time
 * (they share the enclosing one's connection); `close()` is refused, the database is not its own.
 */
export function enclosedDb(tx: Tx, kind: Db['kind']): Db {
  return {
    kind,
    query: <T>(sql: string, params?: readonly unknown[]) => tx.query<T>(sql, params),
    exec: (sql: string) => tx.exec(sql),
    async transaction<T>(fn: (inner: Tx) => Promise<T>): Promise<T> {
      await tx.query('SAVEPOINT enclosed');
      try {
        const result = await fn(tx);
        await tx.query('RELEASE SAVEPOINT enclosed');
        return result;
      } catch (err) {
        // Undoes the failed part only, and leaves the enclosing transaction usable (PostgreSQL aborts it otherwise).
        await tx.query('ROLLBACK TO SAVEPOINT enclosed');
        throw err;
      }
    },
    close: async () => {
      throw new Error('an enclosed database is closed by whoever opened the enclosing transaction');
    },
  };
}
