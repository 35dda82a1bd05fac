import { loadMember } from '../../domain/conversations/member-repository';
import { canAct } from '../../domain/conversations/permissions';
import type { AgentRequestContext } from './agent-request-context';

/** The agent's own presence, the team board, and who is viewing or typing where. */
export function registerPresenceRequests({ serve, user, socket, services }: AgentRequestContext): void {
  const { router, activity, events, typing } = services;

  serve('presence:set', async ({ presence }) => {
    const state = await router.setPresence(user.accountId, user.id, presence);
    void events.emit({ type: 'agent.state.changed', userId: user.id, state, exceptSocket: socket.id });
    return { state };
  });

  serve('team:list', async () => router.team(user.accountId));

  serve('activity:set', async ({ conversationId, state, preview, toCustomer }) => {
    const access = await activity.set(socket.id, user, conversationId, state, preview);
    // Only once the relay found the conversation readable; a note or a whisper is never a reply being
    // typed, and the customer hears only of someone who may answer them.
    const replying = state === 'typing' && toCustomer === true && canAct(await loadMember(services.db, user), access);
    await typing.agent(user, conversationId, replying);
    return {};
  });

  serve('activity:list', async ({ conversationId }) => ({ activity: await activity.list(user, conversationId) }));
}
