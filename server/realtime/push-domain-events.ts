import type { Server } from 'socket.io';
import { MESSAGE_ATTACHMENT_PUSH } from '../../shared/attachments';
import { MESSAGE_DELIVERY_PUSH } from '../../shared/channels';
import { AGENT_NAMESPACE, VISITOR_NAMESPACE } from '../../shared/protocol';
import type { Queryable } from '../db/db';
import type { DomainEvents } from '../domain/events';
import { conversationRooms } from './audience';
import { publishChange } from './publish-change';
import { publishContact } from './publish-contact';
import { agentsRoom, sessionRoom, staffRoom, userRoom, visitorRoom } from './rooms';

/**
 * The listeners that turn domain events into socket pushes, each to the rooms allowed to hear it
 * (see rooms.ts). The only place, with the request handlers, where the domain meets socket.io.
 */
export function pushDomainEvents(io: Server, events: DomainEvents, db: Queryable): void {
  const agents = () => io.of(AGENT_NAMESPACE);

  events.on('conversation.changed', ({ change, exceptVisitorSocket }) => publishChange(io, change, { exceptVisitorSocket }));

  events.on('agent.state.changed', ({ userId, state, exceptSocket }) => {
    // Every device of the agent shows the same state; the one that changed it has it in its ack.
    const room = agents().to(userRoom(userId));
    (exceptSocket ? room.except(exceptSocket) : room).emit('agent:state', state);
  });

  events.on('team.member.changed', ({ accountId, member }) => {
    agents().to(staffRoom(accountId)).emit('team:member', member);
  });

  events.on('queue.status.changed', ({ channelId, contactId, status }) => {
    io.of(VISITOR_NAMESPACE).to(visitorRoom(channelId, contactId)).emit('queue:update', status);
  });

  events.on('queue.escalated', ({ accountId, alert }) => {
    agents().to(staffRoom(accountId)).emit('queue:escalated', alert);
  });

  events.on('ticket.sla', ({ accountId, userIds, notices, seqs }) => {
    // An empty room list would reach every socket of the namespace.
    if (userIds.length > 0) for (const notice of notices) agents().to(userIds.map(userRoom)).emit('ticket:sla', notice);
    for (const seq of seqs) agents().to(agentsRoom(accountId)).emit('sync:tick', { seq });
  });

  events.on('catalog.changed', ({ accountId, audience }) => {
    agents().to(audience.kind === 'account' ? agentsRoom(accountId) : userRoom(audience.userId)).emit('catalog:changed', {});
  });

  events.on('sensitive.words.changed', ({ accountId }) => {
    agents().to(agentsRoom(accountId)).emit('sensitive:changed', {});
  });

  events.on('conversation.tags.changed', ({ accountId }) => {
    agents().to(agentsRoom(accountId)).emit('conversation-tags:changed', {});
  });

  events.on('contact.changed', ({ accountId, contact }) => publishContact(io, db, accountId, contact));

  events.on('delivery.changed', ({ accountId, assigneeId, delivery }) => {
    agents().to(conversationRooms(accountId, assigneeId)).emit(MESSAGE_DELIVERY_PUSH, delivery);
  });

  events.on('attachment.changed', ({ accountId, assigneeId, push }) => {
    agents().to(conversationRooms(accountId, assigneeId)).emit(MESSAGE_ATTACHMENT_PUSH, push);
  });

  events.on('conversation.read', ({ channelId, contactId, upToSeq }) => {
    io.of(VISITOR_NAMESPACE).to(visitorRoom(channelId, contactId)).emit('message:read', { upToSeq });
  });

  events.on('conversation.taken', ({ userId, notice }) => {
    agents().to(userRoom(userId)).emit('conversation:taken', notice);
  });

  events.on('note.mentioned', ({ userId, notice }) => {
    agents().to(userRoom(userId)).emit('note:mention', notice);
  });

  events.on('ticket.changed', ({ accountId, seqs, ticket, events: lines, userIds }) => {
    const rooms = [staffRoom(accountId), ...userIds.map(userRoom)];
    for (const event of lines.length > 0 ? lines : [null]) agents().to(rooms).emit('ticket:changed', { ticket, event });
    // The ticket took a number of the account's sequence: every desk's conversation sync hears it was used.
    for (const seq of seqs) agents().to(agentsRoom(accountId)).emit('sync:tick', { seq });
  });

  events.on('ticket.mentioned', ({ userId, notice }) => {
    agents().to(userRoom(userId)).emit('ticket:mention', notice);
  });

  events.on('user.sessions.ended', ({ userId }) => agents().in(userRoom(userId)).disconnectSockets(true));

  events.on('auth.session.ended', ({ sessionId }) => agents().in(sessionRoom(sessionId)).disconnectSockets(true));
}
