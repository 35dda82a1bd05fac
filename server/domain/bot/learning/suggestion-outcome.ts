import type { BotPick, BotSuggestion } from '../../../../shared/knowledge';
import { parseChoice } from '../dialogue/choice';
import type { BotState } from '../dialogue/state';
import type { TurnOutcome } from '../dialogue/turn';

/** The articles a turn offers as "which one did you mean?", with their titles; empty for any other turn. */
export function suggestionsOf(outcome: Pick<TurnOutcome, 'action' | 'state' | 'choices' | 'candidates'>): BotSuggestion[] {
  const pending = outcome.state.pending;
  if (outcome.action !== 'clarify' || !pending) return [];
  return pending.articleIds.map((articleId, i) => ({
    articleId,
    title: outcome.candidates.find((c) => c.articleId === articleId)?.title ?? outcome.choices[i]?.title ?? '',
  }));
}

/**
 * What the customer did with the suggestions the previous turn offered, read from the turn that
 * answers their next message: the article picked, 'person', 'none', or 'ignored'. Null when the
 * previous turn offered nothing.
 */
export function pickOf(previous: BotState, outcome: Pick<TurnOutcome, 'action' | 'via' | 'articleId'>, message: string, offered: readonly BotSuggestion[]): BotPick | null {
  if (!previous.pending) return null;
  if (outcome.via === 'choice' && outcome.articleId) return outcome.articleId;
  if (outcome.action === 'handoff') return 'person';
  if (parseChoice(message, offered.map((s) => s.title)) === 'none') return 'none';
  return 'ignored';
}
