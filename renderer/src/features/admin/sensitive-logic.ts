import type { MethodArgs } from '../../../../shared/contract';
import { sensitiveWordSchema, type SensitiveAction, type SensitiveWord } from '../../../../shared/domain';
import { MAX_SENSITIVE_REGEX_LENGTH, sensitivePatternProblem } from '../../../../shared/sensitive-words';
import { matchingForm } from '../../../../shared/text/matching-form';
import type { MessageKey } from '../../i18n/en';

export type SensitiveKind = SensitiveWord['kind'];
export const sensitiveKinds: readonly SensitiveKind[] = sensitiveWordSchema.shape.kind.options;
export const sensitiveActions: readonly SensitiveAction[] = sensitiveWordSchema.shape.action.options;

/** The longest pattern the server keeps. */
export const MAX_PATTERN_LENGTH = 200;

/** What the admin typed into the form. */
export interface SensitiveDraft {
  /** Set when an existing entry is being changed. */
  id: string | null;
  pattern: string;
  kind: SensitiveKind;
  action: SensitiveAction;
}

export const emptySensitiveDraft: SensitiveDraft = { id: null, pattern: '', kind: 'word', action: 'alert' };

export function draftOf(word: SensitiveWord): SensitiveDraft {
  return { id: word.id, pattern: word.pattern, kind: word.kind, action: word.action };
}

/** Why the form cannot be sent yet: a message key and its values, plus the engine's words for a broken regex. */
export type SensitiveProblem =
  | {
      key: Extract<
        MessageKey,
        'sensitive.patternRequired' | 'sensitive.noLetters' | 'sensitive.matchesEverything' | 'sensitive.tooCostly' | 'sensitive.duplicate'
      >;
    }
  | { key: 'sensitive.patternTooLong'; count: number; max: number }
  | { key: 'sensitive.invalidRegex'; detail: string };

/** The form a word is matched in (width, case and spaces evened out), to spot the same word twice. */
function wordKey(pattern: string): string {
  return matchingForm(pattern).text;
}

/**
 * Checks an entry before it is sent, by the rules the server applies (shared/sensitive-words): a
 * pattern is required, at most 200 characters (a regex at most MAX_SENSITIVE_REGEX_LENGTH); a word must keep letters or
 * digits after normalising; a regex must compile with the `iu` flags, must not match an empty text
 * (it would flag every message) and must stay cheap on a long message. The same word (after
 * normalising) or the same regex may not be listed twice. Null when it can be saved.
 */
export function validateSensitive(draft: SensitiveDraft, existing: readonly SensitiveWord[]): SensitiveProblem | null {
  const pattern = draft.pattern.trim();
  if (pattern === '') return { key: 'sensitive.patternRequired' };
  const max = draft.kind === 'regex' ? Math.min(MAX_SENSITIVE_REGEX_LENGTH, MAX_PATTERN_LENGTH) : MAX_PATTERN_LENGTH;
  if (pattern.length > max) return { key: 'sensitive.patternTooLong', count: pattern.length, max };
  if (draft.kind === 'word') {
    if (wordKey(pattern) === '') return { key: 'sensitive.noLetters' };
  } else {
    let compiled: RegExp;
    try {
      compiled = new RegExp(pattern, 'iu');
    } catch (err) {
      return { key: 'sensitive.invalidRegex', detail: err instanceof Error ? err.message : String(err) };
    }
    if (compiled.test('')) return { key: 'sensitive.matchesEverything' };
    // What is left of the shared checks is the cost of matching (exponential backtracking).
    if (sensitivePatternProblem('regex', pattern) !== null) return { key: 'sensitive.tooCostly' };
  }
  const key = draft.kind === 'word' ? wordKey(pattern) : pattern;
  const same = (w: SensitiveWord) =>
    w.id !== draft.id && w.kind === draft.kind && (w.kind === 'word' ? wordKey(w.pattern) : w.pattern) === key;
  if (existing.some(same)) return { key: 'sensitive.duplicate' };
  return null;
}

/** The arguments for `sensitive.save`: a new entry has no id. */
export function saveArgs(draft: SensitiveDraft): MethodArgs<'sensitive.save'> {
  const args = { pattern: draft.pattern.trim(), kind: draft.kind, action: draft.action };
  return draft.id ? { id: draft.id, ...args } : args;
}

const actionOrder: Readonly<Record<SensitiveAction, number>> = { block: 0, mask: 1, alert: 2 };

/** The list's order: blocking entries first, then masking, then alerting; by pattern within each. */
export function sortSensitiveWords(words: readonly SensitiveWord[], locale?: string): SensitiveWord[] {
  return [...words].sort(
    (a, b) => actionOrder[a.action] - actionOrder[b.action] || a.pattern.localeCompare(b.pattern, locale) || (a.id < b.id ? -1 : 1),
  );
}
