import type { AuditAction } from '../../../shared/audit-actions';
import type { Queryable } from '../../db/db';

/** What was done, by whom, to what. Recorded in the same transaction as the action itself. */
export type AuditEntryInput = {
  accountId: string;
  actorId: string | null;
  action: AuditAction;
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
  /** The target by name (a person, the customer of a conversation, a channel, a tag…), when it still exists. */
  targetLabel: string | null;
  /** A whisper's text: the log is read only by admins and supervisors, who may read whispers. */
  whisperText: string | null;
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
  target_label: string | null;
  whisper_text: string | null;
};

/**
 * The name of what an entry is about, looked up where it lives now, within the entry's account.
 * Each branch reads one row by primary key, so a page of entries costs a page of index lookups.
 */
const TARGET_LABEL = `CASE a.target_type
  WHEN 'user' THEN (SELECT t.name FROM users t WHERE t.id = a.target_id AND t.account_id = a.account_id)
  WHEN 'conversation' THEN (SELECT ct.name FROM conversations c JOIN contacts ct ON ct.id = c.contact_id
                            WHERE c.id = a.target_id AND c.account_id = a.account_id)
  WHEN 'contact' THEN (SELECT t.name FROM contacts t WHERE t.id = a.target_id AND t.account_id = a.account_id)
  WHEN 'channel' THEN (SELECT t.name FROM channels t WHERE t.id = a.target_id AND t.account_id = a.account_id)
  WHEN 'conversation_tag' THEN (SELECT t.name FROM conversation_tags t WHERE t.id = a.target_id AND t.account_id = a.account_id)
  WHEN 'skill_group' THEN (SELECT t.name FROM skill_groups t WHERE t.id = a.target_id AND t.account_id = a.account_id)
  WHEN 'kb_article' THEN (SELECT t.title FROM kb_articles t WHERE t.id = a.target_id AND t.account_id = a.account_id)
  WHEN 'ticket' THEN (SELECT t.subject FROM tickets t WHERE t.id = a.target_id AND t.account_id = a.account_id)
  WHEN 'department' THEN (SELECT t.name FROM departments t WHERE t.id = a.target_id AND t.account_id = a.account_id)
  WHEN 'ticket_type' THEN (SELECT t.name FROM ticket_types t WHERE t.id = a.target_id AND t.account_id = a.account_id)
  WHEN 'template' THEN (SELECT '/' || t.shortcut || ' ' || t.title FROM templates t WHERE t.id = a.target_id AND t.account_id = a.account_id)
END`;

const WHISPER_TEXT = `CASE WHEN a.action = 'whisper' THEN
  (SELECT m.body FROM messages m WHERE m.id = a.details->>'messageId' AND m.account_id = a.account_id) END`;

/** Escapes LIKE wildcards so a search matches what was typed. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * One page of an account's entries, newest first, with the actor's name and the target's. `query`
 * matches the action, the target (type, id or name) or the actor's name; `before` is the id the last page ended at.
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
    where += ` AND (a.action ILIKE ${p} OR a.target_type ILIKE ${p} OR a.target_id ILIKE ${p} OR u.name ILIKE ${p} OR (${TARGET_LABEL}) ILIKE ${p})`;
  }
  params.push(q.limit);
  const rows = await db.query<AuditRow>(
    `SELECT a.id, a.action, a.actor_id, u.name AS actor_name, a.target_type, a.target_id, a.details, a.created_at,
            ${TARGET_LABEL} AS target_label, ${WHISPER_TEXT} AS whisper_text
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
    targetLabel: row.target_label,
    whisperText: row.whisper_text,
  };
}
