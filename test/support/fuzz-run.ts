import fc from 'fast-check';
import type { Queryable } from '../../server/db/db';
import { changedTables, snapshotSince, snapshotState } from './fuzz-state';

/**
 * The bookkeeping of a fuzz run: one seed for the whole run (SWITCHBOARD_FUZZ_SEED, printed so a
 * failure is replayed exactly), a seed per target derived from its name (adding a target does not
 * change the cases of the others), the number of cases sent, and every failure with its input.
 */
export class FuzzRun {
  readonly seed: number;
  cases = 0;
  readonly failures: string[] = [];

  constructor(defaultSeed: number) {
    const fromEnv = process.env.SWITCHBOARD_FUZZ_SEED;
    this.seed = fromEnv !== undefined && fromEnv !== '' ? Number(fromEnv) : defaultSeed;
    if (!Number.isSafeInteger(this.seed)) throw new Error(`SWITCHBOARD_FUZZ_SEED must be an integer, got "${fromEnv}"`);
    console.log(`fuzz seed ${this.seed} (replay with SWITCHBOARD_FUZZ_SEED=${this.seed})`);
  }

  /** `count` values of `arbitrary` for `target`, the same ones for the same seed. */
  sample<T>(target: string, arbitrary: fc.Arbitrary<T>, count: number): T[] {
    return fc.sample(arbitrary, { seed: (this.seed ^ hashOf(target)) | 0, numRuns: count });
  }

  fail(target: string, input: unknown, problem: string): void {
    this.failures.push(`${target}: ${problem}\n    input: ${preview(input)}`);
  }

  /**
   * Runs cases one by one against a fingerprint of the database: `runCase` says whether its case
   * was accepted (a state change is allowed then); a refused case that changed a table fails.
   */
  async each<T>(db: Queryable, target: string, inputs: T[], runCase: (input: T) => Promise<'accepted' | 'refused'>): Promise<void> {
    let before = await snapshotState(db);
    for (const input of inputs) {
      this.cases++;
      let outcome: 'accepted' | 'refused' = 'refused';
      try {
        outcome = await runCase(input);
      } catch (err) {
        this.fail(target, input, `the case could not be run: ${err instanceof Error ? err.message : String(err)}`);
      }
      const after = await snapshotSince(db, before);
      const changed = changedTables(before, after);
      if (outcome === 'refused' && changed.length > 0) this.fail(target, input, `refused, yet the tables ${changed.join(', ')} changed`);
      before = after;
    }
  }
}

function hashOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** A case's input, short enough to read in a report and exact enough to replay small ones. */
export function preview(input: unknown): string {
  let text: string;
  try {
    text = input === undefined ? 'undefined' : JSON.stringify(input);
  } catch {
    text = String(input);
  }
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} characters)` : text;
}
