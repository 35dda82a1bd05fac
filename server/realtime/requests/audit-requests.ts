import { exportAuditLog } from '../../domain/audit/audit-export';
import { listAudit } from '../../domain/audit/audit-log';
import type { AgentRequestContext } from './agent-request-context';

/**
 * The audit log for admins and supervisors (who review who downloaded which file, who whispered
 * what): pages of entries; the CSV export is the admins' (it checks the role itself).
 */
export function registerAuditRequests({ serve, user, services }: AgentRequestContext): void {
  serve('audit:list', async ({ query, before, limit }) => {
    const entries = await listAudit(services.db, user.accountId, { query, before, limit });
    const last = entries[entries.length - 1];
    return { entries, nextBefore: entries.length === limit && last ? last.id : null };
  }, { roles: ['admin', 'supervisor'], refusal: 'Only admins and supervisors can read the audit log.' });

  serve('audit:export', async ({ query }) => {
    const { filename, csv } = await exportAuditLog(services.db, user, query, services.clock());
    return { filename, csv };
  });
}
