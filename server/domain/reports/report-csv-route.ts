import type { FastifyInstance } from 'fastify';
import { reportCsvQuerySchema } from '../../../shared/reports';
import { parseInput } from '../../http/parse-input';
import { requestUser, type RequestAuthDeps } from '../../http/request-user';
import { reportCsv, reportFilename } from './report-csv';
import { runReport } from './run-report';

/**
 * GET /api/reports/export.csv?report=…&from=…&to=…[&channelKind=…][&groupId=…][&agentId=…]: one
 * report's tables as CSV (Authorization: Bearer <access token>), counted for the caller as the
 * `reports:*` requests count them (agents: their own figures).
 */
export function registerReportCsvRoute(app: FastifyInstance, deps: RequestAuthDeps): void {
  app.get('/api/reports/export.csv', async (request, reply) => {
    const user = await requestUser(request, deps);
    const { report, ...query } = parseInput(reportCsvQuerySchema, request.query);
    const answer = await runReport(deps.db, user, report, query, deps.clock());
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${reportFilename(report, answer)}"`)
      .header('cache-control', 'no-store')
      .send(reportCsv(report, answer));
  });
}
