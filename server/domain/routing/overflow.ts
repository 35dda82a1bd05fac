import type { RoutingState } from '../../../shared/domain';
import type { QueueAvailability } from '../../../shared/protocol';
import { hasRoomFor, isAtWorkFor, type GroupLimits, type RoutingAgent } from './decide';

/** Where a group's waiting conversations go when nobody there can take them: a group id, 'any' agent, or null (they stay). */
export type OverflowTarget = string | null;
export const OVERFLOW_ANY = 'any';

/** A group's overflow rule. */
export type OverflowRule = { groupId: string; afterSeconds: number; target: OverflowTarget };
export type OverflowRules = ReadonlyMap<string, OverflowRule>;

/** A queued conversation as the overflow decision sees it. */
export type OverflowCandidate = { id: string; groupId: string | null; waitingSince: number; overflowedFrom: string | null };

/** A move decided: `toGroupId` null is the whole team. */
export type Overflow = { conversationId: string; fromGroupId: string; toGroupId: string | null };

/** The group a target names (null: the whole team), or undefined when it names none or the group itself. */
function targetGroup(rule: OverflowRule | undefined): { groupId: string | null } | undefined {
  if (!rule || rule.target === null || rule.target === rule.groupId) return undefined;
  return { groupId: rule.target === OVERFLOW_ANY ? null : rule.target };
}

/**
 * Where a conversation of `groupId` would overflow to now: the rule's target when someone there has
 * room for it, else undefined. `present` asks only for someone at work there (for what the customer
 * is told); otherwise they must be online with room (for moving it).
 */
export function overflowDestination(
  groupId: string | null,
  rules: OverflowRules,
  agents: readonly RoutingAgent[],
  limits: GroupLimits,
  present = false,
): { groupId: string | null } | undefined {
  if (groupId === null) return undefined;
  const target = targetGroup(rules.get(groupId));
  if (!target) return undefined;
  const can = present
    ? agents.some((a) => isAtWorkFor(a, target.groupId))
    : agents.some((a) => hasRoomFor(a, target.groupId, limits));
  return can ? target : undefined;
}

/**
 * Queued conversations that have waited their group's overflow time while nobody in the group has
 * room, moved to the group's target when someone there has room. A conversation overflows once.
 * Pure: the caller applies the moves.
 */
export function decideOverflows(
  queue: readonly OverflowCandidate[],
  agents: readonly RoutingAgent[],
  limits: GroupLimits,
  rules: OverflowRules,
  now: number,
): Overflow[] {
  const moves: Overflow[] = [];
  for (const c of queue) {
    if (c.groupId === null || c.overflowedFrom !== null) continue;
    const rule = rules.get(c.groupId);
    if (!rule || now - c.waitingSince < rule.afterSeconds * 1000) continue;
    if (agents.some((a) => hasRoomFor(a, c.groupId, limits))) continue;
    const to = overflowDestination(c.groupId, rules, agents, limits);
    if (to) moves.push({ conversationId: c.id, fromGroupId: c.groupId, toGroupId: to.groupId });
  }
  return moves;
}

/**
 * Whether a person can be expected for a conversation: 'off_hours' while its group is closed,
 * 'nobody_online' while it waits and nobody is at work (online or busy) for its group nor where it
 * would overflow,
 * null otherwise (then its place in line and the estimate mean something).
 */
export function availabilityOf(
  c: { routingState: RoutingState; groupId: string | null; status: 'open' | 'resolved' },
  agents: readonly RoutingAgent[],
  rules: OverflowRules,
): QueueAvailability | null {
  if (c.status !== 'open') return null;
  if (c.routingState === 'pending') return 'off_hours';
  if (c.routingState !== 'queued') return null;
  if (agents.some((a) => isAtWorkFor(a, c.groupId))) return null;
  if (overflowDestination(c.groupId, rules, agents, new Map(), true)) return null;
  return 'nobody_online';
}
