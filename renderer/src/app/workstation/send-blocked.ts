import type { InboxConversation } from '../../../../shared/contract';
import { AppError, type AppErrorShape } from '../../../../shared/errors';

/** Why the agent cannot send to this conversation now, or null when they can (or it is not in the inbox). */
export function sendBlockedReason(conversation: InboxConversation | undefined): AppErrorShape | null {
  if (!conversation) return null;
  if (conversation.access === 'lost') {
    const name = conversation.assigneeName;
    return new AppError(
      'reassigned',
      'this conversation is no longer yours',
      name ? { assigneeName: name } : undefined,
    ).toJSON();
  }
  if (conversation.status === 'resolved') return new AppError('resolved', 'this conversation was resolved').toJSON();
  return null;
}
