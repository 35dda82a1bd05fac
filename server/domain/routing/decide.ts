import type { Presence } from '../../../shared/domain';

/** A conversation waiting for a person, as the decision sees it. */
export type WaitingConversation = {
  id: string;
  /** null: anyone in the team may take it. */
  groupId: string | null;
  /** Higher first (VIP level is already added in). */
  priority: number;
  /** Milliseconds since the epoch. */
  waitingSince: number;
  /** Agents who declined it or let an offer run out: not offered it again. */
  declinedBy: readonly string[];
};

/** An agent as the decision sees them. */
export type RoutingAgent = {
  id: string;
  name: string;
  presence: Presence;
  /** False while their last socket is gone (the reconnect grace period): nothing new for them. */
  connected: boolean;
  /** Open conversations assigned or offered to them. */
  load: number;
  maxChats: number;
  groupIds: readonly string[];
  /** Milliseconds since the epoch of their last assignment; null = never. */
  lastAssignedAt: number | null;
};

/** Per-group cap on concurrent chats per agent (null: only the agent's own maximum applies). */
export type GroupLimits = ReadonlyMap<string, number | null>;

export type Offer = { conversationId: string; agentId: string };

/** Queue order: priority first, then first come first served (id breaks exact ties, for determinism). */
export function compareQueue(a: WaitingConversation, b: WaitingConversation): number {
  return b.priority - a.priority || a.waitingSince - b.waitingSince || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Least busy first; then whoever waited longest since their last assignment; then by name. */
export function compareAgents(a: RoutingAgent, b: RoutingAgent): number {
  return (
    a.load - b.load ||
    (a.lastAssignedAt ?? -Infinity) - (b.lastAssignedAt ?? -Infinity) ||
    a.name.localeCompare(b.name) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** How many chats `agent` may carry in `groupId`. */
export function capacityIn(agent: RoutingAgent, groupId: string | null, limits: GroupLimits): number {
  const groupMax = groupId === null ? null : (limits.get(groupId) ?? null);
  return groupMax === null ? agent.maxChats : Math.min(agent.maxChats, groupMax);
}

/** Whether `agent` may be offered `conversation` now, given their current load. */
export function isEligible(agent: RoutingAgent, conversation: WaitingConversation, limits: GroupLimits): boolean {
  if (agent.presence !== 'online' || !agent.connected) return false;
  if (conversation.groupId !== null && !agent.groupIds.includes(conversation.groupId)) return false;
  if (agent.load >= capacityIn(agent, conversation.groupId, limits)) return false;
  return !conversation.declinedBy.includes(agent.id);
}

/**
 * Decides who is offered what: walks the queue in order (priority desc, then waiting since) and
 * gives each conversation to the least-busy eligible agent, counting every offer made in this
 * pass into that agent's load. Pure: the caller loads the inputs and applies the offers.
 */
export function decideOffers(
  queue: readonly WaitingConversation[],
  agents: readonly RoutingAgent[],
  limits: GroupLimits,
  now: number,
): Offer[] {
  // Working copies: loads grow as offers are made.
  const pool = agents
    .filter((a) => a.presence === 'online' && a.connected && a.load < a.maxChats)
    .map((a) => ({ ...a }));
  if (pool.length === 0) return [];
  const offers: Offer[] = [];
  for (const conversation of [...queue].sort(compareQueue)) {
    let best: RoutingAgent | undefined;
    for (const agent of pool) {
      if (!isEligible(agent, conversation, limits)) continue;
      if (!best || compareAgents(agent, best) < 0) best = agent;
    }
    if (!best) continue;
    offers.push({ conversationId: conversation.id, agentId: best.id });
    best.load += 1;
    best.lastAssignedAt = now;
  }
  return offers;
}
