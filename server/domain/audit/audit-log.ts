import type { Queryable } from '../../db/db';

/** What was done, by whom, to what. Recorded in the same transaction as the action itself. */
export type AuditEntryInput = {
  accountId: string;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  details?: Record<string, unknown>;
};

export type AuditEntry = {
  id: number;
  action: string;
  actorId: string | null;
  actorName: string | null;
  targetType: string;
  targetId: string | null;
  details: Record<string, unknown>;
  createdAt: string;
};

/** Appends one entry; the table refuses updates and deletes, so it stays as written. */
export async function recordAudit(tx: Queryable, entry: AuditEntryInput): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (account_id, actor_id, action, target_type, target_id, details) VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
    [entry.accountId, entry.actorId, entry.action, entry.targetType, entry.targetId, JSON.stringify(entry.details ?? {})],
  );
}

export type AuditQuery = { query?: string; before?: number; limit: number };

type AuditRow = {
  id: number | string;
  action: string;
  actor_id: string | null;
  actor_name: string | null;
  target_type: string;
  target_id: string | null;
  details: unknown;
  created_at: Date | string;
};

/** Escapes LIKE wildcards so a search matches what was typed. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * One page of an account's entries, newest first, with the actor's name. `query` matches the
 * action, the target (type or id) or the actor's name; `before` is the id the last page ended at.
 */
export async function listAudit(db: Queryable, accountId: string, q: AuditQuery): Promise<AuditEntry[]> {
  const params: unknown[] = [accountId];
  let where = 'a.account_id = $1';
  if (q.before !== undefined) {
    params.push(q.before);
    where += ` AND a.id < $${params.length}`;
  }
  const text = q.query?.trim();
  if (text) {
    params.push(likePattern(text));
    const p = `$${params.length}`;
    where += ` AND (a.action ILIKE ${p} OR a.target_type ILIKE ${p} OR a.target_id ILIKE ${p} OR u.name ILIKE ${p})`;
  }
  params.push(q.limit);
  const rows = await db.query<AuditRow>(
    `SELECT a.id, a.action, a.actor_id, u.name AS actor_name, a.target_type, a.target_id, a.details, a.created_at
     FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
     WHERE ${where} ORDER BY a.id DESC LIMIT $${params.length}`,
    params,
  );
  return rows.map(toEntry);
}

function toEntry(row: AuditRow): AuditEntry {
  const details = typeof row.details === 'string' ? (JSON.parse(row.details) as unknown) : row.details;
  return {
    id: Number(row.id),
    action: row.action,
    actorId: row.actor_id,
    actorName: row.actor_name,
    targetType: row.target_type,
    targetId: row.target_id,
    details: details && typeof details === 'object' ? (details as Record<string, unknown>) : {},
    createdAt: row.created_at instanceof Date ? row.created_at.toISOString() : new Date(row.created_at).toISOString(),
  };
}
