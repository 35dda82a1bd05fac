import { describe, expect, it } from 'vitest';
import { Coalescer } from './coalescer';

describe('coalescer', () => {
  it('shares one run between concurrent callers and runs once more for calls made during it', async () => {
    let runs = 0;
    let release: () => void = () => {};
    const job = new Coalescer(async () => {
      runs++;
      if (runs === 1) await new Promise<void>((r) => (release = r));
    });
    const first = job.run();
    const second = job.run();
    const third = job.run();
    expect(second).toBe(first);
    expect(third).toBe(first);
    release();
    await first;
    expect(runs).toBe(2);
    await job.run();
    expect(runs).toBe(3);
  });

  it('skips the extra pass when it may not repeat, and lets the next call start afresh after a failure', async () => {
    let runs = 0;
    const job = new Coalescer(
      async () => {
        runs++;
        throw new Error('boom');
      },
      () => false,
    );
    const p = job.run();
    void job.run();
    await expect(p).rejects.toThrow('boom');
    expect(runs).toBe(1);
    await expect(job.run()).rejects.toThrow('boom');
    expect(runs).toBe(2);
  });
});
