import type { RoutingState } from '../../../shared/domain';
import type { QueueAvailability, QueueStatus } from '../../../shared/protocol';
import { compareQueue } from './decide';
import { estimateWaitSeconds } from './estimate';

/** What a customer's status is computed from. */
export type StatusInput = {
  id: string;
  status: 'open' | 'resolved';
  routingState: RoutingState;
  groupId: string | null;
  groupName: string | null;
  priority: number;
  waitingSince: number;
  assigneeName: string | null;
};

/** Waiting for a person: in the queue or being offered to an agent right now. */
export const isWaiting = (c: Pick<StatusInput, 'status' | 'routingState'>) =>
  c.status === 'open' && (c.routingState === 'queued' || c.routingState === 'offered');

/**
 * Positions in routing order (priority desc, then waiting since) among the waiting conversations
 * of the same group (1 = next). Conversations that are not waiting have no position.
 */
export function queuePositions(rows: readonly StatusInput[]): Map<string, number> {
  const byGroup = new Map<string, StatusInput[]>();
  for (const row of rows) {
    if (!isWaiting(row)) continue;
    const key = row.groupId ?? '';
    const list = byGroup.get(key) ?? [];
    list.push(row);
    byGroup.set(key, list);
  }
  const positions = new Map<string, number>();
  for (const list of byGroup.values()) {
    list
      .map((r) => ({ id: r.id, groupId: r.groupId, priority: r.priority, waitingSince: r.waitingSince, passes: [] }))
      .sort(compareQueue)
      .forEach((r, i) => positions.set(r.id, i + 1));
  }
  return positions;
}

/**
 * Every customer's status: state, position and estimated wait while waiting, the agent's name
 * once assigned. `averageSeconds` and `onlineAgents` are per group (null = the whole team).
 * Positions are counted among `rows` unless given (counted where the whole queue is).
 */
export function queueStatuses(
  rows: readonly StatusInput[],
  averageSeconds: (groupId: string | null) => number,
  onlineAgents: (groupId: string | null) => number,
  availability: (row: StatusInput) => QueueAvailability | null = () => null,
  positions: ReadonlyMap<string, number> = queuePositions(rows),
): Map<string, QueueStatus> {
  const statuses = new Map<string, QueueStatus>();
  for (const row of rows) {
    const position = positions.get(row.id) ?? null;
    const unavailable = availability(row);
    statuses.set(row.id, {
      state: row.status === 'resolved' ? 'resolved' : row.routingState,
      position,
      // Nobody to count on: no estimate rather than one that cannot happen.
      estimatedWaitSeconds:
        position === null || unavailable !== null || onlineAgents(row.groupId) === 0
          ? null
          : estimateWaitSeconds(position, averageSeconds(row.groupId), onlineAgents(row.groupId)),
      agentName: row.status === 'open' && row.routingState === 'assigned' ? row.assigneeName : null,
      groupName: row.groupName,
      availability: unavailable,
    });
  }
  return statuses;
}
