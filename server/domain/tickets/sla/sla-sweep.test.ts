import { describe, expect, it } from 'vitest';
import type { Db } from '../../../db/db';
import { EventBus } from '../../events';
import { ManualTimers } from '../../../lib/manual-timers';
import { SlaSweep } from './sla-sweep';

/** A database that has no accounts and counts how often it was asked (or fails when told to). */
function emptyDb(fail = false): Db & { asked: number } {
  const db: Db & { asked: number } = {
    asked: 0,
    kind: 'pglite' as const,
    async query<T>(): Promise<T[]> {
      db.asked++;
      if (fail) throw new Error('database gone');
      return [];
    },
    async exec() {},
    async transaction<T>(fn: (tx: Db) => Promise<T>) {
      return fn(db);
    },
    async close() {},
  };
  return db;
}

describe('the SLA sweep', () => {
  it('looks at tickets every sweepMs once started, and never after it stopped', async () => {
    const timers = new ManualTimers();
    const db = emptyDb();
    const sweep = new SlaSweep({ db, events: new EventBus(() => undefined), clock: timers.clock, timers, logError: () => undefined, sweepMs: 1_000 });
    timers.advance(5_000);
    expect(db.asked).toBe(0);
    sweep.start();
    timers.advance(999);
    expect(db.asked).toBe(0);
    timers.advance(1);
    await sweep.sweep();
    expect(db.asked).toBe(2);
    await sweep.stop();
    timers.advance(10_000);
    await sweep.sweep();
    expect(db.asked).toBe(2);
  });

  it('reports a failed sweep and keeps going', async () => {
    const timers = new ManualTimers();
    const errors: string[] = [];
    const sweep = new SlaSweep({ db: emptyDb(true), events: new EventBus(() => undefined), clock: timers.clock, timers, logError: (_e, what) => errors.push(what) });
    await sweep.sweep();
    await sweep.sweep();
    expect(errors).toEqual(['SLA sweep', 'SLA sweep']);
  });
});
