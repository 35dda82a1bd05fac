import type { ContractHandlers } from '../../../shared/contract';
import type { TicketStatsQuery } from '../../../shared/ticket-stats';
import { AppError } from '../../../shared/errors';
import type { AgentRequestName, AgentRequestPayload, AgentRequestResult } from '../../../shared/protocol';
import type { TicketTransport } from './ticket-transport';

type TicketAdminMethod = Extract<keyof ContractHandlers, `ticketAdmin.${string}`> | 'tickets.stats' | 'tickets.statsCsv';

export interface TicketAdminDeps {
  transport: TicketTransport;
  /** GET a file of the server's REST API as the signed-in user (see admin-rest.ts). */
  download(what: string, path: string): Promise<{ text: string; filename: string | null }>;
}

/** The query string of GET /api/tickets/stats.csv: the same fields as `tickets:stats`. */
export function statsCsvPath(query: TicketStatsQuery): string {
  const params = new URLSearchParams({ from: query.from, to: query.to });
  if (query.departmentId) params.set('departmentId', query.departmentId);
  if (query.typeId) params.set('typeId', query.typeId);
  return `/api/tickets/stats.csv?${params.toString()}`;
}

/**
 * Ticket administration (departments, types, SLA targets, settings) and ticket figures, read and
 * changed on the server only: nothing of it is cached, so offline each answers `offline`. The
 * server checks who may do what (admins for administration; figures are counted for the caller).
 */
export function ticketAdminHandlers({ transport, download }: TicketAdminDeps): Pick<ContractHandlers, TicketAdminMethod> {
  const online = <K extends AgentRequestName>(what: string, name: K, payload: AgentRequestPayload<K>): Promise<AgentRequestResult<K>> => {
    if (!transport.isOnline()) return Promise.reject(new AppError('offline', `${what} needs the connection`));
    return transport.request(name, payload);
  };
  return {
    'ticketAdmin.saveDepartment': async (input) => (await online('Saving a department', 'tickets:admin:departments:save', input)).department,
    'ticketAdmin.saveType': async (input) => (await online('Saving a ticket type', 'tickets:admin:types:save', input)).type,
    'ticketAdmin.settings': async () => (await online('Reading the ticket settings', 'tickets:admin:settings', {})).settings,
    'ticketAdmin.saveSettings': async (save) => (await online('Changing the ticket settings', 'tickets:admin:settings', { save })).settings,
    'ticketAdmin.sla': async () => (await online('Reading the SLA targets', 'tickets:admin:sla:list', {})).targets,
    'ticketAdmin.saveSla': async ({ targets }) => (await online('Changing the SLA targets', 'tickets:admin:sla:save', { targets })).targets,
    'tickets.stats': (query) => online('Ticket figures', 'tickets:stats', query),
    'tickets.statsCsv': async (query) => {
      const { text, filename } = await download('Exporting ticket figures', statsCsvPath(query));
      return { csv: text, filename: filename ?? `tickets-${query.from.slice(0, 10)}-${query.to.slice(0, 10)}.csv` };
    },
  };
}
