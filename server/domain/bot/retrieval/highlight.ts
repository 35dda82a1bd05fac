import type { HighlightedText } from '../../../../shared/knowledge';
import { sify } from 'chinese-conv';
import { isHan } from '../text/script';
import { stem } from '../text/stem';
import type { PreparedQuery } from './query';

/** What of a query can be seen in a text: its Chinese character pairs and single characters, and its word stems. */
export type Marker = { pairs: Set<string>; singles: Set<string>; stems: Set<string> };

/** The parts of a prepared query that highlighting looks for. */
export function markerOf(query: PreparedQuery): Marker {
  const marker: Marker = { pairs: new Set(), singles: new Set(), stems: new Set() };
  for (const { term } of query.terms) {
    if (term.startsWith('b:')) marker.pairs.add(term.slice(2));
    else if (term.startsWith('c:') && query.terms.every((t) => !t.term.startsWith('b:'))) marker.singles.add(term.slice(2));
    else if (term.startsWith('w:')) marker.stems.add(term.slice(2));
  }
  return marker;
}

/**
 * `text` cut into plain and matching pieces: Chinese character pairs of the query (single
 * characters only for one-character queries), and words whose stem is a query word's (so
 * "shipping" lights up for "shipped"). Compared as normalised text, shown as written.
 */
export function highlight(text: string, marker: Marker): HighlightedText {
  const chars = [...text];
  const folded = chars.map((c) => sify(c.normalize('NFKC')).toLowerCase());
  const hit = new Array<boolean>(chars.length).fill(false);
  for (let i = 0; i < chars.length; i++) {
    if (!isHan(folded[i]!)) continue;
    if (marker.singles.has(folded[i]!)) hit[i] = true;
    if (i + 1 < chars.length && marker.pairs.has(folded[i]! + folded[i + 1]!)) hit[i] = hit[i + 1] = true;
  }
  for (let i = 0; i < chars.length; ) {
    if (!/[a-z0-9]/.test(folded[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j < chars.length && /[a-z0-9'’]/.test(folded[j]!)) j++;
    if (marker.stems.has(stem(folded.slice(i, j).join('').replace(/['’]/g, '')))) for (let k = i; k < j; k++) hit[k] = true;
    i = j;
  }
  return pieces(chars, hit);
}

/** The most matching window of about `size` characters of a long text, highlighted, with "…" where cut. */
export function snippet(text: string, marker: Marker, size = 90): HighlightedText {
  const whole = highlight(text.replace(/\s+/g, ' ').trim(), marker);
  const chars: { c: string; hit: boolean }[] = whole.flatMap((p) => [...p.text].map((c) => ({ c, hit: p.match })));
  if (chars.length <= size) return whole;
  let best = 0;
  let bestAt = 0;
  let count = 0;
  for (let i = 0; i < chars.length; i++) {
    if (chars[i]!.hit) count++;
    if (i >= size && chars[i - size]!.hit) count--;
    if (count > best) {
      best = count;
      bestAt = Math.max(0, i - size + 1);
    }
  }
  // Start a little before the first match of the window, so the match has some context.
  const firstHit = chars.findIndex((c, i) => i >= bestAt && c.hit);
  const start = best === 0 ? 0 : Math.max(0, Math.min(bestAt, firstHit - 20));
  const end = Math.min(chars.length, start + size);
  const window = chars.slice(start, end);
  const out = pieces(window.map((w) => w.c), window.map((w) => w.hit));
  if (start > 0) out.unshift({ text: '…', match: false });
  if (end < chars.length) out.push({ text: '…', match: false });
  return out;
}

function pieces(chars: readonly string[], hit: readonly boolean[]): HighlightedText {
  const out: HighlightedText = [];
  for (let i = 0; i < chars.length; i++) {
    const last = out[out.length - 1];
    if (last && last.match === hit[i]) last.text += chars[i];
    else out.push({ text: chars[i]!, match: hit[i]! });
  }
  return out;
}
