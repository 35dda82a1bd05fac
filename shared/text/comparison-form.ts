import { foldText } from './fold-text';

/**
 * The form two short texts are compared in (a customer's message against a rule, a choice, a
 * greeting): folded (width, case, traditional→simplified), spacing collapsed to single spaces and
 * trimmed. Punctuation is kept: callers strip what they consider noise.
 */
export function comparisonForm(text: string): string {
  return foldText(text).replace(/\s+/g, ' ').trim();
}
