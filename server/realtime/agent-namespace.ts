import type { Server, Socket } from 'socket.io';
import { AGENT_NAMESPACE, agentRequests, type SupervisionPush, type SupervisionPushName } from '../../shared/protocol';
import { AppError, type ErrorCode } from '../../shared/errors';
import type { User } from '../../shared/domain';
import type { Db } from '../db/db';
import type { Clock } from '../lib/clock';
import { verifyAccessToken } from '../domain/auth/access-token';
import { findUserById, toUser } from '../domain/auth/user-repository';
import { getConversationView, listVisibleConversations, toConversation } from '../domain/conversations/conversation-repository';
import { listConversationMessages, toMessage } from '../domain/conversations/message-repository';
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

export type AgentNamespaceDeps = { db: Db; secret: string; clock: Clock; logError: ErrorLogger; router: Router };

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
    });
    /** Publishes a routing change and lets the router react to it (capacity freed, queue moved). */
    const routed = (change: ConversationChange) => {
      publishChange(io, change);
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
      const change = await sendAgentMessage(deps.db, user, payload);
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
  });
}

/** A supervision push to all devices of one user (no sequence number: outside the sync stream). */
function pushSupervision<K extends SupervisionPushName>(io: Server, userId: string, event: K, payload: SupervisionPush<K>): void {
  io.of(AGENT_NAMESPACE).to(userRoom(userId)).emit(event, payload);
}

async function authenticate(deps: AgentNamespaceDeps, auth: Record<string, unknown> | undefined): Promise<User> {
  const claims = verifyAccessToken(auth?.token, deps.secret, deps.clock);
  const row = await findUserById(deps.db, claims.userId);
  const code: ErrorCode = 'unauthorized';
  if (!row || row.account_id !== claims.accountId) throw new AppError(code, 'this account no longer exists');
  // The role comes from the database, so a changed role applies at the next connect.
  return toUser(row);
}
