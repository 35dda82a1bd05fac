import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/db';
import type { Clock } from '../../lib/clock';
import { verifyAccessToken } from '../auth/access-token';
import { findUserById, toUser } from '../auth/user-repository';
import { AUDIT_CSV_HEADER, auditCsvLine, csvLine } from './audit-csv';
import { listAudit, recordAudit } from './audit-log';

export type AuditRouteDeps = { db: Db; secret: string; clock: Clock };

const PAGE = 500;

/** GET /api/audit.csv: the account's whole audit log as CSV, for admins (Authorization: Bearer <access token>). */
export function registerAuditRoutes(app: FastifyInstance, deps: AuditRouteDeps): void {
  app.get('/api/audit.csv', async (request, reply) => {
    const header = request.headers.authorization;
    const token = typeof header === 'string' && /^Bearer /i.test(header) ? header.slice(7).trim() : undefined;
    const claims = verifyAccessToken(token, deps.secret, deps.clock);
    const row = await findUserById(deps.db, claims.userId);
    if (!row || row.account_id !== claims.accountId) throw new AppError('unauthorized', 'this account no longer exists');
    // The role comes from the database, not the token: a demoted admin cannot export.
    const user = toUser(row);
    if (user.role !== 'admin') throw new AppError('forbidden', 'Only admins can export the audit log.');
    await deps.db.transaction((tx) =>
      recordAudit(tx, { accountId: user.accountId, actorId: user.id, action: 'audit_export', targetType: 'audit_log', targetId: null }),
    );
    async function* lines(): AsyncGenerator<string> {
      yield csvLine(AUDIT_CSV_HEADER);
      let before: number | undefined;
      for (;;) {
        const page = await listAudit(deps.db, user.accountId, { before, limit: PAGE });
        for (const entry of page) yield auditCsvLine(entry);
        if (page.length < PAGE) return;
        before = page[page.length - 1]!.id;
      }
    }
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="audit.csv"')
      .header('cache-control', 'no-store');
    return reply.send(Readable.from(lines()));
  });
}
