import type { Server, Socket } from 'socket.io';
import { AGENT_NAMESPACE, agentRequests, type AgentPush, type AgentPushName } from '../../shared/protocol';
import { AppError } from '../../shared/errors';
import type { User } from '../../shared/domain';
import type { Db } from '../db/db';
import type { Clock } from '../lib/clock';
import { verifyAccessToken } from '../domain/auth/access-token';
import { currentUser, toUser } from '../domain/auth/user-repository';
import { getConversationView, listVisibleConversations, toConversation } from '../domain/conversations/conversation-repository';
import { listConversationMessages, toMessage } from '../domain/conversations/message-repository';
import { listDeliveries } from '../domain/conversations/message-deliveries';
import { canRead } from '../domain/conversations/permissions';
import { resolveConversation } from '../domain/conversations/resolve-conversation';
import { sendAgentMessage } from '../domain/conversations/send-agent-message';
import { syncChanges } from '../domain/sync/sync-changes';
import { listArticles, listTemplates } from '../domain/catalog/catalog-repository';
import { getVisibleContacts } from '../domain/contacts/contact-repository';
import { connectError } from './connect-error';
import { onRequest, type ErrorLogger } from './request-handler';
import { publishChange } from './publish-change';
import { agentsRoom, staffRoom, userRoom } from './rooms';
import type { Router } from '../domain/routing/router';
import { acceptOffer, declineOffer, transferConversation } from '../domain/routing/handoff';
import type { ConversationChange } from '../domain/conversations/message-change';
import { addNote, joinConversation, takeOver } from '../domain/supervision/supervision';
import { listAudit } from '../domain/audit/audit-log';
import { exportAuditLog } from '../domain/audit/audit-export';
import { deleteSensitiveWord, listSensitiveWords, saveSensitiveWord } from '../domain/sensitive/sensitive-repository';
import type { SensitiveWordCache } from '../domain/sensitive/sensitive-screen';
import type { ActivityRelay } from './activity-relay';
import { registerKnowledgeAdminRequests } from './knowledge-requests';

export type AgentNamespaceDeps = {
  db: Db;
  secret: string;
  clock: Clock;
  logError: ErrorLogger;
  router: Router;
  sensitive: SensitiveWordCache;
  activity: ActivityRelay;
};

type AgentSocketData = { user: User };

/** The workstation's namespace: token in the handshake, requests with acks, pushes by room. */
export function registerAgentNamespace(io: Server, deps: AgentNamespaceDeps): void {
  const nsp = io.of(AGENT_NAMESPACE);

  nsp.use((socket, next) => {
    authenticate(deps, socket.handshake.auth)
      .then((user) => {
        (socket.data as AgentSocketData).user = user;
        next();
      })
      .catch((err: unknown) => next(connectError(err)));
  });

  nsp.on('connection', (socket: Socket) => {
    const { user } = socket.data as AgentSocketData;
    const rooms = [agentsRoom(user.accountId), userRoom(user.id)];
    if (user.role === 'supervisor' || user.role === 'admin') rooms.push(staffRoom(user.accountId));
    void socket.join(rooms);
    const { router } = deps;
    // Presence survives a blip; the agent hears their own state once it is settled.
    void router
      .connected(user.accountId, user.id)
      .then(() => router.agentState(user.accountId, user.id))
      .then((state) => {
        socket.emit('agent:state', state);
        void router.kick(user.accountId);
      })
      .catch((err: unknown) => deps.logError(err, 'agent connect'));
    socket.on('disconnect', () => {
      void router.disconnected(user.accountId, user.id).catch((err: unknown) => deps.logError(err, 'agent disconnect'));
      void deps.activity.disconnected(socket.id, user).catch((err: unknown) => deps.logError(err, 'activity disconnect'));
    });
    /** Publishes a routing change and lets the router react to it (capacity freed, queue moved). */
    const routed = (change: ConversationChange) => {
      publishChange(io, change);
      deps.activity.accessChanged(change.conversation);
      if (change.created) void router.kick(user.accountId, [change.conversation.id]);
      return { conversation: toConversation(change.conversation) };
    };

    onRequest(socket, 'conversations:list', agentRequests['conversations:list'], async () => {
      const conversations = await listVisibleConversations(deps.db, user);
      return { conversations: conversations.map(toConversation) };
    }, deps.logError);

    onRequest(socket, 'messages:list', agentRequests['messages:list'], async ({ conversationId }) => {
      const conversation = await getConversationView(deps.db, conversationId);
      if (!conversation || conversation.accountId !== user.accountId) throw new AppError('not_found', 'conversation not found');
      if (!canRead(user, conversation)) throw new AppError('forbidden', 'this conversation is assigned to someone else');
      const messages = await listConversationMessages(deps.db, conversationId);
      return { messages: messages.map(toMessage) };
    }, deps.logError);

    onRequest(socket, 'messages:deliveries', agentRequests['messages:deliveries'], async ({ messageIds }) => ({
      deliveries: await listDeliveries(deps.db, user, messageIds),
    }), deps.logError);

    onRequest(socket, 'sync:changes', agentRequests['sync:changes'], async (payload) => {
      const page = await syncChanges(deps.db, user, payload);
      return {
        ...page,
        conversations: page.conversations.map(toConversation),
        messages: page.messages.map(toMessage),
      };
    }, deps.logError);

    onRequest(socket, 'contacts:get', agentRequests['contacts:get'], async ({ ids }) => ({
      contacts: await getVisibleContacts(deps.db, user, ids),
    }), deps.logError);

    onRequest(socket, 'catalog:snapshot', agentRequests['catalog:snapshot'], async () => ({
      articles: await listArticles(deps.db, user.accountId),
      templates: await listTemplates(deps.db, user.accountId, user.id),
    }), deps.logError);

    registerKnowledgeAdminRequests(io, socket, user, deps);

    onRequest(socket, 'conversation:resolve', agentRequests['conversation:resolve'], async ({ conversationId }) => {
      return routed(await resolveConversation(deps.db, user, conversationId));
    }, deps.logError);

    onRequest(socket, 'presence:set', agentRequests['presence:set'], async ({ presence }) => {
      const state = await router.setPresence(user.accountId, user.id, presence);
      // Every device of this agent shows the same presence.
      socket.to(userRoom(user.id)).emit('agent:state', state);
      return { state };
    }, deps.logError);

    onRequest(socket, 'team:list', agentRequests['team:list'], async () => router.team(user.accountId), deps.logError);

    onRequest(socket, 'conversation:accept', agentRequests['conversation:accept'], async ({ conversationId }) =>
      routed(await acceptOffer(deps.db, user, conversationId, deps.clock())), deps.logError);

    onRequest(socket, 'conversation:decline', agentRequests['conversation:decline'], async ({ conversationId }) =>
      routed(await declineOffer(deps.db, user, conversationId)), deps.logError);

    onRequest(socket, 'conversation:transfer', agentRequests['conversation:transfer'], async (payload) =>
      routed(await transferConversation(deps.db, user, payload, deps.clock())), deps.logError);

    onRequest(socket, 'message:send', agentRequests['message:send'], async (payload) => {
      const change = await sendAgentMessage(deps.db, user, payload, deps.sensitive);
      publishChange(io, change);
      // A claim takes the conversation out of the queue (and out of anyone's offer).
      if (change.created && change.previousAssigneeId !== change.conversation.assigneeId) {
        void router.kick(user.accountId, [change.conversation.id]);
      }
      return { message: toMessage(change.message), conversation: toConversation(change.conversation) };
    }, deps.logError);

    onRequest(socket, 'note:add', agentRequests['note:add'], async (payload) => {
      const { change, mentions } = await addNote(deps.db, user, payload);
      publishChange(io, change);
      for (const { userId, ...mention } of mentions) pushSupervision(io, userId, 'note:mention', mention);
      return { message: toMessage(change.message), conversation: toConversation(change.conversation) };
    }, deps.logError);

    onRequest(socket, 'conversation:takeover', agentRequests['conversation:takeover'], async (payload) => {
      const { change, byName, reason } = await takeOver(deps.db, user, payload);
      publishChange(io, change);
      deps.activity.accessChanged(change.conversation);
      const previous = change.previousAssigneeId;
      if (previous && previous !== change.conversation.assigneeId) {
        pushSupervision(io, previous, 'conversation:taken', { conversationId: change.conversation.id, byName, reason });
      }
      // The previous assignee has room again; an offer it cancelled may go to someone else.
      void router.kick(user.accountId, [change.conversation.id]);
      return { conversation: toConversation(change.conversation) };
    }, deps.logError);

    onRequest(socket, 'conversation:join', agentRequests['conversation:join'], async ({ conversationId }) => {
      const change = await joinConversation(deps.db, user, conversationId);
      publishChange(io, change);
      return { conversation: toConversation(change.conversation) };
    }, deps.logError);

    onRequest(socket, 'audit:list', agentRequests['audit:list'], async ({ query, before, limit }) => {
      if (user.role !== 'admin') throw new AppError('forbidden', 'Only admins can read the audit log.');
      const entries = await listAudit(deps.db, user.accountId, { query, before, limit });
      const last = entries[entries.length - 1];
      return { entries, nextBefore: entries.length === limit && last ? last.id : null };
    }, deps.logError);

    onRequest(socket, 'audit:export', agentRequests['audit:export'], async ({ query }) => {
      const { filename, csv } = await exportAuditLog(deps.db, user, query, deps.clock());
      return { filename, csv };
    }, deps.logError);

    onRequest(socket, 'activity:set', agentRequests['activity:set'], async ({ conversationId, state, preview }) => {
      await deps.activity.set(socket.id, user, conversationId, state, preview);
      return {};
    }, deps.logError);

    onRequest(socket, 'activity:list', agentRequests['activity:list'], async ({ conversationId }) => ({
      activity: await deps.activity.list(user, conversationId),
    }), deps.logError);

    onRequest(socket, 'sensitive:list', agentRequests['sensitive:list'], async () => ({
      words: await listSensitiveWords(deps.db, user.accountId),
    }), deps.logError);

    /** After a change: this node compiles the list again, and every workstation reads it again. */
    const sensitiveChanged = () => {
      deps.sensitive.invalidate(user.accountId);
      io.of(AGENT_NAMESPACE).to(agentsRoom(user.accountId)).emit('sensitive:changed', {});
    };

    onRequest(socket, 'sensitive:save', agentRequests['sensitive:save'], async (payload) => {
      const word = await saveSensitiveWord(deps.db, user, payload);
      sensitiveChanged();
      return { word };
    }, deps.logError);

    onRequest(socket, 'sensitive:delete', agentRequests['sensitive:delete'], async ({ id }) => {
      const deleted = await deleteSensitiveWord(deps.db, user, id);
      if (deleted) sensitiveChanged();
      return { deleted };
    }, deps.logError);
  });
}

/** A supervision push to all devices of one user (no sequence number: outside the sync stream). */
function pushSupervision<K extends AgentPushName>(io: Server, userId: string, event: K, payload: AgentPush<K>): void {
  io.of(AGENT_NAMESPACE).to(userRoom(userId)).emit(event, payload);
}

async function authenticate(deps: AgentNamespaceDeps, auth: Record<string, unknown> | undefined): Promise<User> {
  const claims = verifyAccessToken(auth?.token, deps.secret, deps.clock);
  const row = await currentUser(deps.db, claims);
  // A token issued before the role changed is refused as expired: the desktop refreshes it, and the
  // refresh tells it the new role, so what it shows and what the server allows never disagree.
  if (claims.role !== row.role) throw new AppError('token_expired', 'the role changed since this token was issued');
  return toUser(row);
}
