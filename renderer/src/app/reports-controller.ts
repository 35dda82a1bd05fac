import type { SwitchboardBridge } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { answerOf, type ReportCsvFile } from '../../../shared/report-results';
import type { ReportAnswer, ReportCsvQuery, ReportName, ReportQuery } from '../../../shared/reports';
import { createCall } from '../bridge/call';

/** What the Reports screen asks of the client core: each read live from the server. */
export interface ReportsController {
  /** One report over the query's period, with the period before it. Throws an AppError the section shows. */
  get<K extends ReportName>(name: K, query: ReportQuery): Promise<ReportAnswer<K>>;
  /** One report's tables as a CSV file. Throws an AppError the section shows. */
  csv(query: ReportCsvQuery): Promise<ReportCsvFile>;
}

export function createReportsController(bridge: SwitchboardBridge): ReportsController {
  const call = createCall(bridge);
  return {
    async get(name, query) {
      const answer = answerOf(name, await call('reports.get', { ...query, report: name }));
      if (!answer) throw new AppError('internal', `reports.get answered another report than ${name}`);
      return answer;
    },
    csv: (query) => call('reports.csv', query),
  };
}
