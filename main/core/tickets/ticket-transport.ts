import type { AgentRequestName, AgentRequestPayload, AgentRequestResult } from '../../../shared/protocol';

/** The part of the connection the tickets module needs. */
export interface TicketTransport {
  isOnline(): boolean;
  request<K extends AgentRequestName>(name: K, payload: AgentRequestPayload<K>): Promise<AgentRequestResult<K>>;
}

/** Errors after which trying again later may succeed by itself: what was written stays queued. */
export const TRANSIENT_CODES: ReadonlySet<string> = new Set(['offline', 'timeout', 'server_unreachable', 'token_expired', 'unauthorized', 'rate_limited']);
