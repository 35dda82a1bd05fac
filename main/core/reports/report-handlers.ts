import type { ContractHandlers } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { AgentRequestName, AgentRequestPayload, AgentRequestResult } from '../../../shared/protocol';
import { reportResultSchema } from '../../../shared/report-results';
import type { ReportCsvQuery, ReportName } from '../../../shared/reports';

type ReportMethod = Extract<keyof ContractHandlers, `reports.${string}`>;

/** The part of the connection reports need. */
export interface ReportTransport {
  isOnline(): boolean;
  request<K extends AgentRequestName>(name: K, payload: AgentRequestPayload<K>): Promise<AgentRequestResult<K>>;
}

export interface ReportDeps {
  transport: ReportTransport;
  /** GET a file of the server's REST API as the signed-in user (see admin-rest.ts). */
  download(what: string, path: string): Promise<{ text: string; filename: string | null }>;
}

/** The server's request for each report. */
const requests = {
  volume: 'reports:volume',
  times: 'reports:times',
  queue: 'reports:queue',
  csat: 'reports:csat',
  bot: 'reports:bot',
  sentiment: 'reports:sentiment',
  tags: 'reports:tags',
} as const satisfies Record<ReportName, AgentRequestName>;

/** The query string of GET /api/reports/export.csv: the report and the same period and filters. */
export function reportCsvPath(query: ReportCsvQuery): string {
  const params = new URLSearchParams({ report: query.report, from: query.from, to: query.to });
  if (query.channelKind) params.set('channelKind', query.channelKind);
  if (query.groupId) params.set('groupId', query.groupId);
  if (query.agentId) params.set('agentId', query.agentId);
  return `/api/reports/export.csv?${params.toString()}`;
}

/**
 * Reports (报表), read live from the server: nothing of them is cached, so offline each answers
 * `offline`. The server decides whose figures they are (agents only ever get their own).
 */
export function reportHandlers({ transport, download }: ReportDeps): Pick<ContractHandlers, ReportMethod> {
  return {
    'reports.get': async ({ report, ...query }) => {
      if (!transport.isOnline()) throw new AppError('offline', 'Reports need the connection');
      const answer = await transport.request(requests[report], query);
      // Named, the answer is one member of the union; parsing proves which (and that the server kept to the protocol).
      return reportResultSchema.parse({ ...answer, report });
    },
    'reports.csv': async (query) => {
      const { text, filename } = await download('Exporting a report', reportCsvPath(query));
      return { csv: text, filename: filename ?? `report-${query.report}-${query.from}-${query.to}.csv` };
    },
  };
}
