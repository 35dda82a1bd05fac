import type { DurationFigures } from '../../../shared/reports';
import { num, roundOrNull } from './report-window';

/** A duration never below 0 (clocks of two nodes may differ a little); null stays null. */
const nonNegative = (seconds: string) => `CASE WHEN ${seconds} < 0 THEN 0 ELSE ${seconds} END`;

/**
 * SQL columns `<name>_count` and `<name>_p` (median and p90 as one array, so the values are sorted
 * once) of a duration in seconds; conversations without it (null) are left out.
 */
export const durationColumns = (name: string, seconds: string) => `
  count(${seconds}) AS ${name}_count,
  percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY ${nonNegative(seconds)}) AS ${name}_p`;

/** A PostgreSQL float8[] as the drivers hand it over: an array, or its text form. */
function numbersOf(value: unknown): (number | null)[] {
  if (Array.isArray(value)) return value.map((v) => (v === null ? null : Number(v)));
  if (typeof value === 'string') return value.replace(/[{}]/g, '').split(',').map((v) => (v === 'NULL' || v === '' ? null : Number(v)));
  return [];
}

/** The figures of durationColumns(name, …) read back from a row. */
export function durationOf(row: Record<string, unknown>, name: string): DurationFigures {
  const [median, p90] = numbersOf(row[`${name}_p`]);
  return { count: num(row[`${name}_count`] as number | string | null), medianSeconds: roundOrNull(median ?? null), p90Seconds: roundOrNull(p90 ?? null) };
}
