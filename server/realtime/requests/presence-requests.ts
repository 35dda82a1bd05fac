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
    await activity.set(socket.id, user, conversationId, state, preview);
    // Only once the relay found the conversation readable; a note or a whisper is never a reply being typed.
    await typing.agent(user, conversationId, state === 'typing' && toCustomer === true);
    return {};
  });

  serve('activity:list', async ({ conversationId }) => ({ activity: await activity.list(user, conversationId) }));
}
