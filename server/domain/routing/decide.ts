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
  /** Agents who declined it or let an offer to them run out (see isEligible for when they get it again). */
  passes: readonly Pass[];
};

/** An agent passing on a conversation: they said no, or the offer ran out unanswered. */
export type Pass = { agentId: string; kind: 'declined' | 'timed_out'; /** ms since the epoch. */ at: number };

/** How long an agent who passed is left out before the conversation may come back to them. */
export const DEFAULT_REOFFER_COOLDOWN_SECONDS = 60;

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

/** Online, connected and in the conversation's group (null: the whole team), whatever their load. */
export function isPresentFor(agent: RoutingAgent, groupId: string | null): boolean {
  return agent.presence === 'online' && agent.connected && (groupId === null || agent.groupIds.includes(groupId));
}

/**
 * At work for the group: online, or busy (signed in, not taking new chats for a moment), including
 * during a reconnect grace period (they go offline when it runs out). A customer waiting for such
 * a group can expect a person.
 */
export function isAtWorkFor(agent: RoutingAgent, groupId: string | null): boolean {
  return (agent.presence === 'online' || agent.presence === 'busy') && (groupId === null || agent.groupIds.includes(groupId));
}

/** Present for the group and with room for one more chat there. */
export function hasRoomFor(agent: RoutingAgent, groupId: string | null, limits: GroupLimits): boolean {
  return isPresentFor(agent, groupId) && agent.load < capacityIn(agent, groupId, limits);
}

/** The agent's latest pass on the conversation, if any. */
export function passOf(conversation: WaitingConversation, agentId: string): Pass | undefined {
  let latest: Pass | undefined;
  for (const p of conversation.passes) if (p.agentId === agentId && (!latest || p.at > latest.at)) latest = p;
  return latest;
}

/**
 * Whether `agent` may be offered `conversation` now, given their current load. An agent who passed
 * on it is left out for `cooldownMs`; after that one whose offer ran out may get it again (behind
 * everyone who has not passed), and one who declined only when no colleague is present for the
 * group at all. So a chat with one online agent always comes back to them.
 */
export function isEligible(
  agent: RoutingAgent,
  conversation: WaitingConversation,
  limits: GroupLimits,
  now = 0,
  cooldownMs = Number.POSITIVE_INFINITY,
  team: readonly RoutingAgent[] = [],
): boolean {
  if (!hasRoomFor(agent, conversation.groupId, limits)) return false;
  const pass = passOf(conversation, agent.id);
  if (!pass) return true;
  if (now - pass.at < cooldownMs) return false;
  if (pass.kind === 'timed_out') return true;
  return !team.some((other) => other.id !== agent.id && isPresentFor(other, conversation.groupId) && passOf(conversation, other.id)?.kind !== 'declined');
}

/**
 * Decides who is offered what: walks the queue in order (priority desc, then waiting since) and
 * gives each conversation to the least-busy eligible agent (those who never passed on it first),
 * counting every offer made in this pass into that agent's load. Pure: the caller loads the
 * inputs and applies the offers.
 */
export function decideOffers(
  queue: readonly WaitingConversation[],
  agents: readonly RoutingAgent[],
  limits: GroupLimits,
  now: number,
  cooldownMs = DEFAULT_REOFFER_COOLDOWN_SECONDS * 1000,
): Offer[] {
  // Working copies: loads grow as offers are made.
  const pool = agents
    .filter((a) => a.presence === 'online' && a.connected && a.load < a.maxChats)
    .map((a) => ({ ...a }));
  if (pool.length === 0) return [];
  const offers: Offer[] = [];
  for (const conversation of [...queue].sort(compareQueue)) {
    let best: RoutingAgent | undefined;
    let bestPassed = false;
    for (const agent of pool) {
      if (!isEligible(agent, conversation, limits, now, cooldownMs, agents)) continue;
      const passed = passOf(conversation, agent.id) !== undefined;
      if (!best || (passed === bestPassed ? compareAgents(agent, best) < 0 : !passed)) {
        best = agent;
        bestPassed = passed;
      }
    }
    if (!best) continue;
    offers.push({ conversationId: conversation.id, agentId: best.id });
    best.load += 1;
    best.lastAssignedAt = now;
  }
  return offers;
}
