import type { Server } from 'socket.io';
import type { User } from '../../../shared/domain';
import { AGENT_NAMESPACE, agentRequests } from '../../../shared/protocol';
import { onRequest, type ErrorLogger } from '../../realtime/request-handler';
import { agentsRoom } from '../../realtime/rooms';
import type { KnowledgeCache } from '../bot/knowledge-cache';
import { searchKnowledge } from './knowledge-search';

/**
 * Knowledge on the workstation's socket: `kb:search` for every signed-in user. The namespace's
 * own middleware has authenticated the socket and put its user in `socket.data.user`.
 */
export function registerKnowledgeRequests(io: Server, deps: { knowledge: KnowledgeCache; logError: ErrorLogger }): void {
  io.of(AGENT_NAMESPACE).on('connection', (socket) => {
    const user = (socket.data as { user?: User }).user;
    if (!user) return;
    onRequest(socket, 'kb:search', agentRequests['kb:search'], async ({ q, lang, limit }) => {
      const { index } = await deps.knowledge.get(user.accountId);
      return { hits: searchKnowledge(index, q, { lang, limit }) };
    }, deps.logError);
  });
}

/** Tells every connected desktop of the account that knowledge articles changed. */
export function publishCatalogChanged(io: Server, accountId: string): void {
  io.of(AGENT_NAMESPACE).to(agentsRoom(accountId)).emit('catalog:changed', {});
}
