import { AppError } from './errors';
import type { SensitiveAction, SensitiveWord } from './domain';
import { matchingForm } from './text/matching-form';
import { MAX_USER_REGEX_LENGTH, unsafeRegexProblem } from './text/safe-regex';

/**
 * Sensitive word (敏感词) matching, shared by the server (every reply and customer message) and
 * the client core (the composer checks a reply before it leaves, offline too). Pure: no I/O.
 *
 * Both the entries and the text are brought into the matching form (shared/text/matching-form.ts:
 * width, case, invisible characters and separators folded) before matching. Matches are mapped
 * back to offsets in the original text, covering the separators inside them.
 *
 * `word` entries match as substrings of the normalised text. `regex` entries are JavaScript
 * regular expressions (flags `iu`) run on the normalised text, refused at save time unless they
 * pass the one rule for user regexes (shared/text/safe-regex.ts).
 */

export type SensitiveEntry = Pick<SensitiveWord, 'id' | 'pattern' | 'kind' | 'action'>;

/** One occurrence of an entry in a text; `start`/`end` are UTF-16 offsets into the original text. */
export type SensitiveMatch = {
  id: string;
  pattern: string;
  action: SensitiveAction;
  /** The original substring matched, separators inside it included. */
  text: string;
  start: number;
  end: number;
};

/** The strongest action among the matches: none < alert < mask < block. */
export type SensitiveVerdict = 'none' | SensitiveAction;

export type SensitiveCheck = {
  /** Every occurrence of every entry, ordered by start, then end. */
  matches: SensitiveMatch[];
  action: SensitiveVerdict;
  /** The text with each match of a `mask` entry replaced by `*`, one per UTF-16 unit (same length). */
  masked: string;
};

/** Longest regular expression accepted, in characters (the one rule for user regexes). */
export const MAX_SENSITIVE_REGEX_LENGTH = MAX_USER_REGEX_LENGTH;

const RANK: Record<SensitiveVerdict, number> = { none: 0, alert: 1, mask: 2, block: 3 };

type TrieNode = { next: Map<string, TrieNode>; entries: SensitiveEntry[] };

export type CompiledSensitiveWords = {
  readonly size: number;
  readonly root: TrieNode;
  readonly regexes: readonly { entry: SensitiveEntry; re: RegExp }[];
  /** Entries that could not be used (a pattern that no longer passes the checks), with why. */
  readonly refused: readonly { id: string; reason: string }[];
};

// ---- checking a pattern ------------------------------------------------------------------------

/**
 * Why a pattern cannot be used, or null when it can. A word must keep something to match in the
 * matching form; a regular expression must pass the one rule for user regexes (shared/text/safe-regex.ts).
 */
export function sensitivePatternProblem(kind: SensitiveEntry['kind'], pattern: string): string | null {
  if (kind === 'word') {
    return matchingForm(pattern).text === '' ? 'the word has no letters or digits to match' : null;
  }
  return unsafeRegexProblem(pattern)?.message ?? null;
}

// ---- compiling and matching --------------------------------------------------------------------

/** Prepares a list of entries for `matchSensitive`; unusable entries are listed in `refused`. */
export function compileSensitiveWords(entries: readonly SensitiveEntry[]): CompiledSensitiveWords {
  const root: TrieNode = { next: new Map(), entries: [] };
  const regexes: { entry: SensitiveEntry; re: RegExp }[] = [];
  const refused: { id: string; reason: string }[] = [];
  for (const entry of entries) {
    const problem = sensitivePatternProblem(entry.kind, entry.pattern);
    if (problem) {
      refused.push({ id: entry.id, reason: problem });
      continue;
    }
    if (entry.kind === 'regex') {
      regexes.push({ entry, re: new RegExp(entry.pattern, 'giu') });
      continue;
    }
    let node = root;
    for (const unit of matchingForm(entry.pattern).text) {
      let child = node.next.get(unit);
      if (!child) {
        child = { next: new Map(), entries: [] };
        node.next.set(unit, child);
      }
      node = child;
    }
    node.entries.push(entry);
  }
  return { size: entries.length - refused.length, root, regexes, refused };
}

/** Every match of the compiled entries in `text`, the strongest action, and the text with `mask` matches starred. */
export function matchSensitive(compiled: CompiledSensitiveWords, text: string): SensitiveCheck {
  if (compiled.size === 0 || text === '') return { matches: [], action: 'none', masked: text };
  const normal = matchingForm(text);
  const found: { entry: SensitiveEntry; from: number; to: number }[] = [];

  // Each start position walks the trie as far as the text allows: every entry ending on the way matches.
  const units = normal.text;
  for (let from = 0; from < units.length; from++) {
    let node: TrieNode | undefined = compiled.root;
    for (let to = from; to < units.length; to++) {
      node = node.next.get(units[to]!);
      if (!node) break;
      for (const entry of node.entries) found.push({ entry, from, to: to + 1 });
    }
  }
  for (const { entry, re } of compiled.regexes) {
    re.lastIndex = 0;
    for (let m = re.exec(units); m; m = re.exec(units)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      found.push({ entry, from: m.index, to: m.index + m[0].length });
    }
  }

  let action: SensitiveVerdict = 'none';
  const matches = found.map(({ entry, from, to }): SensitiveMatch => {
    if (RANK[entry.action] > RANK[action]) action = entry.action;
    const start = normal.starts[from]!;
    const end = normal.ends[to - 1]!;
    return { id: entry.id, pattern: entry.pattern, action: entry.action, text: text.slice(start, end), start, end };
  });
  matches.sort((a, b) => a.start - b.start || a.end - b.end);
  return { matches, action, masked: maskRanges(text, matches.filter((m) => m.action === 'mask')) };
}

function maskRanges(text: string, ranges: readonly { start: number; end: number }[]): string {
  if (ranges.length === 0) return text;
  const units = text.split('');
  for (const { start, end } of ranges) units.fill('*', start, end);
  return units.join('');
}

/** The distinct patterns among `matches`, in the order they first occur (for messages and alerts). */
export function matchedPatterns(matches: readonly SensitiveMatch[], actions?: readonly SensitiveAction[]): string[] {
  const chosen = actions ? matches.filter((m) => actions.includes(m.action)) : matches;
  return [...new Set(chosen.map((m) => m.pattern))];
}

/** The refusal of a reply that matched a `block` entry (null when none did): one wording for the desktop and the server. */
export function blockedReplyError(check: SensitiveCheck): AppError | null {
  if (check.action !== 'block') return null;
  const words = matchedPatterns(check.matches, ['block']);
  return new AppError('sensitive_blocked', `This reply contains words that may not be sent: ${words.join(', ')}.`, {
    words: words.join(','),
  });
}
