import { describe, expect, it } from 'vitest';
import { ManualTimers } from './manual-timers';
import { PollingWorker } from './polling-worker';

function worker(batches: number[], timers = new ManualTimers()) {
  const runs: number[] = [];
  const errors: unknown[] = [];
  // Every batch waits until the test opens the gate, so kicks can arrive during a run.
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  const w = new PollingWorker({
    timers, pollMs: 1_000, name: 'test',
    runOnce: async () => {
      await gate;
      const n = batches.shift() ?? 0;
      runs.push(n);
      return n;
    },
    logError: (err) => void errors.push(err),
  });
  return { w, runs, errors, timers, go: () => open() };
}

describe('a polling worker', () => {
  it('runs batches until one is empty, and folds kicks during a run into one more run', async () => {
    const { w, runs, go } = worker([2, 1, 0, 0]);
    w.kick();
    w.kick();
    w.kick();
    go();
    await w.settled();
    // 2, 1, 0 in the first run; the two kicks during it make one more run (0).
    expect(runs).toEqual([2, 1, 0, 0]);
  });

  it('polls on its interval once started, and not after it stopped', async () => {
    const { w, runs, timers, go } = worker([]);
    go();
    w.start();
    await w.settled();
    timers.advance(1_000);
    await w.settled();
    expect(runs).toEqual([0, 0]);
    await w.stop();
    timers.advance(5_000);
    w.kick();
    await w.settled();
    expect(runs).toEqual([0, 0]);
    expect(w.stopped).toBe(true);
  });
});
