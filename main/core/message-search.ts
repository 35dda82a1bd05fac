import type { MessageSearchHit } from '../../shared/contract';
import type { HighlightedText } from '../../shared/knowledge';
import type { CacheStore } from './cache/cache-store';

/**
 * Searching the cached messages, offline too. A query is cut into words at spaces; a message
 * matches when it holds every word, Latin letters in any case. Each conversation is found once,
 * through its newest matching message. The bodies are sealed on the disk (cache/field-cipher.ts),
 * so they are opened and searched here, not in SQL.
 */

type Searchable = Pick<CacheStore, 'searchableMessages'>;

export const DEFAULT_SEARCH_LIMIT = 500;
const MAX_TERMS = 8;
const MAX_TERM_LENGTH = 100;
/** Characters kept before the first match and in the whole snippet. */
const SNIPPET_LEAD = 24;
const SNIPPET_LENGTH = 120;

/** The words of a query, each at most once. */
export function searchTerms(query: string): string[] {
  const terms: string[] = [];
  for (const word of query.split(/\s+/u)) {
    const term = word.slice(0, MAX_TERM_LENGTH);
    if (term === '' || terms.some((t) => asciiLower(t) === asciiLower(term))) continue;
    terms.push(term);
    if (terms.length === MAX_TERMS) break;
  }
  return terms;
}

/** Lower-cases A–Z only, so every position stays where it was (SQLite's LIKE folds the same letters). */
function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}


/**
 * The conversations whose cached messages hold every word of `query`, newest match first (at most
 * `limit`; `truncated` when there were more), each with a snippet around its newest match.
 */
export async function searchMessages(
  cache: Searchable,
  query: string,
  limit = DEFAULT_SEARCH_LIMIT,
): Promise<{ hits: MessageSearchHit[]; truncated: boolean }> {
  const terms = searchTerms(query);
  if (terms.length === 0) return { hits: [], truncated: false };
  const needles = terms.map(asciiLower);
  const found = new Set<string>();
  const hits: MessageSearchHit[] = [];
  // Newest first: the first match of a conversation is its newest.
  for (const message of await cache.searchableMessages()) {
    if (found.has(message.conversationId)) continue;
    const folded = asciiLower(message.body);
    if (!needles.every((needle) => folded.includes(needle))) continue;
    found.add(message.conversationId);
    if (hits.length === limit) return { hits, truncated: true };
    hits.push({ conversationId: message.conversationId, messageId: message.id, createdAt: message.createdAt, snippet: snippet(message.body, terms) });
  }
  return { hits, truncated: false };
}

/**
 * The part of a message around the first match of any word (on one line, with … where text was
 * left out), every occurrence of the words marked.
 */
export function snippet(body: string, terms: readonly string[]): HighlightedText {
  const text = body.replace(/\s+/gu, ' ').trim();
  const folded = asciiLower(text);
  const needles = terms.map(asciiLower).filter((t) => t !== '');
  const first = Math.min(...needles.map((n) => folded.indexOf(n)).filter((i) => i >= 0), Number.POSITIVE_INFINITY);
  let start = Number.isFinite(first) ? Math.max(0, first - SNIPPET_LEAD) : 0;
  let end = Math.min(text.length, start + SNIPPET_LENGTH);
  if (end === text.length) start = Math.max(0, end - SNIPPET_LENGTH);
  // Never cut a character written as two UTF-16 units in half.
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start--;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end++;

  const ranges: [number, number][] = [];
  for (const needle of needles) {
    for (let at = folded.indexOf(needle, start); at !== -1 && at < end; at = folded.indexOf(needle, at + needle.length)) {
      ranges.push([at, Math.min(end, at + needle.length)]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const pieces: HighlightedText = [];
  const push = (piece: string, match: boolean) => {
    if (piece === '') return;
    const last = pieces.at(-1);
    if (last && last.match === match) last.text += piece;
    else pieces.push({ text: piece, match });
  };
  if (start > 0) push('…', false);
  let at = start;
  for (const [from, to] of ranges) {
    if (to <= at) continue;
    push(text.slice(at, Math.max(at, from)), false);
    push(text.slice(Math.max(at, from), to), true);
    at = to;
  }
  push(text.slice(at, end), false);
  if (end < text.length) push('…', false);
  return pieces;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
