import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * One measured figure, printed as one JSON line on stdout. Every figure carries the baseline it is
 * compared with (measured in the same run) and the ratio value / baseline; any other field is
 * context (targets, which process was measured, counts, sizes).
 */
export type Figure = {
  bench: string;
  figure: string;
  value: number;
  unit: string;
  baseline: { name: string; value: number };
  /** Computed from value and baseline when left out. */
  ratio?: number | null;
} & Record<string, unknown>;

/** Prints one figure as one JSON line on stdout (the only thing a benchmark writes there). */
export function emit(input: Figure): void {
  const { bench, figure, value, unit, baseline, ratio, ...extra } = input;
  const line = {
    bench,
    figure,
    value: round(value, 3),
    unit,
    baseline: { name: baseline.name, value: round(baseline.value, 3) },
    ratio: ratio !== undefined ? ratio : ratioOf(value, baseline.value),
    ...extra,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** value / baseline, rounded; null when the baseline is 0 (a count of zero duplicates, say). */
export function ratioOf(value: number, baseline: number): number | null {
  if (baseline === 0) return value === 0 ? 1 : null;
  return Math.round((value / baseline) * 100) / 100;
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Progress text: stderr, so stdout stays one JSON line per figure. */
export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The value below which `p` per cent of `values` lie (nearest rank); NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const now = (): number => performance.now();

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` until it is truthy; throws after `timeoutMs` so a benchmark always stops. */
export async function until<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs: number,
  intervalMs = 20,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/** A temporary folder that is removed by `cleanup()`, whatever happened in between. */
export class TempDirs {
  private readonly dirs: string[] = [];

  async make(prefix: string): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), `sb-bench-${prefix}-`));
    this.dirs.push(dir);
    return dir;
  }

  async cleanup(): Promise<void> {
    for (const dir of this.dirs.splice(0)) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * Samples this process's memory every `intervalMs` and keeps the peaks. On Linux the kernel's
 * high-water mark (VmHWM, reset when sampling starts) also catches a peak between two samples.
 */
export class MemorySampler {
  readonly start = process.memoryUsage();
  private peakRss = this.start.rss;
  private peakHeap = this.start.heapUsed;
  private samples = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly hwmReset = resetPeakRss();

  constructor(intervalMs = 50) {
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  private sample(): void {
    const m = process.memoryUsage();
    this.samples++;
    if (m.rss > this.peakRss) this.peakRss = m.rss;
    if (m.heapUsed > this.peakHeap) this.peakHeap = m.heapUsed;
  }

  stop(): MemoryPeaks {
    clearInterval(this.timer);
    this.sample();
    const hwm = this.hwmReset ? peakRssSinceReset() : null;
    return {
      startRssMb: mb(this.start.rss),
      startHeapMb: mb(this.start.heapUsed),
      peakRssDeltaMb: mb(Math.max(this.peakRss, hwm ?? 0) - this.start.rss),
      peakRssDeltaSampledMb: mb(this.peakRss - this.start.rss),
      peakRssSource: hwm === null ? 'samples' : 'max(samples, VmHWM)',
      peakHeapDeltaMb: mb(this.peakHeap - this.start.heapUsed),
      samples: this.samples,
    };
  }
}

/** Resets the kernel's peak-RSS mark of this process (Linux); false where that is not possible. */
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function peakRssSinceReset(): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export type MemoryPeaks = {
  startRssMb: number;
  startHeapMb: number;
  /** max(sampled RSS, kernel peak RSS since the start) minus the RSS at the start. */
  peakRssDeltaMb: number;
  peakRssDeltaSampledMb: number;
  peakRssSource: string;
  peakHeapDeltaMb: number;
  samples: number;
};

export const mb = (bytes: number) => round(bytes / (1024 * 1024), 1);

/** Runs `jobs` with at most `limit` in flight; each job's answer time in ms (a non-2xx answer fails the run). */
export async function timedRequests(limit: number, jobs: (() => Promise<Response>)[]): Promise<number[]> {
  const out: number[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < jobs.length) {
      const i = next++;
      const started = performance.now();
      const response = await jobs[i]!();
      await response.text();
      if (!response.ok) throw new Error(`request ${i} answered ${response.status}`);
      out[i] = performance.now() - started;
    }
  }));
  return out;
}
