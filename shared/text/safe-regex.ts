/**
 * The one rule for regular expressions users type (keyword auto-replies, sensitive words): both
 * run synchronously on the server for every customer message, so a pattern is refused when saved
 * unless it is cheap on any text. A pattern must be at most MAX_USER_REGEX_LENGTH characters,
 * compile with the flags `iu`, use no back-reference (`\1`, `\k<name>`), repeat no group that
 * itself repeats or alternates (`(a+)+`, `(a|ab)*`: exponential backtracking), keep the product of
 * its repetitions' ranges within BACKTRACK_BUDGET (`.*` alone is fine; `.*.*`,
 * `a{1,50}a{1,50}a{1,50}` or twenty `a?` are not), and not match empty text (it would fire on
 * every message). Write alternatives of single characters as a class (`[微威]+`, not `(微|威)+`).
 * Pure: no I/O; the admin screens run it too, to say why before sending.
 */
import { AppError } from '../errors';

/** Longest regular expression accepted, in characters. */
export const MAX_USER_REGEX_LENGTH = 200;

/** Longest text matched: a message (MAX_MESSAGE_LENGTH); an unbounded repetition may take all of it. */
const LONGEST_TEXT = 4096;

/**
 * How many ways a regular expression may split the text at one position, at most: the product of
 * its repetitions' ranges and its groups' alternatives. One unbounded repetition (LONGEST_TEXT)
 * with a little more fits; two do not. On a message of LONGEST_TEXT built to be slow, the worst
 * pattern allowed takes some hundreds of milliseconds.
 */
const BACKTRACK_BUDGET = 4 * LONGEST_TEXT;

/** Why a pattern is refused, as a stable code the screens turn into their own words. */
export type UnsafeRegexReason =
  | 'too_long'
  | 'invalid'
  | 'back_reference'
  | 'nested_repeat'
  | 'repeated_alternatives'
  | 'too_costly'
  | 'matches_empty';

/** A refusal: its reason, the message in English (for the API), and for `invalid` what the engine said. */
export type UnsafeRegex = { reason: UnsafeRegexReason; message: string; detail?: string };

const MESSAGES: Record<Exclude<UnsafeRegexReason, 'invalid'>, string> = {
  too_long: `a regular expression may be at most ${MAX_USER_REGEX_LENGTH} characters`,
  back_reference: 'back-references such as \\1 are not allowed',
  nested_repeat: 'a repeated group may not itself repeat, e.g. (a+)+: it could run for ever',
  repeated_alternatives: 'a repeated group may not have alternatives, e.g. (a|ab)*: it could run for ever',
  too_costly: 'the regular expression could take too long on a long message: use fewer repetitions (*, +, ?, {n,m})',
  matches_empty: 'the regular expression matches empty text, so it would match every message',
};

const unsafe = (reason: Exclude<UnsafeRegexReason, 'invalid'>): UnsafeRegex => ({ reason, message: MESSAGES[reason] });

/** Why a user's regular expression may not be used, or null when it may (see the module comment). */
export function unsafeRegexProblem(pattern: string): UnsafeRegex | null {
  if (pattern.length > MAX_USER_REGEX_LENGTH) return unsafe('too_long');
  let re: RegExp;
  try {
    re = new RegExp(pattern, 'iu');
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return { reason: 'invalid', message: `not a valid regular expression: ${detail}`, detail };
  }
  const shape = repetitionProblem(pattern);
  if (shape) return unsafe(shape);
  if (re.test('')) return unsafe('matches_empty');
  return null;
}

/** The refusal of an unsafe pattern at a boundary: one code and wording for every screen and path. */
export function unsafeRegexError(problem: UnsafeRegex): AppError {
  return new AppError('bad_request', `pattern: ${problem.message}`, { reason: problem.reason });
}

type Group = { repeats: boolean; branches: number };

/** The cost checks, on a pattern that already compiled with `u`. */
function repetitionProblem(source: string): Exclude<UnsafeRegexReason, 'invalid'> | null {
  const stack: Group[] = [{ repeats: false, branches: 1 }];
  let cost = 1;
  /** The group that just closed, if the next token may quantify it. */
  let closed: Group | null = null;
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    const quantifier = readQuantifier(source, i);
    if (quantifier) {
      if (closed && closed.repeats && quantifier.max > 1) return 'nested_repeat';
      if (closed && closed.branches > 1 && quantifier.max > 1) return 'repeated_alternatives';
      cost *= quantifier.span;
      if (cost > BACKTRACK_BUDGET) return 'too_costly';
      stack[stack.length - 1]!.repeats = true;
      closed = null;
      i = quantifier.end;
      continue;
    }
    closed = null;
    if (c === '\\') {
      if (/^\\(?:[1-9]|k<)/.test(source.slice(i, i + 3))) return 'back_reference';
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
      if (cost > BACKTRACK_BUDGET) return 'too_costly';
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

