/**
 * Agents' live connections on every node (implemented over sockets in server/realtime/), which
 * routing asks about to tell a blip from a departure.
 */
export interface AgentConnections {
  /** How many connections the user has, leaving out `exceptId`. */
  count(userId: string, exceptId?: string): Promise<number>;
  /** Closes one connection (its user signed out on it). */
  close(connectionId: string): void;
}
