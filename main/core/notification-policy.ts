import type { Conversation, Message } from '../../shared/domain';
import { notificationBody, type ConversationNotification, type NotificationPreferences } from '../../shared/notifications';

/**
 * What deserves a desktop notification (pure). Only live changes are judged: what a catch-up
 * brings after a reconnect shows in the unread counts and the badge, not as a burst of
 * notifications.
 */

/** What the agent has in front of them: the open conversation, and whether the window has the focus. */
export type Attention = { conversationId: string | null; focused: boolean };

export type LiveChange = {
  /** Conversations as stored now, with the version the cache held before (null: new to this agent). */
  conversations: { current: Conversation; previous: Conversation | null }[];
  /** New messages, each with its conversation as the cache holds it (null: not known yet). */
  messages: { message: Message; conversation: Conversation | null }[];
  /**
   * The cache was still missing earlier changes when this one came (signing in, after a gap): a
   * conversation it does not hold yet may be hours old, so it is not announced as new.
   */
  behind?: boolean;
};

type Access = Pick<Conversation, 'status' | 'routingState' | 'assigneeId' | 'offeredToId'>;

function isOfferTo(c: Access, me: string): boolean {
  return c.status === 'open' && c.routingState === 'offered' && c.offeredToId === me;
}

/** Open and this agent's: assigned to them, or offered to them and waiting for their answer. */
export function isMine(c: Access, me: string): boolean {
  return c.status === 'open' && (c.assigneeId === me || isOfferTo(c, me));
}

/** Waits for this agent's attention: theirs, or waiting for any person (not the bot). */
export function wantsAgent(c: Access, me: string): boolean {
  if (c.status !== 'open' || c.routingState === 'bot') return false;
  return isMine(c, me) || c.assigneeId === null;
}

/**
 * A conversation is new to the agent when it starts waiting for them (it arrived, the bot handed
 * it over, it was offered or handed to them). Accepting an offer is their own doing: no notice.
 */
function arrived(current: Conversation, previous: Conversation | null, me: string): boolean {
  if (!wantsAgent(current, me)) return false;
  if (!previous || !wantsAgent(previous, me)) return true;
  return isOfferTo(current, me) && !isOfferTo(previous, me);
}

/** The notifications a live change deserves, at most one per conversation. */
export function decideNotifications(
  change: LiveChange,
  me: string,
  preferences: NotificationPreferences,
  attention: Attention,
): ConversationNotification[] {
  const silent = !preferences.sound;
  const inFront = (id: string) => attention.focused && attention.conversationId === id;
  const decided = new Map<string, ConversationNotification>();

  if (preferences.newConversations) {
    for (const { current, previous } of change.conversations) {
      if (decided.has(current.id) || inFront(current.id) || (change.behind && !previous) || !arrived(current, previous, me)) continue;
      decided.set(current.id, {
        kind: 'conversation',
        conversationId: current.id,
        title: current.contactName,
        body: notificationBody(current.summary ?? current.lastMessagePreview),
        silent,
      });
    }
  }
  if (preferences.newMessages) {
    for (const { message, conversation } of change.messages) {
      if (message.senderType !== 'contact' || message.internal) continue;
      // A message of a conversation not cached yet arrives just before the conversation itself.
      if (!conversation || !isMine(conversation, me)) continue;
      if (decided.has(conversation.id) || inFront(conversation.id)) continue;
      decided.set(conversation.id, {
        kind: 'message',
        conversationId: conversation.id,
        title: conversation.contactName,
        body: notificationBody(message.body),
        silent,
      });
    }
  }
  return [...decided.values()];
}
