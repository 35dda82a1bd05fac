import type { Server } from 'socket.io';
import { AGENT_NAMESPACE } from '../../shared/protocol';
import type { User } from '../../shared/domain';
import type { AgentConnections } from '../domain/routing/agent-connections';
import type { AgentSocketRow, NodeLease } from '../nodes/node-lease';

/**
 * Agents' connections on every node: counted from `agent_sockets` (each node records its own, and
 * a dead node's count until its lease expires), closed through the adapter, which reaches the
 * socket on whichever node holds it.
 */
export function socketAgentConnections(io: Server, lease: NodeLease): AgentConnections {
  return {
    count: (userId, exceptId) => lease.countSockets(userId, exceptId),
    close(connectionId) {
      io.of(AGENT_NAMESPACE).in(connectionId).disconnectSockets(true);
    },
  };
}

/** The workstation sockets connected to this node now (a lease taken away writes them again). */
export function localAgentSockets(io: Server): AgentSocketRow[] {
  const rows: AgentSocketRow[] = [];
  for (const socket of io.of(AGENT_NAMESPACE).sockets.values()) {
    const user = (socket.data as { user?: User }).user;
    if (user) rows.push({ socketId: socket.id, userId: user.id, accountId: user.accountId });
  }
  return rows;
}
