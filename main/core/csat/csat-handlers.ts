import type { ContractHandlers } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { TicketTransport } from '../tickets/ticket-transport';

type CsatMethod = Extract<keyof ContractHandlers, `csat.${string}` | `csatAdmin.${string}`>;

/**
 * Satisfaction surveys, read and changed on the server only: a conversation's answer (the thread
 * also carries it as an agents-only line, which is synced and cached) and the admins' settings.
 * Offline, each answers `offline`; the server checks who may read what.
 */
export function csatHandlers(transport: TicketTransport): Pick<ContractHandlers, CsatMethod> {
  const online = (what: string) => {
    if (!transport.isOnline()) throw new AppError('offline', `${what} needs the connection`);
  };
  return {
    'csat.get': async ({ conversationId }) => {
      online('Reading the satisfaction answer');
      return (await transport.request('csat:get', { conversationId })).csat;
    },
    'csatAdmin.settings': async () => {
      online('Reading the survey settings');
      return (await transport.request('csat:admin:settings', {})).settings;
    },
    'csatAdmin.saveSettings': async (save) => {
      online('Changing the survey settings');
      return (await transport.request('csat:admin:settings', { save })).settings;
    },
  };
}
