import type { FastifyInstance } from 'fastify';
import { ticketStatsQuerySchema } from '../../../../shared/ticket-stats';
import { parseInput } from '../../../http/parse-input';
import { requestUser, type RequestAuthDeps } from '../../../http/request-user';
import { ticketStatsCsv, ticketStatsFilename } from './stats-csv';
import { ticketStats } from './ticket-stats';

/**
 * GET /api/tickets/stats.csv?from=…&to=…[&departmentId=…][&typeId=…]: the `tickets:stats` figures
 * as CSV (Authorization: Bearer <access token>), counted for the caller as the request counts them.
 */
export function registerTicketStatsCsvRoute(app: FastifyInstance, deps: RequestAuthDeps): void {
  app.get('/api/tickets/stats.csv', async (request, reply) => {
    const user = await requestUser(request, deps);
    const query = parseInput(ticketStatsQuerySchema, request.query);
    const stats = await ticketStats(deps.db, user, query, deps.clock());
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${ticketStatsFilename(stats)}"`)
      .header('cache-control', 'no-store')
      .send(ticketStatsCsv(stats));
  });
}
