import type { Server } from 'socket.io';
import type { User } from '../../../shared/domain';
import { AGENT_NAMESPACE, agentRequests } from '../../../shared/protocol';
import type { Db } from '../../db/db';
import { onRequest, type ErrorLogger } from '../../realtime/request-handler';
import { agentsRoom, userRoom } from '../../realtime/rooms';
import { deleteTemplate, saveTemplate, type TemplateAudience } from './template-repository';

/**
 * Quick replies on the workstation's socket: `templates:save` and `templates:delete`, checked per
 * role (agents their own, admins also the team's). Everyone who uses a changed reply hears
 * `catalog:changed` and reads the catalog again. The namespace's own middleware has authenticated
 * the socket and put its user in `socket.data.user`.
 */
export function registerTemplateRequests(io: Server, deps: { db: Db; logError: ErrorLogger }): void {
  const nsp = io.of(AGENT_NAMESPACE);
  const tell = (accountId: string, audience: TemplateAudience) =>
    nsp.to(audience.kind === 'account' ? agentsRoom(accountId) : userRoom(audience.userId)).emit('catalog:changed', {});

  nsp.on('connection', (socket) => {
    const user = (socket.data as { user?: User }).user;
    if (!user) return;
    onRequest(socket, 'templates:save', agentRequests['templates:save'], async (input) => {
      const { template, audience } = await saveTemplate(deps.db, user, input);
      tell(user.accountId, audience);
      return { template };
    }, deps.logError);
    onRequest(socket, 'templates:delete', agentRequests['templates:delete'], async ({ id }) => {
      const { deleted, audience } = await deleteTemplate(deps.db, user, id);
      if (audience) tell(user.accountId, audience);
      return { deleted };
    }, deps.logError);
  });
}
