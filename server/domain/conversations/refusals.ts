import { AppError } from '../../../shared/errors';
import type { Queryable } from '../../db/db';
import { getAssigneeName, type LockedConversation } from './conversation-repository';

/** The refusal for acting on a conversation that now belongs to another agent. */
export async function reassignedError(db: Queryable, conversation: LockedConversation): Promise<AppError> {
  const assigneeName = conversation.assigneeId ? await getAssigneeName(db, conversation.assigneeId) : 'another agent';
  return new AppError('reassigned', `This conversation is now assigned to ${assigneeName}.`, { assigneeName });
}

/**
 * Why canAct refused `conversation`: `reassigned` when someone has it, `forbidden` when it waits
 * under offer to someone else or for a skill group the agent is not in.
 */
export async function actRefusal(db: Queryable, conversation: LockedConversation): Promise<AppError> {
  if (conversation.assigneeId !== null) return reassignedError(db, conversation);
  if (conversation.status === 'open' && conversation.offeredToId !== null) {
    return new AppError('forbidden', `This conversation is being offered to ${await getAssigneeName(db, conversation.offeredToId)}.`);
  }
  return new AppError('forbidden', 'This conversation waits for a skill group you are not in.');
}

/** The refusal for replying to a resolved conversation. */
export function resolvedError(): AppError {
  return new AppError('resolved', 'This conversation was resolved.');
}
