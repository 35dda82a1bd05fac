import { AppError } from '../../../shared/errors';
import type { Queryable } from '../../db/db';
import { getAssigneeName, type LockedConversation } from './conversation-repository';

/** The refusal for acting on a conversation that now belongs to another agent. */
export async function reassignedError(db: Queryable, conversation: LockedConversation): Promise<AppError> {
  // canWrite only refuses conversations that have an assignee.
  const assigneeName = conversation.assigneeId ? await getAssigneeName(db, conversation.assigneeId) : 'another agent';
  return new AppError('reassigned', `This conversation is now assigned to ${assigneeName}.`, { assigneeName });
}

/** The refusal for replying to a resolved conversation. */
export function resolvedError(): AppError {
  return new AppError('resolved', 'This conversation was resolved.');
}
