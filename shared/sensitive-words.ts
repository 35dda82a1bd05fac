import { AppError } from './errors';
import type { SensitiveAction, SensitiveWord } from './domain';

/**
 * Sensitive word (敏感词) matching, shared by the server (every reply and customer message) and
 * the client core (the composer checks a reply before it leaves, offline too). Pure: no I/O.
 *
 * Both the entries and the text are normalised the same way before matching:
 * - NFKC per character cluster: full-width letters, digits and punctuation become half-width
 *   (ｗｅｃｈａｔ → wechat, ＷＸ → WX), compatibility forms are unfolded;
 * - lower case;
 * - invisible characters (zero-width spaces and joiners, BOM, soft hyphen, variation selectors,
 *   control characters) are dropped everywhere;
 * - a run of spaces, punctuation or symbols is dropped unless it separates two letters or digits
 *   of scripts written with spaces (Latin, Cyrillic, …), where it becomes one space. So "微 信",
 *   "微\u3000信" (ideographic space), "微.信" and "微★信" all read "微信", while "we chat" stays
 *   two words and does not match "wechat".
 * Matches are mapped back to offsets in the original text, covering the separators inside them.
 *
 * `word` entries match as substrings of the normalised text. `regex` entries are JavaScript
 * regular expressions (flags `iu`) run on the normalised text. Since a regular expression runs
 * synchronously on the server for every message, a pattern is refused at save time unless it is
 * cheap on any text (see `sensitivePatternProblem`).
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

/** Longest regular expression accepted, in characters. */
export const MAX_SENSITIVE_REGEX_LENGTH = 100;

/** Longest text matched: a message (MAX_MESSAGE_LENGTH); an unbounded repetition may take all of it. */
const LONGEST_TEXT = 4096;

/**
 * How many ways a regular expression may split the text at one position, at most: the product of
 * its repetitions' ranges and its groups' alternatives. One unbounded repetition (LONGEST_TEXT)
 * with a little more fits; two do not. On a message of LONGEST_TEXT built to be slow, the worst
 * pattern allowed takes some hundreds of milliseconds.
 */
const BACKTRACK_BUDGET = 4 * LONGEST_TEXT;

const RANK: Record<SensitiveVerdict, number> = { none: 0, alert: 1, mask: 2, block: 3 };

type TrieNode = { next: Map<string, TrieNode>; entries: SensitiveEntry[] };

export type CompiledSensitiveWords = {
  readonly size: number;
  readonly root: TrieNode;
  readonly regexes: readonly { entry: SensitiveEntry; re: RegExp }[];
  /** Entries that could not be used (a pattern that no longer passes the checks), with why. */
  readonly refused: readonly { id: string; reason: string }[];
};

// ---- normalisation -----------------------------------------------------------------------------

/** Text in the form entries are matched against, with where each UTF-16 unit came from. */
export type NormalizedText = {
  text: string;
  /** For each unit of `text`: the start of the original characters it came from. */
  starts: number[];
  /** For each unit of `text`: the end (exclusive) of the original characters it came from. */
  ends: number[];
};

const INVISIBLE = /^[\p{Cf}\p{Cc}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}]$/u;
const SEPARATOR = /^[\s\p{Z}\p{P}\p{S}]$/u;
/** Scripts written without spaces between words: separators between their characters are noise. */
const UNSPACED = /^[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Bopomofo}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]$/u;
/** A base character with the combining marks that follow it (so NFKC can compose "e\u0301" into "é"). */
const CLUSTER = /\P{M}\p{M}*|\p{M}+/gsu;

/** Brings text into the form entries are matched against (see the module comment). */
export function normalizeSensitiveText(original: string): NormalizedText {
  const out: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let gap: { start: number; end: number } | null = null;
  let lastSpaced = false;
  for (const cluster of original.matchAll(CLUSTER)) {
    const start = cluster.index;
    const end = start + cluster[0].length;
    for (const char of cluster[0].normalize('NFKC').toLowerCase()) {
      if (INVISIBLE.test(char)) continue;
      if (SEPARATOR.test(char)) {
        gap = gap ? { start: gap.start, end } : { start, end };
        continue;
      }
      const spaced = !UNSPACED.test(char);
      if (gap && out.length > 0 && spaced && lastSpaced) {
        out.push(' ');
        starts.push(gap.start);
        ends.push(gap.end);
      }
      gap = null;
      lastSpaced = spaced;
      out.push(char);
      // An astral character is two units; both map to the same original characters.
      for (let i = 0; i < char.length; i++) {
        starts.push(start);
        ends.push(end);
      }
    }
  }
  return { text: out.join(''), starts, ends };
}

// ---- checking a pattern ------------------------------------------------------------------------

/**
 * Why a pattern cannot be used, or null when it can. A word must keep something to match after
 * normalisation. A regular expression must compile (flags `iu`), be at most
 * MAX_SENSITIVE_REGEX_LENGTH characters, not match empty text, and stay cheap on any text
 * (messages are at most 4096 characters): no group repeated more than once that itself repeats or
 * alternates (`(a+)+`, `(a|ab)*`: exponential backtracking), and repetitions whose ranges multiply
 * to at most BACKTRACK_BUDGET (`.*` alone is fine; `.*.*`, `a{1,50}a{1,50}a{1,50}` or twenty
 * `a?` are not). Write alternatives of single characters as a class (`[微威]+`, not `(微|威)+`).
 */
export function sensitivePatternProblem(kind: SensitiveEntry['kind'], pattern: string): string | null {
  if (kind === 'word') {
    return normalizeSensitiveText(pattern).text === '' ? 'the word has no letters or digits to match' : null;
  }
  if (pattern.length > MAX_SENSITIVE_REGEX_LENGTH) {
    return `a regular expression may be at most ${MAX_SENSITIVE_REGEX_LENGTH} characters`;
  }
  let re: RegExp;
  try {
    re = new RegExp(pattern, 'iu');
  } catch (err) {
    return `not a valid regular expression: ${err instanceof Error ? err.message : String(err)}`;
  }
  if (re.test('')) return 'the regular expression matches empty text';
  return repetitionProblem(pattern);
}

type Group = { repeats: boolean; branches: number };

const TOO_COSTLY = 'the regular expression could take too long on a long message: use fewer repetitions (*, +, ?, {n,m})';

/** The cost checks of `sensitivePatternProblem`, on a pattern that already compiled with `u`. */
function repetitionProblem(source: string): string | null {
  const stack: Group[] = [{ repeats: false, branches: 1 }];
  let cost = 1;
  /** The group that just closed, if the next token may quantify it. */
  let closed: Group | null = null;
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    const quantifier = readQuantifier(source, i);
    if (quantifier) {
      if (closed && (closed.repeats || closed.branches > 1) && quantifier.max > 1) {
        return 'a repeated group may not itself repeat or alternate, e.g. (a+)+ or (a|ab)*';
      }
      cost *= quantifier.span;
      if (cost > BACKTRACK_BUDGET) return TOO_COSTLY;
      stack[stack.length - 1]!.repeats = true;
      closed = null;
      i = quantifier.end;
      continue;
    }
    closed = null;
    if (c === '\\') {
      i = skipEscape(source, i);
    } else if (c === '[') {
      i = skipClass(source, i);
    } else if (c === '(') {
      stack.push({ repeats: false, branches: 1 });
      i = skipGroupPrefix(source, i + 1);
    } else if (c === ')') {
      const group = stack.length > 1 ? stack.pop()! : { repeats: false, branches: 1 };
      const parent = stack[stack.length - 1]!;
      if (group.repeats) parent.repeats = true;
      // Each alternative may be tried against what follows.
      cost *= group.branches;
      if (cost > BACKTRACK_BUDGET) return TOO_COSTLY;
      closed = group;
      i++;
    } else {
      if (c === '|') stack[stack.length - 1]!.branches++;
      i++;
    }
  }
  return null;
}

/**
 * A quantifier at `i` (with its lazy `?`), or null. In `u` mode a `{` outside a class always
 * starts one. `span` is how many different lengths it may take.
 */
function readQuantifier(source: string, i: number): { max: number; span: number; end: number } | null {
  const c = source[i];
  let min = 0;
  let max: number;
  let end: number;
  if (c === '*' || c === '+') {
    min = c === '+' ? 1 : 0;
    max = Infinity;
    end = i + 1;
  } else if (c === '?') {
    max = 1;
    end = i + 1;
  } else if (c === '{') {
    const range = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
    if (!range) return null;
    min = Number(range[1]);
    max = range[2] === undefined ? min : range[3] === '' ? Infinity : Number(range[3]);
    end = i + range[0].length;
  } else {
    return null;
  }
  if (source[end] === '?') end++;
  return { max, span: Math.min(max, LONGEST_TEXT) - min + 1, end };
}

/** Past the `?:`, `?=`, `?!`, `?<=`, `?<!` or `?<name>` that may open a group at `i`. */
function skipGroupPrefix(source: string, i: number): number {
  if (source[i] !== '?') return i;
  if (source[i + 1] === '<' && source[i + 2] !== '=' && source[i + 2] !== '!') return source.indexOf('>', i) + 1;
  return source[i + 1] === '<' ? i + 3 : i + 2;
}

function skipEscape(source: string, i: number): number {
  const kind = source[i + 1];
  // \p{…}, \P{…}, \u{…} and \k<…> carry their own brackets.
  if ((kind === 'p' || kind === 'P' || kind === 'u') && source[i + 2] === '{') return source.indexOf('}', i) + 1;
  if (kind === 'k' && source[i + 2] === '<') return source.indexOf('>', i) + 1;
  return i + 2;
}

function skipClass(source: string, i: number): number {
  let j = i + 1;
  while (j < source.length && source[j] !== ']') j = source[j] === '\\' ? skipEscape(source, j) : j + 1;
  return j + 1;
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
    for (const unit of normalizeSensitiveText(entry.pattern).text) {
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
  const normal = normalizeSensitiveText(text);
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
