import type { Server, Socket } from 'socket.io';
import { AGENT_NAMESPACE, agentRequests } from '../../shared/protocol';
import { AppError } from '../../shared/errors';
import type { User } from '../../shared/domain';
import { verifyAccessToken } from '../domain/auth/access-token';
import { currentUser, toUser } from '../domain/auth/user-repository';
import type { NodeLease } from '../nodes/node-lease';
import { connectError } from './connect-error';
import { requestServer } from './request-handler';
import { DEFAULT_AGENT_REQUEST_BUDGET, RequestBudget, type RequestBudgetLimits } from './request-budget';
import { agentsRoom, roleRoom, sessionRoom, staffRoom, userRoom } from './rooms';
import type { AgentRequestContext, AgentServices } from './requests/agent-request-context';
import { registerAdminRequests } from './requests/admin-requests';
import { registerAttachmentRequests } from './requests/attachment-requests';
import { registerAuditRequests } from './requests/audit-requests';
import { registerCatalogRequests } from './requests/catalog-requests';
import { registerContactRequests } from './requests/contact-requests';
import { registerConversationRequests } from './requests/conversation-requests';
import { registerConversationTagRequests } from './requests/conversation-tag-requests';
import { registerKnowledgeAdminRequests } from './requests/knowledge-admin-requests';
import { registerPresenceRequests } from './requests/presence-requests';
import { registerSensitiveRequests } from './requests/sensitive-requests';
import { registerAiRequests } from './requests/ai-requests';
import { registerCsatRequests } from './requests/csat-requests';
import { registerTicketSlaStatsRequests } from './requests/ticket-sla-stats-requests';
import { registerTopicRequests } from './requests/topic-requests';
import { registerReportRequests } from './requests/report-requests';
import { registerWeeklyReportRequests } from './requests/weekly-report-requests';
import { staffServe } from './requests/staff-gate';
import { registerTicketAdminRequests, registerTicketRequests } from './requests/ticket-requests';

export type AgentNamespaceDeps = AgentServices & {
  secret: string;
  /** Where this node records its workstation sockets, so every node can tell who is connected. */
  sockets: Pick<NodeLease, 'addSocket' | 'removeSocket'>;
  /** What one workstation socket may ask at once; DEFAULT_AGENT_REQUEST_BUDGET when omitted. */
  requestBudget?: RequestBudgetLimits;
};

type AgentSocketData = { user: User; sessionId: string };

/** The workstation's namespace: token in the handshake, requests with acks, pushes by room. */
export function registerAgentNamespace(io: Server, deps: AgentNamespaceDeps): void {
  const nsp = io.of(AGENT_NAMESPACE);

  // The token is checked once here, not on every request: a socket lives no longer than its user's role.
  nsp.use((socket, next) => {
    authenticate(deps, socket.handshake.auth)
      .then((signedIn) => {
        Object.assign(socket.data as AgentSocketData, signedIn);
        next();
      })
      .catch((err: unknown) => next(connectError(err)));
  });

  nsp.on('connection', (socket: Socket) => {
    const { user, sessionId } = socket.data as AgentSocketData;
    // The role's room carries contacts masked as that role may see them; the session's room is
    // how signing out of that session closes this socket.
    // Department staff hear only what is pushed to them by name (their tickets): no queue, no contacts.
    const rooms = user.role === 'staff'
      ? [userRoom(user.id), sessionRoom(sessionId)]
      : [agentsRoom(user.accountId), userRoom(user.id), roleRoom(user.accountId, user.role), sessionRoom(sessionId)];
    if (user.role === 'supervisor' || user.role === 'admin') rooms.push(staffRoom(user.accountId));
    void socket.join(rooms);
    const { router } = deps;
    // Recorded before presence is settled, so a run on another node already counts this socket.
    const recorded = deps.sockets.addSocket({ socketId: socket.id, userId: user.id, accountId: user.accountId });
    // Presence survives a blip; the agent hears their own state once it is settled.
    void recorded
      .then(() => router.connected(user.accountId, user.id))
      .then(() => router.agentState(user.accountId, user.id))
      .then((state) => {
        socket.emit('agent:state', state);
        void router.kick(user.accountId);
      })
      .catch((err: unknown) => deps.logError(err, 'agent connect'));
    socket.on('disconnect', () => {
      void recorded
        .catch(() => undefined)
        .then(() => deps.sockets.removeSocket(socket.id))
        .then(() => router.disconnected(user.accountId, user.id))
        .catch((err: unknown) => deps.logError(err, 'agent disconnect'));
      void deps.activity.disconnected(socket.id, user).catch((err: unknown) => deps.logError(err, 'activity disconnect'));
    });

    const serve = requestServer(socket, agentRequests, {
      logError: deps.logError,
      role: user.role,
      budget: new RequestBudget(deps.requestBudget ?? DEFAULT_AGENT_REQUEST_BUDGET, deps.clock),
    });
    const context: AgentRequestContext = {
      serve: user.role === 'staff' ? staffServe(serve) : serve,
      user,
      socket,
      services: deps,
    };
    registerConversationRequests(context);
    registerConversationTagRequests(context);
    registerPresenceRequests(context);
    registerCatalogRequests(context);
    registerKnowledgeAdminRequests(context);
    registerContactRequests(context);
    registerAuditRequests(context);
    registerSensitiveRequests(context);
    registerAdminRequests(context);
    registerAiRequests(context);
    registerTicketSlaStatsRequests(context);
    registerTicketRequests(context);
    registerTicketAdminRequests(context);
    registerCsatRequests(context);
    registerTopicRequests(context);
    registerReportRequests(context);
    registerWeeklyReportRequests(context);
    registerAttachmentRequests(context);
  });
}

async function authenticate(deps: AgentNamespaceDeps, auth: Record<string, unknown> | undefined): Promise<AgentSocketData> {
  const claims = await verifyAccessToken(auth?.token, deps.secret, deps.clock);
  const row = await currentUser(deps.db, claims);
  // A token issued before the role changed is refused as expired: the desktop refreshes it, and the
  // refresh tells it the new role, so what it shows and what the server allows never disagree.
  if (claims.role !== row.role) throw new AppError('token_expired', 'the role changed since this token was issued');
  return { user: toUser(row), sessionId: claims.sessionId };
}
