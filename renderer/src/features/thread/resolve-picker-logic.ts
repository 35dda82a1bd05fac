import { offeredTags, type ConversationTag, type ConversationTagKind, type ConversationTagSettings } from '../../../../shared/conversation-tags';

/** The picker's choice: one reason and one outcome, '' for none. */
export type TagChoice = { reasonId: string; outcomeId: string };

const firstOfKind = (tags: readonly ConversationTag[], tagIds: readonly string[], kind: ConversationTagKind) =>
  tagIds.find((id) => tags.find((t) => t.id === id)?.kind === kind) ?? '';

/** What the picker starts with: the reason and outcome already on the conversation. */
export function initialChoice(tags: readonly ConversationTag[], tagIds: readonly string[]): TagChoice {
  return { reasonId: firstOfKind(tags, tagIds, 'reason'), outcomeId: firstOfKind(tags, tagIds, 'outcome') };
}

/** The tags the picker offers for `kind`: the active ones, plus the one chosen now even when archived (it may stay). */
export function pickerOptions(tags: readonly ConversationTag[], kind: ConversationTagKind, chosenId: string): ConversationTag[] {
  const offered = offeredTags(tags, kind);
  const chosen = tags.find((t) => t.id === chosenId && t.archived);
  return chosen ? [...offered, chosen] : offered;
}

/** The conversation's tags after the choice: its other tags stay, the reason and outcome are the chosen ones. */
export function chosenTagIds(tags: readonly ConversationTag[], current: readonly string[], choice: TagChoice): string[] {
  const kindOf = (id: string) => tags.find((t) => t.id === id)?.kind;
  const kept = current.filter((id) => kindOf(id) !== 'reason' && kindOf(id) !== 'outcome');
  return [...kept, ...(choice.reasonId ? [choice.reasonId] : []), ...(choice.outcomeId ? [choice.outcomeId] : [])];
}

/** What stops resolving with this choice: an outcome the account requires. */
export function choiceProblem(settings: ConversationTagSettings, choice: TagChoice): 'outcome' | null {
  return settings.requireOutcome && choice.outcomeId === '' ? 'outcome' : null;
}

/** Whether resolving asks first: when there are tags to choose or an outcome is required. */
export function resolveAsks(tags: readonly ConversationTag[], settings: ConversationTagSettings): boolean {
  return settings.requireOutcome || tags.some((t) => !t.archived && (t.kind === 'reason' || t.kind === 'outcome'));
}

/** The tags of a conversation as the header shows them, in the order they were put on; unknown ids are left out until the list arrives. */
export function headerTags(tags: readonly ConversationTag[], tagIds: readonly string[] | undefined): ConversationTag[] {
  return (tagIds ?? []).flatMap((id) => tags.filter((t) => t.id === id));
}
