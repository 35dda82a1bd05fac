/** Why a number typed into a form cannot be used. */
export type NumberProblem = 'required' | 'notWhole' | 'range';

/**
 * A whole number typed into a form, checked against inclusive bounds. Spaces around it are
 * ignored; "12.5", "1e3" and "twelve" are not whole numbers.
 */
export function parseWholeNumber(
  text: string,
  bounds: { min: number; max: number },
): { value: number; problem: null } | { value: null; problem: NumberProblem } {
  const trimmed = text.trim();
  if (trimmed === '') return { value: null, problem: 'required' };
  if (!/^-?\d+$/.test(trimmed)) return { value: null, problem: 'notWhole' };
  const value = Number(trimmed);
  if (!Number.isSafeInteger(value) || value < bounds.min || value > bounds.max) return { value: null, problem: 'range' };
  return { value, problem: null };
}

/** A span of seconds as whole hours, minutes and seconds, largest first, zero parts left out ("0 s" for none). */
export function spanParts(totalSeconds: number): { unit: 'h' | 'min' | 's'; n: number }[] {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const parts: { unit: 'h' | 'min' | 's'; n: number }[] = [];
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) parts.push({ unit: 'h', n: h });
  if (m > 0) parts.push({ unit: 'min', n: m });
  if (s > 0 || parts.length === 0) parts.push({ unit: 's', n: s });
  return parts;
}
