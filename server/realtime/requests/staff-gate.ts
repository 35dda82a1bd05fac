import type { AgentRequestName } from '../../../shared/protocol';
import { AppError } from '../../../shared/errors';
import type { agentRequests } from '../../../shared/protocol';
import type { Serve } from '../request-handler';

/**
 * What a department member without the agent desk (`staff`) may ask: their tickets and their own
 * ticket figures, the people
 * they may assign and mention, their own presence and the sensitive words a public reply is
 * checked against. Every other request (inbox, conversations, contacts, admin screens) is
 * answered `forbidden`, whatever the request's own rule would allow.
 */
export const STAFF_REQUESTS: ReadonlySet<AgentRequestName> = new Set<AgentRequestName>([
  'tickets:meta',
  'tickets:list',
  'tickets:get',
  'tickets:create',
  'tickets:update',
  'tickets:comment',
  'tickets:bulk',
  'tickets:changes',
  'tickets:stats',
  'team:list',
  'presence:set',
  'sensitive:list',
]);

const refuse = async (): Promise<never> => {
  throw new AppError('forbidden', 'Department staff work with tickets only.');
};

/** `serve` for a staff user's socket: requests outside STAFF_REQUESTS are registered as refusals. */
export function staffServe(serve: Serve<typeof agentRequests>): Serve<typeof agentRequests> {
  return (name, handler, access) => serve(name, STAFF_REQUESTS.has(name) ? handler : refuse, access);
}
