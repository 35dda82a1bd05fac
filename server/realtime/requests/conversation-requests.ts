import { AppError } from '../../../shared/errors';
import { getConversationView, listVisibleConversations, toConversation } from '../../domain/conversations/conversation-repository';
import type { ConversationChange } from '../../domain/conversations/message-change';
import { listDeliveries } from '../../domain/conversations/message-deliveries';
import { listConversationMessages, toMessage } from '../../domain/conversations/message-repository';
import { loadMember } from '../../domain/conversations/member-repository';
import { canRead } from '../../domain/conversations/permissions';
import { markReadByAgent } from '../../domain/conversations/read-marks';
import { resolveConversation } from '../../domain/conversations/resolve-conversation';
import { sendAgentMessage } from '../../domain/conversations/send-agent-message';
import { acceptOffer, declineOffer, transferConversation } from '../../domain/routing/handoff';
import { addNote, joinConversation, takeOver } from '../../domain/supervision/supervision';
import { syncChanges } from '../../domain/sync/sync-changes';
import type { AgentRequestContext } from './agent-request-context';

/** Conversations and their messages: reading, syncing, sending, notes, hand-offs and supervision. */
export function registerConversationRequests({ serve, user, services }: AgentRequestContext): void {
  const { db, router, events, activity } = services;
  const publish = (change: ConversationChange) => void events.emit({ type: 'conversation.changed', change });

  /** Publishes a routing change and lets the router react to it (capacity freed, queue moved). */
  const routed = (change: ConversationChange) => {
    publish(change);
    activity.accessChanged(change.conversation);
    if (change.created) void router.kick(user.accountId, [change.conversation.id]);
    return { conversation: toConversation(change.conversation) };
  };

  serve('conversations:list', async () => {
    const conversations = await listVisibleConversations(db, user);
    return { conversations: conversations.map(toConversation) };
  });

  serve('messages:list', async ({ conversationId }) => {
    const conversation = await getConversationView(db, conversationId);
    if (!conversation || conversation.accountId !== user.accountId) throw new AppError('not_found', 'conversation not found');
    if (!canRead(await loadMember(db, user), conversation)) throw new AppError('forbidden', 'this conversation is assigned to someone else');
    const messages = await listConversationMessages(db, conversationId);
    return { messages: messages.map(toMessage) };
  });

  serve('messages:deliveries', async ({ messageIds }) => ({ deliveries: await listDeliveries(db, user, messageIds) }));

  serve('conversation:read', async ({ conversationId, seq }) => {
    await markReadByAgent(db, events, user, conversationId, seq);
    return {};
  });

  serve('sync:changes', async (payload) => {
    const page = await syncChanges(db, user, payload);
    return { ...page, conversations: page.conversations.map(toConversation), messages: page.messages.map(toMessage) };
  });

  serve('conversation:resolve', async ({ conversationId, tagIds }) => {
    const change = await resolveConversation(db, user, conversationId, tagIds);
    const answer = routed(change);
    // The survey follows in its own transaction: it never fails the resolve (errors are logged), and
    // it is stored by the time the resolve is acknowledged.
    if (change.created) await services.csat?.afterResolve(conversationId);
    return answer;
  });

  serve('conversation:accept', async ({ conversationId }) => routed(await acceptOffer(db, user, conversationId, services.clock())));

  serve('conversation:decline', async ({ conversationId }) => routed(await declineOffer(db, user, conversationId, services.clock())));

  serve('conversation:transfer', async (payload) => routed(await transferConversation(db, user, payload, services.clock())));

  serve('message:send', async (payload) => {
    const change = await sendAgentMessage(db, user, payload, services.sensitive);
    publish(change);
    // A claim takes the conversation out of the queue (and out of anyone's offer).
    if (change.created && change.previousAssigneeId !== change.conversation.assigneeId) {
      void router.kick(user.accountId, [change.conversation.id]);
    }
    return { message: toMessage(change.message), conversation: toConversation(change.conversation) };
  });

  serve('note:add', async (payload) => {
    const { change, mentions } = await addNote(db, user, payload);
    publish(change);
    for (const { userId, ...notice } of mentions) void events.emit({ type: 'note.mentioned', userId, notice });
    return { message: toMessage(change.message), conversation: toConversation(change.conversation) };
  });

  serve('conversation:takeover', async (payload) => {
    const { change, byName, reason } = await takeOver(db, user, payload);
    publish(change);
    activity.accessChanged(change.conversation);
    const previous = change.previousAssigneeId;
    if (previous && previous !== change.conversation.assigneeId) {
      void events.emit({ type: 'conversation.taken', userId: previous, notice: { conversationId: change.conversation.id, byName, reason } });
    }
    // The previous assignee has room again; an offer it cancelled may go to someone else.
    void router.kick(user.accountId, [change.conversation.id]);
    return { conversation: toConversation(change.conversation) };
  });

  serve('conversation:join', async ({ conversationId }) => {
    const change = await joinConversation(db, user, conversationId);
    publish(change);
    return { conversation: toConversation(change.conversation) };
  });
}
