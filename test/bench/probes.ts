import { Connection } from '../../main/core/connection';
import { SqliteDb } from '../../main/core/cache/sqlite';
import { now } from './report';

/**
 * Rough timers around the client core's cache writes and server requests, for saying where a
 * benchmark's time goes. They wrap the real methods (two clock reads each) and are removed again
 * by `restore()`.
 */
export type ProbeStats = {
  /** Write transactions run, and the time inside them including BEGIN and COMMIT (the fsync). */
  writes: number;
  writeMs: number;
  commitMs: number;
  /** Requests per name: how many, and the summed time from emit to validated answer. */
  requests: Record<string, { count: number; ms: number; failures: number; lastFailure: string }>;
  /** When the last request of each name finished. */
  lastAnswerAt: Record<string, number>;
};

export function installProbes(): { stats: ProbeStats; restore: () => void } {
  const stats: ProbeStats = { writes: 0, writeMs: 0, commitMs: 0, requests: {}, lastAnswerAt: {} };
  const { write, exec } = SqliteDb.prototype;
  const { request } = Connection.prototype;

  SqliteDb.prototype.write = async function <T>(this: SqliteDb, fn: (tx: never) => Promise<T>) {
    return write.call(this, async (tx) => {
      const t = now();
      try {
        return await fn(tx as never);
      } finally {
        stats.writes++;
        stats.writeMs += now() - t;
      }
    });
  } as typeof write;

  SqliteDb.prototype.exec = async function (this: SqliteDb, sql: string) {
    const timed = sql === 'BEGIN IMMEDIATE' || sql === 'COMMIT';
    const t = now();
    try {
      return await exec.call(this, sql);
    } finally {
      if (timed) {
        stats.writeMs += now() - t;
        if (sql === 'COMMIT') stats.commitMs += now() - t;
      }
    }
  };

  Connection.prototype.request = async function (this: Connection, ...args: Parameters<typeof request>) {
    const name = String(args[0]);
    const entry = (stats.requests[name] ??= { count: 0, ms: 0, failures: 0, lastFailure: '' });
    const t = now();
    try {
      return await request.apply(this, args);
    } catch (err) {
      entry.failures++;
      entry.lastFailure = String(err);
      throw err;
    } finally {
      entry.count++;
      entry.ms += now() - t;
      stats.lastAnswerAt[name] = now();
    }
  } as typeof request;

  return {
    stats,
    restore() {
      SqliteDb.prototype.write = write;
      SqliteDb.prototype.exec = exec;
      Connection.prototype.request = request;
    },
  };
}
