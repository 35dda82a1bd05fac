import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/errors';
import { ticketPriorities, type SlaTarget, type TicketPriority } from '../../../../shared/tickets';
import type { Db, Queryable } from '../../../db/db';
import { recordAudit } from '../../audit/audit-log';
import type { Viewer } from '../../conversations/permissions';
import { requireAdmin } from '../../team/require-admin';

type TargetRow = {
  type_id: string | null;
  priority: TicketPriority;
  first_response_minutes: number | null;
  resolution_minutes: number | null;
  warn_before_minutes: number;
};

const priorityOrder = (p: TicketPriority) => ticketPriorities.indexOf(p);

/** Every SLA target of an account: the defaults (type null) first, then by type, each by priority. */
export async function listSlaTargets(db: Queryable, accountId: string): Promise<SlaTarget[]> {
  const rows = await db.query<TargetRow & { position: number | null }>(
    `SELECT s.type_id, s.priority, s.first_response_minutes, s.resolution_minutes, s.warn_before_minutes, tt.position
       FROM ticket_sla_targets s LEFT JOIN ticket_types tt ON tt.id = s.type_id
      WHERE s.account_id = $1`,
    [accountId],
  );
  return rows
    .sort((a, b) => (a.type_id === null ? -1 : (a.position ?? 0)) - (b.type_id === null ? -1 : (b.position ?? 0))
      || (a.type_id ?? '').localeCompare(b.type_id ?? '') || priorityOrder(a.priority) - priorityOrder(b.priority))
    .map((r) => ({
      typeId: r.type_id, priority: r.priority, firstResponseMinutes: r.first_response_minutes,
      resolutionMinutes: r.resolution_minutes, warnBeforeMinutes: r.warn_before_minutes,
    }));
}

/** Admins: the account's SLA targets. */
export async function readSlaTargets(db: Queryable, admin: Viewer): Promise<SlaTarget[]> {
  requireAdmin(admin, 'read the SLA targets');
  return listSlaTargets(db, admin.accountId);
}

const keyOf = (t: Pick<SlaTarget, 'typeId' | 'priority'>) => `${t.typeId ?? ''}\u0000${t.priority}`;

/**
 * Admins replace the account's SLA targets with `targets` (one per type and priority; type null
 * is the default for a priority). A target needs a first-response or a resolution time; its type
 * must be one of the account's. Audited as `ticket_sla.update` with the set before and after when
 * it changed. Tickets keep the due times they were given; new tickets use the new targets.
 */
export async function saveSlaTargets(db: Db, admin: Viewer, targets: readonly SlaTarget[]): Promise<{ targets: SlaTarget[]; changed: boolean }> {
  requireAdmin(admin, 'change the SLA targets');
  const seen = new Set<string>();
  for (const t of targets) {
    if (seen.has(keyOf(t))) throw new AppError('bad_request', `Two targets for the same type and priority (${t.priority}).`);
    seen.add(keyOf(t));
    if (t.firstResponseMinutes === null && t.resolutionMinutes === null) {
      throw new AppError('bad_request', 'A target needs a first-response or a resolution time.');
    }
  }
  return db.transaction(async (tx) => {
    const [locked] = await tx.query<{ id: string }>('SELECT id FROM accounts WHERE id = $1 FOR UPDATE', [admin.accountId]);
    if (!locked) throw new AppError('not_found', 'this account no longer exists');
    const typeIds = [...new Set(targets.map((t) => t.typeId).filter((id): id is string => id !== null))];
    if (typeIds.length > 0) {
      const known = new Set((await tx.query<{ id: string }>(
        'SELECT id FROM ticket_types WHERE account_id = $1 AND id = ANY($2::text[])', [admin.accountId, typeIds],
      )).map((r) => r.id));
      const missing = typeIds.find((id) => !known.has(id));
      if (missing) throw new AppError('not_found', `There is no ticket type ${missing} in this team.`, { typeId: missing });
    }
    const before = await listSlaTargets(tx, admin.accountId);
    await tx.query('DELETE FROM ticket_sla_targets WHERE account_id = $1', [admin.accountId]);
    for (const t of targets) {
      await tx.query(
        `INSERT INTO ticket_sla_targets (id, account_id, type_id, priority, first_response_minutes, resolution_minutes, warn_before_minutes)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [randomUUID(), admin.accountId, t.typeId, t.priority, t.firstResponseMinutes, t.resolutionMinutes, t.warnBeforeMinutes],
      );
    }
    const after = await listSlaTargets(tx, admin.accountId);
    const changed = JSON.stringify(before) !== JSON.stringify(after);
    if (changed) {
      await recordAudit(tx, {
        accountId: admin.accountId, actorId: admin.id, action: 'ticket_sla.update', targetType: 'ticket_sla', targetId: admin.accountId,
        details: { before, after },
      });
    }
    return { targets: after, changed };
  });
}
