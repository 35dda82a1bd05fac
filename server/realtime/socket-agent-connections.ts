import type { Server } from 'socket.io';
import { AGENT_NAMESPACE } from '../../shared/protocol';
import type { AgentConnections } from '../domain/routing/agent-connections';
import { userRoom } from './rooms';

/** Agents' connections as workstation sockets, found by room so a shared adapter (Redis) counts every node's. */
export function socketAgentConnections(io: Server): AgentConnections {
  const nsp = () => io.of(AGENT_NAMESPACE);
  return {
    async count(userId, exceptId) {
      return (await nsp().in(userRoom(userId)).fetchSockets()).filter((s) => s.id !== exceptId).length;
    },
    close(connectionId) {
      nsp().in(connectionId).disconnectSockets(true);
    },
  };
}
