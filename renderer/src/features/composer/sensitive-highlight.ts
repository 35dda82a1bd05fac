import type { SensitiveWord } from '../../../../shared/domain';
import { compileSensitiveWords, matchSensitive, type CompiledSensitiveWords } from '../../../../shared/sensitive-words';

/** A piece of the reply: plain, a matched word to highlight, or a gap standing for text left out. */
export interface HighlightPart {
  text: string;
  kind: 'plain' | 'match' | 'gap';
}

/** Characters kept either side of a match when the reply is shortened around them. */
export const HIGHLIGHT_CONTEXT = 24;

/** Splits a comma-separated words detail ("微信, refund scam") into the words. */
export function blockedWords(details: string | null | undefined): string[] {
  if (!details) return [];
  return [...new Set(details.split(/[,，、]/).map((w) => w.trim()).filter((w) => w !== ''))];
}

/** Where the blocked words sit in the reply, as sorted, merged [start, end) ranges. */
export function blockedRanges(
  text: string,
  compiled: CompiledSensitiveWords | null,
  words: readonly string[],
): [number, number][] {
  let ranges: [number, number][] = [];
  if (compiled && compiled.size > 0) {
    ranges = matchSensitive(compiled, text)
      .matches.filter((m) => m.action === 'block' && (words.length === 0 || words.includes(m.pattern)))
      .map((m) => [m.start, m.end]);
  }
  // Without the list (not loaded, or it changed since), the words the refusal named are looked up as they are.
  if (ranges.length === 0) {
    const lower = text.toLowerCase();
    for (const word of words) {
      const needle = word.toLowerCase();
      for (let at = lower.indexOf(needle); at >= 0 && needle !== ''; at = lower.indexOf(needle, at + needle.length)) {
        ranges.push([at, at + needle.length]);
      }
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

/**
 * The reply cut into plain text and highlighted matches, shortened to HIGHLIGHT_CONTEXT characters
 * around each match (a gap marks what is left out). Empty when nothing matched.
 */
export function highlightParts(text: string, ranges: readonly [number, number][], context = HIGHLIGHT_CONTEXT): HighlightPart[] {
  if (ranges.length === 0) return [];
  const parts: HighlightPart[] = [];
  let shownTo = 0;
  ranges.forEach(([start, end], i) => {
    const from = Math.max(shownTo, start - context);
    if (from > shownTo) parts.push({ text: '…', kind: 'gap' });
    if (start > from) parts.push({ text: text.slice(from, start), kind: 'plain' });
    parts.push({ text: text.slice(start, end), kind: 'match' });
    const nextStart = ranges[i + 1]?.[0] ?? Infinity;
    const to = Math.min(text.length, end + context, nextStart);
    if (to > end) parts.push({ text: text.slice(end, to), kind: 'plain' });
    shownTo = to;
  });
  if (shownTo < text.length) parts.push({ text: '…', kind: 'gap' });
  return parts;
}

/** Compiles the list for highlighting; null when there is nothing to compile. */
export function compileForHighlight(words: readonly SensitiveWord[]): CompiledSensitiveWords | null {
  return words.length > 0 ? compileSensitiveWords(words) : null;
}
