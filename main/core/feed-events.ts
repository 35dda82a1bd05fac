import type { Conversation } from '../../shared/domain';
import type { FeedEvent } from '../../shared/notification-feed';
import { notificationBody } from '../../shared/notifications';
import type { LiveChange } from './notification-policy';

const offeredTo = (c: Pick<Conversation, 'status' | 'routingState' | 'offeredToId'>, me: string) =>
  c.status === 'open' && c.routingState === 'offered' && c.offeredToId === me;

/**
 * What a live change adds to this user's notification centre (pure): a conversation offered to
 * them, and a colleague's internal note (a whisper) on a conversation of theirs. Mentions,
 * takeovers and SLA notices come as their own pushes. A catch-up that was behind does not
 * announce conversations it had not cached: those offers may be long gone.
 */
export function feedEventsOf(change: LiveChange, me: string): FeedEvent[] {
  const events: FeedEvent[] = [];
  for (const { current, previous } of change.conversations) {
    if (!offeredTo(current, me) || (previous && offeredTo(previous, me)) || (change.behind && !previous)) continue;
    events.push({
      kind: 'offer',
      conversationId: current.id,
      contactName: current.contactName,
      excerpt: notificationBody(current.summary ?? current.lastMessagePreview),
    });
  }
  for (const { message, conversation } of change.messages) {
    if (!message.internal || message.senderType !== 'agent' || message.system || message.senderId === me) continue;
    if (!conversation || conversation.status !== 'open' || conversation.assigneeId !== me) continue;
    events.push({
      kind: 'whisper',
      conversationId: conversation.id,
      messageId: message.id,
      byName: message.senderName ?? '',
      contactName: conversation.contactName,
      excerpt: notificationBody(message.body),
    });
  }
  return events;
}
