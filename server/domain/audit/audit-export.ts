import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/db';
import type { Viewer } from '../conversations/permissions';
import { AUDIT_CSV_HEADER, auditCsvLine, csvLine } from './audit-csv';
import { listAudit, recordAudit } from './audit-log';

export type AuditExport = { filename: string; csv: string; rows: number };

const PAGE = 500;

/** `audit-log-YYYY-MM-DD.csv`, dated in UTC. */
export const auditExportFilename = (now: number) => `audit-log-${new Date(now).toISOString().slice(0, 10)}.csv`;

/**
 * Admins: the account's audit log, newest first, filtered like `listAudit` by `query`, as CSV.
 * The export is itself recorded (action `export`) in the same transaction, with how many entries
 * it held; it is not part of the file it describes. Both the socket request and the HTTP route
 * export through here.
 */
export async function exportAuditLog(db: Db, user: Viewer, query: string | undefined, now: number): Promise<AuditExport> {
  if (user.role !== 'admin') throw new AppError('forbidden', 'Only admins can export the audit log.');
  const filter = query?.trim() || undefined;
  return db.transaction(async (tx) => {
    const lines = [csvLine(AUDIT_CSV_HEADER)];
    let rows = 0;
    let before: number | undefined;
    for (;;) {
      const page = await listAudit(tx, user.accountId, { query: filter, before, limit: PAGE });
      for (const entry of page) lines.push(auditCsvLine(entry));
      rows += page.length;
      const last = page[page.length - 1];
      if (page.length < PAGE || !last) break;
      before = last.id;
    }
    await recordAudit(tx, {
      accountId: user.accountId, actorId: user.id, action: 'export', targetType: 'audit_log', targetId: null,
      details: { what: 'audit_log', query: filter ?? null, rows },
    });
    return { filename: auditExportFilename(now), csv: lines.join(''), rows };
  });
}
