import type { ContractHandlers } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { TicketTransport } from '../tickets/ticket-transport';

type WeeklyReportMethod = Extract<keyof ContractHandlers, `weeklyReport.${string}`>;

/**
 * The weekly summary mail's settings and test mail, for admins: read and changed on the server
 * only. Offline, each answers `offline`; the server checks that the caller is an admin.
 */
export function weeklyReportHandlers(transport: Pick<TicketTransport, 'isOnline' | 'request'>): Pick<ContractHandlers, WeeklyReportMethod> {
  const online = (what: string) => {
    if (!transport.isOnline()) throw new AppError('offline', `${what} needs the connection`);
  };
  return {
    'weeklyReport.settings': async () => {
      online('Reading the weekly report settings');
      return transport.request('reports:weeklySettings:get', {});
    },
    'weeklyReport.saveSettings': async (save) => {
      online('Changing the weekly report settings');
      return transport.request('reports:weeklySettings:set', save);
    },
    'weeklyReport.sendTest': async () => {
      online('Sending the weekly report');
      return transport.request('reports:weeklySend', {});
    },
  };
}
