import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/db';
import type { Clock } from '../../lib/clock';
import { verifyAccessToken } from '../auth/access-token';
import { currentUser, toUser } from '../auth/user-repository';
import { exportAuditLog } from './audit-export';

export type AuditRouteDeps = { db: Db; secret: string; clock: Clock };

/**
 * GET /api/audit.csv[?query=…]: the account's audit log as CSV, for admins (Authorization: Bearer
 * <access token>), filtered like the `audit:list` search. The export is audited.
 */
export function registerAuditRoutes(app: FastifyInstance, deps: AuditRouteDeps): void {
  app.get('/api/audit.csv', async (request, reply) => {
    const header = request.headers.authorization;
    const token = typeof header === 'string' && /^Bearer /i.test(header) ? header.slice(7).trim() : undefined;
    const claims = await verifyAccessToken(token, deps.secret, deps.clock);
    const row = await currentUser(deps.db, claims);
    const raw = (request.query as Record<string, unknown> | undefined)?.query;
    if (raw !== undefined && (typeof raw !== 'string' || raw.length > 200)) {
      throw new AppError('bad_request', 'query: at most 200 characters');
    }
    // The role comes from the database, not the token: a demoted admin cannot export.
    const { filename, csv } = await exportAuditLog(deps.db, toUser(row), raw, deps.clock());
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .header('cache-control', 'no-store')
      .send(csv);
  });
}
