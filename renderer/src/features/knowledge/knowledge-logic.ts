import type { ThreadMessage } from '../../../../shared/contract';
import type { KbSearchHit } from '../../../../shared/knowledge';

/** How long typing must pause before the knowledge base is searched. */
export const SEARCH_DEBOUNCE_MS = 200;
/** Suggestions shown for the customer's last message, at most. */
export const MAX_SUGGESTIONS = 3;
/**
 * Below this score a suggestion is more likely noise than help (on the demo knowledge base's
 * customer questions, about half of the best hits scoring under it are the wrong article).
 */
export const MIN_SUGGESTION_SCORE = 0.25;

/** The customer's last message in a thread (what suggestions are found for), or null. */
export function lastCustomerMessage(messages: readonly ThreadMessage[]): string | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]!;
    if (message.senderType === 'contact' && message.body.trim() !== '') return message.body.trim();
  }
  return null;
}

/** The suggestions worth showing: the best few, none that barely match. */
export function worthSuggesting(hits: readonly KbSearchHit[]): KbSearchHit[] {
  return hits.filter((h) => h.score >= MIN_SUGGESTION_SCORE).slice(0, MAX_SUGGESTIONS);
}

/** The composer's text after inserting an article: on its own when empty, else after a blank line. */
export function withInsertedText(draft: string, text: string): string {
  const insert = text.trim();
  if (insert === '') return draft;
  if (draft.trim() === '') return insert;
  return `${draft.replace(/\s+$/, '')}\n\n${insert}`;
}
