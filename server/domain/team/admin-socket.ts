import type { Server } from 'socket.io';
import type { User } from '../../../shared/domain';
import { AGENT_NAMESPACE, agentRequests } from '../../../shared/protocol';
import type { ManagedUser } from '../../../shared/team-admin';
import type { Db } from '../../db/db';
import type { Clock } from '../../lib/clock';
import { onRequest, type ErrorLogger } from '../../realtime/request-handler';
import { staffRoom, userRoom } from '../../realtime/rooms';
import type { Router } from '../routing/router';
import { getRoutingSettings, saveRoutingSettings } from './routing-settings';
import { createUser, listTeam, saveUser, type UserSaveEffects } from './team-admin';

export type AdminRequestDeps = { db: Db; router: Router; clock: Clock; logError: ErrorLogger };

/**
 * Team and settings administration on the workstation's socket, for admins (everyone else gets
 * `forbidden`). The namespace's own middleware has authenticated the socket and put its user in
 * `socket.data.user`. After a change, routing runs again and its pushes carry the change to every
 * desktop (`agent:state` with the new timings and capacity, `team:member` to supervisors).
 */
export function registerAdminRequests(io: Server, deps: AdminRequestDeps): void {
  io.of(AGENT_NAMESPACE).on('connection', (socket) => {
    const user = (socket.data as { user?: User }).user;
    if (!user) return;
    const { db, router, logError } = deps;

    onRequest(socket, 'admin:team:get', agentRequests['admin:team:get'], async () => listTeam(db, user), logError);

    onRequest(socket, 'admin:user:save', agentRequests['admin:user:save'], async (payload) => {
      const { user: saved, effects } = await saveUser(db, user, payload, new Date(deps.clock()));
      await afterUserSave(io, router, saved, effects, user.accountId);
      return { user: saved };
    }, logError);

    // A new user has no connection yet: routing hears of them when they first sign in.
    onRequest(socket, 'admin:user:create', agentRequests['admin:user:create'], async (payload) => ({
      user: await createUser(db, user, payload),
    }), logError);

    onRequest(socket, 'admin:settings:get', agentRequests['admin:settings:get'], async () => getRoutingSettings(db, user), logError);

    onRequest(socket, 'admin:settings:save', agentRequests['admin:settings:save'], async (payload) => {
      const { view, changed } = await saveRoutingSettings(db, user, payload);
      // The run offers with the new limits and hours, and tells every agent their new timings.
      if (changed) await router.kick(user.accountId);
      return view;
    }, logError);
  });
}

/**
 * Carries a saved user to live connections and routing. A new role or a deactivation ends the
 * user's connections: the desktop reconnects, is told its token is stale, refreshes it and so
 * learns the new role (a deactivated user is refused and signed out). The sockets are closed after
 * this request is answered, so an admin changing their own role still hears the answer.
 */
async function afterUserSave(io: Server, router: Router, saved: ManagedUser, effects: UserSaveEffects, accountId: string): Promise<void> {
  if (effects.roleChanged || effects.deactivated) {
    setImmediate(() => io.of(AGENT_NAMESPACE).in(userRoom(saved.id)).disconnectSockets(true));
  }
  if (!effects.changed) return;
  await router.kick(accountId);
  if (effects.deactivated && saved.role !== 'admin') {
    // Off the team now, so routing no longer reports them: the board hears once that they left.
    io.of(AGENT_NAMESPACE).to(staffRoom(accountId)).emit('team:member', {
      id: saved.id, name: saved.name, role: saved.role, presence: 'offline', load: 0, maxChats: saved.maxChats, groupIds: saved.groupIds,
    });
  }
}
