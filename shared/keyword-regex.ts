/**
 * Keyword auto-reply patterns. A `regex` pattern is checked by the one rule for user regexes
 * (shared/text/safe-regex.ts), the same that sensitive words follow; this file holds what is
 * particular to keyword replies.
 */

/** The longest pattern a keyword reply may have (a regular expression is held to MAX_USER_REGEX_LENGTH). */
export const MAX_KEYWORD_PATTERN_LENGTH = 200;
