import type { Server } from 'socket.io';
import { AGENT_NAMESPACE, VISITOR_NAMESPACE } from '../../shared/protocol';
import { changeAudience } from '../domain/conversations/audience';
import { toConversation } from '../domain/conversations/conversation-repository';
import type { MessageChange } from '../domain/conversations/message-change';
import { toMessage } from '../domain/conversations/message-repository';
import { toVisitorMessage } from '../channels/widget/visitor-message';
import { visitorRoom } from './rooms';

export type PublishOptions = {
  /** A visitor socket id that already has the message through its ack. */
  exceptVisitorSocket?: string;
};

/** Pushes a stored change to exactly the agents and the visitor allowed to see it. */
export function publishChange(io: Server, change: MessageChange, options: PublishOptions = {}): void {
  if (!change.created) return;
  const { conversation, message } = change;
  const audience = changeAudience(conversation.accountId, conversation.assigneeId, change.previousAssigneeId);
  const agents = io.of(AGENT_NAMESPACE);
  agents.to(audience.conversation).emit('conversation:upsert', toConversation(conversation));
  agents.to(audience.message).emit('message:new', toMessage(message));

  if (conversation.channelKind === 'widget') {
    const visitorMessage = toVisitorMessage(message);
    if (visitorMessage) {
      const room = io.of(VISITOR_NAMESPACE).to(visitorRoom(conversation.channelId, conversation.contactId));
      (options.exceptVisitorSocket ? room.except(options.exceptVisitorSocket) : room).emit('message:new', visitorMessage);
    }
  }
}
