import sqlite3 from 'sqlite3';

export type SqlParams = readonly unknown[];

/** sqlite's limit on bound parameters per statement (32766 since 3.32), with room to spare. */
const MAX_PARAMS = 30_000;

/** Splits `INSERT … VALUES (?, ?) ON CONFLICT …` into what comes before, the row, and what follows. */
export function splitValues(sql: string): { prefix: string; row: string; suffix: string } {
  const match = /^([\s\S]*?\bVALUES\s*)(\([^()]*\))([\s\S]*)$/i.exec(sql);
  if (!match) throw new Error(`runMany needs a single-row INSERT … VALUES (?, …): ${sql}`);
  return { prefix: match[1]!, row: match[2]!, suffix: match[3]! };
}

/** The statements a write transaction may run. */
export interface SqlWriter {
  run(sql: string, params?: SqlParams): Promise<{ changes: number }>;
  get<T>(sql: string, params?: SqlParams): Promise<T | undefined>;
  all<T>(sql: string, params?: SqlParams): Promise<T[]>;
  runMany(sql: string, rows: readonly SqlParams[]): Promise<void>;
}

/**
 * One sqlite3 connection with promises. Writes go through `write()`, which runs them one
 * transaction at a time: sqlite3 shares one connection, so two interleaved async transactions
 * would otherwise become one.
 */
export class SqliteDb implements SqlWriter {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly rollbackListeners: (() => void)[] = [];

  private constructor(private readonly db: sqlite3.Database) {}

  /**
   * Opens (creating) the file in WAL mode with synchronous=FULL: a committed write survives a crash.
   * secure_delete: what a write replaces or deletes is overwritten, not left readable in free pages.
   */
  static async open(file: string): Promise<SqliteDb> {
    const db = await new Promise<sqlite3.Database>((resolve, reject) => {
      const handle = new sqlite3.Database(file, (err) => (err ? reject(err) : resolve(handle)));
    });
    const wrapped = new SqliteDb(db);
    await wrapped.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA secure_delete = ON;');
    return wrapped;
  }

  run(sql: string, params: SqlParams = []): Promise<{ changes: number }> {
    return new Promise((resolve, reject) => {
      this.db.run(sql, params as unknown[], function (this: sqlite3.RunResult, err: Error | null) {
        if (err) reject(err);
        else resolve({ changes: this.changes });
      });
    });
  }

  get<T>(sql: string, params: SqlParams = []): Promise<T | undefined> {
    return new Promise((resolve, reject) => {
      this.db.get(sql, params as unknown[], (err: Error | null, row: T | undefined) => (err ? reject(err) : resolve(row)));
    });
  }

  all<T>(sql: string, params: SqlParams = []): Promise<T[]> {
    return new Promise((resolve, reject) => {
      this.db.all(sql, params as unknown[], (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows)));
    });
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.db.exec(sql, (err) => (err ? reject(err) : resolve())));
  }

  /** Runs `fn` in its own IMMEDIATE transaction, after every write queued before it. */
  write<T>(fn: (tx: SqlWriter) => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      await this.exec('BEGIN IMMEDIATE');
      try {
        const value = await fn(this);
        await this.exec('COMMIT');
        return value;
      } catch (err) {
        await this.exec('ROLLBACK').catch(() => undefined);
        for (const listener of this.rollbackListeners) listener();
        throw err;
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Runs a one-row `INSERT … VALUES (?, …) [suffix]` for many rows, a few hundred rows per
   * statement: one round trip into sqlite per chunk instead of one per row.
   */
  async runMany(sql: string, rows: readonly SqlParams[]): Promise<void> {
    if (rows.length === 0) return;
    const { prefix, row, suffix } = splitValues(sql);
    const width = rows[0]!.length;
    const perStatement = Math.max(1, Math.min(500, Math.floor(MAX_PARAMS / width)));
    for (let i = 0; i < rows.length; i += perStatement) {
      const chunk = rows.slice(i, i + perStatement);
      await this.run(`${prefix}${chunk.map(() => row).join(', ')}${suffix}`, chunk.flat());
    }
  }

  /** Registers a callback for a write transaction that rolled back (to drop in-memory shortcuts). */
  onRollback(listener: () => void): void {
    this.rollbackListeners.push(listener);
  }

  async close(): Promise<void> {
    await this.queue;
    await new Promise<void>((resolve, reject) => this.db.close((err) => (err ? reject(err) : resolve())));
  }
}
