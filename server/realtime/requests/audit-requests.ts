import { exportAuditLog } from '../../domain/audit/audit-export';
import { listAudit } from '../../domain/audit/audit-log';
import type { AgentRequestContext } from './agent-request-context';

/** The audit log for admins: pages of entries, and the CSV export (which checks the role itself). */
export function registerAuditRequests({ serve, user, services }: AgentRequestContext): void {
  serve('audit:list', async ({ query, before, limit }) => {
    const entries = await listAudit(services.db, user.accountId, { query, before, limit });
    const last = entries[entries.length - 1];
    return { entries, nextBefore: entries.length === limit && last ? last.id : null };
  }, { roles: ['admin'], refusal: 'Only admins can read the audit log.' });

  serve('audit:export', async ({ query }) => {
    const { filename, csv } = await exportAuditLog(services.db, user, query, services.clock());
    return { filename, csv };
  });
}
