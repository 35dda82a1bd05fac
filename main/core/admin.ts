import type { ContractHandlers } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { AgentRequestName, AgentRequestPayload, AgentRequestResult } from '../../shared/protocol';

/** The part of the connection team and settings administration needs. */
export interface AdminTransport {
  isOnline(): boolean;
  request<K extends AgentRequestName>(name: K, payload: AgentRequestPayload<K>): Promise<AgentRequestResult<K>>;
}

type AdminMethods = 'admin.team' | 'admin.saveUser' | 'admin.createUser' | 'admin.settings' | 'admin.saveSettings';

/**
 * The team and routing settings, read and changed on the server only: nothing of it is cached, so
 * offline each method answers `offline`. The server checks that the user is an admin.
 */
export function adminHandlers(transport: AdminTransport): Pick<ContractHandlers, AdminMethods> {
  const online = <K extends AgentRequestName>(what: string, name: K, payload: AgentRequestPayload<K>): Promise<AgentRequestResult<K>> => {
    if (!transport.isOnline()) return Promise.reject(new AppError('offline', `${what} needs the connection`));
    return transport.request(name, payload);
  };
  return {
    'admin.team': () => online('The team list', 'admin:team:get', {}),
    'admin.saveUser': async (changes) => (await online('Changing a user', 'admin:user:save', changes)).user,
    'admin.createUser': async (user) => (await online('Adding a user', 'admin:user:create', user)).user,
    'admin.settings': () => online('The routing settings', 'admin:settings:get', {}),
    'admin.saveSettings': (changes) => online('Changing the routing settings', 'admin:settings:save', changes),
  };
}
