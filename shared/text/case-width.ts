/**
 * Text as people read it regardless of how it was typed: full-width letters, digits and
 * punctuation as their ASCII forms (NFKC), compatibility forms unfolded, and lower case. The first
 * step of every other form in this folder; on its own it serves filters that must not pull in the
 * traditional→simplified tables (the renderer's list filters and quick-reply picker).
 */
export function caseAndWidthForm(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}
