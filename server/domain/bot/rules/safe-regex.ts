import { keywordRegexProblem, MAX_KEYWORD_PATTERN_LENGTH } from '../../../../shared/keyword-regex';

/**
 * Whether an admin's pattern is safe to run on every customer message (see `keywordRegexProblem`,
 * which the admin screen runs too). Returns the reason in words when it is not.
 */
export function regexProblem(pattern: string): string | null {
  const problem = keywordRegexProblem(pattern);
  if (!problem) return null;
  switch (problem.code) {
    case 'too_long':
      return `the pattern is longer than ${MAX_KEYWORD_PATTERN_LENGTH} characters`;
    case 'invalid':
      return `the pattern does not compile: ${problem.detail}`;
    case 'nested_repeat':
      return 'a repeated group contains a repetition (it could run for ever)';
    case 'repeated_alternatives':
      return 'a repeated group has alternatives (it could run for ever)';
    case 'back_reference':
      return 'back-references are not allowed';
  }
}
