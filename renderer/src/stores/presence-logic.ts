import type { AgentState, Presence } from '../../../shared/domain';

/** The presences in the order the switcher lists them. */
export const presences: readonly Presence[] = ['online', 'busy', 'away', 'offline'];

export function isPresence(value: unknown): value is Presence {
  return typeof value === 'string' && (presences as readonly string[]).includes(value);
}

/**
 * What auto-away does when the agent goes idle or comes back: idle while online sets them away;
 * activity brings them back online only if it was auto-away that set them away. Busy, offline
 * and an away the agent chose themselves are never changed. Null: nothing to do.
 */
export function autoAwayDecision(
  trigger: 'idle' | 'active',
  agent: Pick<AgentState, 'presence'> | null,
  autoAway: boolean,
): Presence | null {
  if (!agent) return null;
  if (trigger === 'idle') return agent.presence === 'online' ? 'away' : null;
  return autoAway && agent.presence === 'away' ? 'online' : null;
}

/** Auto-away lasts only while the agent stays away; any other presence ends it. */
export function autoAwayAfter(presence: Presence, autoAway: boolean): boolean {
  return autoAway && presence === 'away';
}

/** The agent carries as many chats as they may take. */
export function isAtCapacity(agent: Pick<AgentState, 'load' | 'maxChats'>): boolean {
  return agent.load >= agent.maxChats;
}
