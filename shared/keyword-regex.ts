/**
 * Whether an admin's regular expression for a keyword auto-reply is safe to run on every customer
 * message: it compiles, it is short, and it has no quantified group that itself repeats (`(a+)+`,
 * `(a|aa)*`), the shape behind catastrophic backtracking, and no back-reference. The server refuses
 * such a pattern; the admin screen says why before sending it. Pure: no I/O.
 */

/** The longest pattern a keyword reply may have. */
export const MAX_KEYWORD_PATTERN_LENGTH = 200;

export type KeywordRegexProblem =
  | { code: 'too_long'; max: number }
  | { code: 'invalid'; detail: string }
  | { code: 'nested_repeat' }
  | { code: 'repeated_alternatives' }
  | { code: 'back_reference' };

/** What is wrong with a keyword reply's regular expression, or null when it may be used. */
export function keywordRegexProblem(pattern: string): KeywordRegexProblem | null {
  if (pattern.length > MAX_KEYWORD_PATTERN_LENGTH) return { code: 'too_long', max: MAX_KEYWORD_PATTERN_LENGTH };
  try {
    new RegExp(pattern, 'iu');
  } catch (err) {
    return { code: 'invalid', detail: err instanceof Error ? err.message : String(err) };
  }
  if (/\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{]/.test(pattern)) return { code: 'nested_repeat' };
  if (/\((?:[^()\\]|\\.)*\|(?:[^()\\]|\\.)*\)\s*[+*{]/.test(pattern)) return { code: 'repeated_alternatives' };
  if (/\\\d/.test(pattern)) return { code: 'back_reference' };
  return null;
}
