import type { HighlightedText } from '../knowledge';
import { foldWithPositions } from '../text/fold-text';
import { isCjk } from '../text/index-form';
import type { SearchUnit } from './analyzer';

/**
 * Marks a text's matches of a query (pure), for knowledge search online and offline alike:
 * Chinese pairs and characters wherever they occur, and each whole word that starts with a query
 * word's stem ("shipping" for "ship"). Compared folded (case, width, traditional/simplified),
 * shown as written.
 */
export function highlight(text: string, units: readonly SearchUnit[]): HighlightedText {
  return pieces(text, marks(text, units));
}

/** Which UTF-16 units of `text` match. */
function marks(text: string, units: readonly SearchUnit[]): boolean[] {
  const hit = new Array<boolean>(text.length).fill(false);
  const { folded, from, to } = foldWithPositions(text);
  const mark = (start: number, end: number) => {
    if (end <= start) return;
    for (let i = from[start]!; i < to[end - 1]!; i++) hit[i] = true;
  };
  for (const unit of units) {
    if (unit.kind !== 'han') continue;
    for (let at = folded.indexOf(unit.text); at !== -1; at = folded.indexOf(unit.text, at + 1)) mark(at, at + unit.text.length);
  }
  const stems = units.filter((u) => u.kind === 'word').map((u) => u.text);
  if (stems.length > 0) {
    for (const word of folded.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
      // Chinese inside a run of letters is a boundary too: "订单id" holds the word "id".
      for (const part of splitCjk(word[0], word.index)) {
        if (stems.some((stem) => part.text.startsWith(stem))) mark(part.at, part.at + part.text.length);
      }
    }
  }
  return hit;
}

function splitCjk(word: string, offset: number): { text: string; at: number }[] {
  const parts: { text: string; at: number }[] = [];
  let start = -1;
  let i = 0;
  for (const char of word) {
    if (isCjk(char)) {
      if (start !== -1) parts.push({ text: word.slice(start, i), at: offset + start });
      start = -1;
    } else if (start === -1) start = i;
    i += char.length;
  }
  if (start !== -1) parts.push({ text: word.slice(start), at: offset + start });
  return parts;
}

function pieces(text: string, hit: readonly boolean[]): HighlightedText {
  const out: HighlightedText = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i < text.length && hit[i] === hit[start]) continue;
    if (i > start) out.push({ text: text.slice(start, i), match: hit[start] === true });
    start = i;
  }
  return out;
}

/**
 * The passage of about `size` characters holding the most matches, marked, with "…" where the
 * text was cut; the start of the text when nothing matches.
 */
export function snippet(text: string, units: readonly SearchUnit[], size = 110): HighlightedText {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  if (chars.length <= size) return highlight(flat, units);
  const hitUnits = marks(flat, units);
  // Per character (not UTF-16 unit): whether it matched.
  const hit: boolean[] = [];
  let unitAt = 0;
  for (const char of chars) {
    hit.push(hitUnits[unitAt] === true);
    unitAt += char.length;
  }
  let best = 0;
  let bestStart = 0;
  let count = 0;
  for (let i = 0; i < chars.length; i++) {
    if (hit[i]) count++;
    if (i >= size && hit[i - size]) count--;
    if (count > best) {
      best = count;
      bestStart = Math.max(0, i - size + 1);
    }
  }
  // Start a little before the window's first match, so it reads with some context, keeping its last match in.
  let start = 0;
  if (best > 0) {
    let first = bestStart;
    while (!hit[first]) first++;
    let last = Math.min(chars.length, bestStart + size) - 1;
    while (!hit[last]) last--;
    start = Math.max(0, Math.min(first - 24, chars.length - size));
    if (last >= start + size) start = last - size + 1;
    // Prefer to start just after a sentence or word boundary close by.
    for (let back = start; back > Math.max(0, start - 12) && last < back + size; back--) {
      if (/[\s。！？.!?，,；;]/.test(chars[back - 1]!)) {
        start = back;
        break;
      }
    }
  }
  const end = Math.min(chars.length, start + size);
  const out = highlight(chars.slice(start, end).join(''), units);
  if (start > 0) out.unshift({ text: '…', match: false });
  if (end < chars.length) out.push({ text: '…', match: false });
  return out;
}
