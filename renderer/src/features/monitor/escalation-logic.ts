import type { EscalationAlert } from '../../../../shared/domain';

type Held = { id: string; status: string; routingState: string };

/**
 * The escalations still worth showing, newest first: the conversation is known and still waits for
 * a person (queued or offered). One the inbox does not hold yet is shown too.
 */
export function waitingEscalations(escalations: Readonly<Record<string, EscalationAlert>>, conversations: readonly Held[]): EscalationAlert[] {
  const byId = new Map(conversations.map((c) => [c.id, c]));
  return Object.values(escalations)
    .filter((a) => {
      const c = byId.get(a.conversationId);
      return !c || (c.status === 'open' && (c.routingState === 'queued' || c.routingState === 'offered'));
    })
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
