import type { ContractHandlers } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { AgentRequestName, AgentRequestPayload, AgentRequestResult } from '../../../shared/protocol';

type TopicMethod = Extract<keyof ContractHandlers, `topics.${string}`>;

/** The part of the connection topics need. */
export interface TopicTransport {
  isOnline(): boolean;
  request<K extends AgentRequestName>(name: K, payload: AgentRequestPayload<K>): Promise<AgentRequestResult<K>>;
}

/**
 * Question clustering, read live from the server (nothing of it is cached: offline each answers
 * `offline`). The server refuses anyone but supervisors and admins.
 */
export function topicHandlers(transport: TopicTransport): Pick<ContractHandlers, TopicMethod> {
  const online = <K extends AgentRequestName>(what: string, name: K, payload: AgentRequestPayload<K>): Promise<AgentRequestResult<K>> => {
    if (!transport.isOnline()) return Promise.reject(new AppError('offline', `${what} needs the connection`));
    return transport.request(name, payload);
  };
  return {
    'topics.list': (query) => online('Reading topics', 'topics:list', query),
    'topics.get': (query) => online('Reading a topic', 'topics:get', query),
    'topics.conversation': (query) => online('Reading a conversation', 'topics:conversation', query),
    'topics.run': (query) => online('Grouping messages into topics', 'topics:run', query),
  };
}
