import type { ManagedUser } from '../../../shared/team-admin';
import { getRoutingSettings, saveRoutingSettings } from '../../domain/team/routing-settings';
import { createUser, listTeam, saveUser, type UserSaveEffects } from '../../domain/team/team-admin';
import type { AgentRequestContext, AgentServices } from './agent-request-context';

/**
 * Team and settings administration, for admins (the domain functions refuse everyone else with
 * `forbidden`). After a change, routing runs again and its events carry the change to every
 * desktop (`agent:state` with the new timings and capacity, `team:member` to supervisors).
 */
export function registerAdminRequests({ serve, user, services }: AgentRequestContext): void {
  const { db, router } = services;

  serve('admin:team:get', async () => listTeam(db, user));

  serve('admin:user:save', async (payload) => {
    const { user: saved, effects } = await saveUser(db, user, payload, new Date(services.clock()));
    await afterUserSave(services, saved, effects, user.accountId);
    return { user: saved };
  });

  // A new user has no connection yet: routing hears of them when they first sign in.
  serve('admin:user:create', async (payload) => ({ user: await createUser(db, user, payload) }));

  serve('admin:settings:get', async () => getRoutingSettings(db, user));

  serve('admin:settings:save', async (payload) => {
    const { view, changed } = await saveRoutingSettings(db, user, payload);
    // The run offers with the new limits and hours, and tells every agent their new timings.
    if (changed) await router.kick(user.accountId);
    return view;
  });
}

/**
 * Carries a saved user to live connections and routing. A new role or a deactivation ends the
 * user's connections: the desktop reconnects, is told its token is stale, refreshes it and so
 * learns the new role (a deactivated user is refused and signed out). The sessions end after
 * this request is answered, so an admin changing their own role still hears the answer.
 */
async function afterUserSave(services: AgentServices, saved: ManagedUser, effects: UserSaveEffects, accountId: string): Promise<void> {
  const { events, router } = services;
  if (effects.roleChanged || effects.deactivated) {
    setImmediate(() => void events.emit({ type: 'user.sessions.ended', userId: saved.id }));
  }
  if (!effects.changed) return;
  await router.kick(accountId);
  if (effects.deactivated && saved.role !== 'admin') {
    // Off the team now, so routing no longer reports them: the board hears once that they left.
    void events.emit({
      type: 'team.member.changed',
      accountId,
      member: { id: saved.id, name: saved.name, role: saved.role, presence: 'offline', load: 0, maxChats: saved.maxChats, groupIds: saved.groupIds },
    });
  }
}
