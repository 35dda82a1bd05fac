import type { Namespace, Server } from 'socket.io';
import { AGENT_NAMESPACE, VISITOR_NAMESPACE, type AgentPushName, type RemovedConversation } from '../../shared/protocol';
import { changeAudience, conversationSeqDelivery, messageSeqDelivery, type RoomTarget } from './audience';
import { toConversation } from '../domain/conversations/conversation-repository';
import type { ConversationChange } from '../domain/conversations/message-change';
import { toMessage } from '../domain/conversations/message-repository';
import { visitorMessageOf } from '../channels/widget/visitor-message';
import { staffRoom, visitorRoom } from './rooms';

export type PublishOptions = {
  /** A visitor socket id that already has the message through its ack. */
  exceptVisitorSocket?: string;
};

/**
 * Pushes a stored change. Every agent socket of the account hears of each sequence number the
 * change took exactly once: as content if it may see the conversation now, as
 * `conversation:removed` if it just lost it, otherwise as `sync:tick`. Numbers go out in order
 * (the message before the conversation update it caused). The visitor gets the message.
 * Supervisors and admins hear of a message that matched sensitive words.
 */
export function publishChange(io: Server, change: ConversationChange, options: PublishOptions = {}): void {
  if (!change.created) return;
  const { conversation, message } = change;
  const audience = changeAudience(conversation.accountId, conversation.assigneeId, change.previousAssigneeId);
  const agents = io.of(AGENT_NAMESPACE);

  const messages = [...(message ? [message] : []), ...(change.moreMessages ?? [])].sort((a, b) => a.seq - b.seq);
  for (const m of messages) {
    const delivery = messageSeqDelivery(audience);
    emitTo(agents, delivery.content, 'message:new', toMessage(m));
    emitTo(agents, delivery.tick, 'sync:tick', { seq: m.seq });
  }
  const delivery = conversationSeqDelivery(audience);
  emitTo(agents, delivery.content, 'conversation:upsert', toConversation(conversation));
  if (delivery.removed) {
    // Only the agent who had it hears who has it now (their reply would be refused naming them);
    // colleagues who saw it waiting learn only that it is gone.
    const removal: RemovedConversation = change.previousAssigneeId
      ? { conversationId: conversation.id, seq: conversation.seq, assigneeId: conversation.assigneeId, assigneeName: conversation.assigneeName, status: conversation.status }
      : { conversationId: conversation.id, seq: conversation.seq };
    emitTo(agents, delivery.removed, 'conversation:removed', removal);
  }
  emitTo(agents, delivery.tick, 'sync:tick', { seq: conversation.seq });
  if (change.alert) agents.to(staffRoom(conversation.accountId)).emit('sensitive:alert', change.alert);

  if (conversation.channelKind === 'widget') {
    const room = io.of(VISITOR_NAMESPACE).to(visitorRoom(conversation.channelId, conversation.contactId));
    for (const m of messages) {
      const visitorMessage = visitorMessageOf(m);
      if (!visitorMessage) continue;
      (options.exceptVisitorSocket && m === message ? room.except(options.exceptVisitorSocket) : room).emit('message:new', visitorMessage);
    }
  }
}

function emitTo(nsp: Namespace, target: RoomTarget, event: AgentPushName, payload: unknown): void {
  // An empty room list would broadcast to the whole namespace.
  if (target.to.length === 0) return;
  const operator = nsp.to(target.to);
  (target.except.length > 0 ? operator.except(target.except) : operator).emit(event, payload);
}
