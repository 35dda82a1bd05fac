import type { ConversationTag } from '../../../shared/conversation-tags';
import { AppError } from '../../../shared/errors';

/** What to change on one conversation's links. */
export type TagChange = { add: string[]; remove: string[] };

/**
 * Decides how a conversation's tags become `requested`: every id must be one of the account's
 * tags (`known`), a tag not on it yet must not be archived (`tag_archived`; one already on it
 * stays), and at most one outcome. Pure: the caller reads and writes.
 */
export function planTagChange(known: readonly ConversationTag[], current: readonly string[], requested: readonly string[]): TagChange {
  const wanted = [...new Set(requested)];
  const byId = new Map(known.map((t) => [t.id, t]));
  for (const id of wanted) {
    const tag = byId.get(id);
    if (!tag) throw new AppError('bad_request', 'There is no such conversation tag.', { tagId: id });
    if (tag.archived && !current.includes(id)) throw new AppError('tag_archived', `The tag "${tag.name}" is archived.`, { name: tag.name });
  }
  if (wanted.filter((id) => byId.get(id)?.kind === 'outcome').length > 1) {
    throw new AppError('bad_request', 'A conversation has one outcome at most.');
  }
  return { add: wanted.filter((id) => !current.includes(id)), remove: current.filter((id) => !wanted.includes(id)) };
}

/** Refuses resolving without an outcome tag when the account requires one. */
export function requireOutcome(required: boolean, known: readonly ConversationTag[], tagIds: readonly string[]): void {
  if (!required) return;
  if (!known.some((t) => t.kind === 'outcome' && tagIds.includes(t.id))) {
    throw new AppError('outcome_required', 'Choose an outcome before resolving this conversation.');
  }
}
