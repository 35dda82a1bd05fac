import type { ConversationChange } from '../conversations/message-change';

/**
 * Whether a customer's message (and the bot's answer to it, if any) gives routing anything to do:
 * a conversation it opened, or one the bot just handed to a person. A message in a conversation
 * that is already waiting, offered or assigned changes nobody's place or load, so it starts no run.
 * Either way the conversation was not waiting before: the run's kick is an arrival (Router.kick).
 */
export function startsRouting(change: ConversationChange, answered?: ConversationChange | null): boolean {
  if (change.created && change.previousAssigneeId === undefined) return true;
  return !!answered && answered.conversation.routingState !== change.conversation.routingState;
}
