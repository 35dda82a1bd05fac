import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * One measured figure, printed as one JSON line on stdout. Every figure carries the baseline it is
 * compared with (measured in the same run) and the ratio value / baseline.
 */
export interface Figure {
  bench: string;
  figure: string;
  value: number;
  unit: string;
  baseline: { name: string; value: number };
  /** Extra context: targets, which process was measured, counts, sizes. */
  [extra: string]: unknown;
}

/** Prints one figure as one JSON line on stdout (the only thing a benchmark writes there). */
export function emit(figure: Omit<Figure, 'ratio'> & { ratio?: number | null }): void {
  const ratio = figure.ratio !== undefined ? figure.ratio : ratioOf(figure.value, figure.baseline.value);
  const { bench, figure: name, value, unit, baseline, ...extra } = figure;
  delete extra['ratio'];
  const line = { bench, figure: name, value: round(value), unit, baseline: { ...baseline, value: round(baseline.value) }, ratio, ...extra };
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
 * Samples this process's memory every `intervalMs` and keeps the peaks. The kernel's high-water
 * mark (maxRSS) also catches a peak that falls between two samples.
 */
export class MemorySampler {
  readonly start = process.memoryUsage();
  private peakRss = this.start.rss;
  private peakHeap = this.start.heapUsed;
  private samples = 0;
  private readonly timer: NodeJS.Timeout;

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
    const maxRss = process.resourceUsage().maxRSS * 1024;
    return {
      startRssMb: mb(this.start.rss),
      startHeapMb: mb(this.start.heapUsed),
      peakRssDeltaMb: mb(Math.max(this.peakRss, maxRss) - this.start.rss),
      peakRssDeltaSampledMb: mb(this.peakRss - this.start.rss),
      peakHeapDeltaMb: mb(this.peakHeap - this.start.heapUsed),
      samples: this.samples,
    };
  }
}

export type MemoryPeaks = {
  startRssMb: number;
  startHeapMb: number;
  /** max(sampled RSS, kernel maxRSS) minus the RSS at the start. */
  peakRssDeltaMb: number;
  peakRssDeltaSampledMb: number;
  peakHeapDeltaMb: number;
  samples: number;
};

export const mb = (bytes: number) => round(bytes / (1024 * 1024), 1);
