import { randomUUID } from 'node:crypto';
import type { TicketSlaNotice } from '../../../../shared/ticket-sla';
import type { TicketPriority, TicketStatus } from '../../../../shared/tickets';
import type { Queryable, Tx } from '../../../db/db';
import { nextSeq } from '../../../db/sequence';
import { decideSlaNotices } from './sla-notices';
import { slaTargetJoinsSql, warnBeforeMinutesSql } from './sla-sql';
import { DEFAULT_WARN_BEFORE_MINUTES, targetDueAt, type SlaClock } from './sla-state';

const MINUTE = 60_000;

/**
 * Tickets of an account that may owe a notice at `now`: a running target past due whose breach
 * was not told, or due before `horizon` (ms; now plus the account's longest warning) whose warning
 * was not. Reads the partial due-date indexes; a warned ticket waits out of the list until its due time.
 */
export async function slaCandidates(db: Queryable, accountId: string, now: number, horizon: number): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM tickets
      WHERE account_id = $1 AND deleted_at IS NULL AND status NOT IN ('solved', 'closed')
        AND ((first_responded_at IS NULL
              AND ((first_response_due_at <= $2 AND NOT ('first_breach' = ANY(sla_notices)))
                OR (first_response_due_at <= $3 AND NOT ('first_warn' = ANY(sla_notices)))))
          OR (resolution_due_at <= $2 AND NOT ('resolution_breach' = ANY(sla_notices)))
          OR (resolution_due_at <= $3 AND NOT ('resolution_warn' = ANY(sla_notices))))`,
    [accountId, new Date(now), new Date(horizon)],
  );
  return rows.map((r) => r.id);
}

/** The longest warn-before of an account's targets (at least the default): how far ahead a sweep looks. */
export async function longestWarnBefore(db: Queryable, accountId: string): Promise<number> {
  const [row] = await db.query<{ minutes: number | null }>(
    'SELECT max(warn_before_minutes) AS minutes FROM ticket_sla_targets WHERE account_id = $1', [accountId],
  );
  return Math.max(Number(row?.minutes ?? 0), DEFAULT_WARN_BEFORE_MINUTES) * MINUTE;
}

type LockedTicket = {
  id: string;
  account_id: string;
  number: number;
  subject: string;
  priority: TicketPriority;
  status: TicketStatus;
  department_id: string | null;
  assignee_id: string | null;
  first_response_due_at: Date | string | null;
  resolution_due_at: Date | string | null;
  first_responded_at: Date | string | null;
  solved_at: Date | string | null;
  closed_at: Date | string | null;
  sla_notices: string[];
  warn_before_minutes: number;
};

const ms = (value: Date | string | null): number | null => (value === null ? null : new Date(value).getTime());

/** One ticket's SLA notices, recorded, and who is to hear them (the assignee and the department's leads). */
export type RecordedSlaNotices = { accountId: string; userIds: string[]; notices: TicketSlaNotice[]; seqs: number[] };

/**
 * Inside `tx`: locks the ticket, decides what it owes at `now` from the locked row (so two nodes
 * never tell one notice twice), and records each notice as an `sla_warning` / `sla_breach` history
 * event under its own sequence number, with the marks that keep it from going again. The ticket
 * takes the last of them, so desktops syncing tickets read its new SLA state.
 */
export async function recordSlaNotices(tx: Tx, ticketId: string, now: number): Promise<RecordedSlaNotices | null> {
  const [t] = await tx.query<LockedTicket>(
    `SELECT t.id, t.account_id, t.number, t.subject, t.priority, t.status, t.department_id, t.assignee_id,
            t.first_response_due_at, t.resolution_due_at, t.first_responded_at, t.solved_at, t.closed_at, t.sla_notices,
            ${warnBeforeMinutesSql} AS warn_before_minutes
       FROM tickets t
       ${slaTargetJoinsSql('t')}
      WHERE t.id = $1 AND t.deleted_at IS NULL
        FOR UPDATE OF t`,
    [ticketId],
  );
  if (!t) return null;
  const clock: SlaClock = {
    status: t.status, firstResponseDueAt: ms(t.first_response_due_at), resolutionDueAt: ms(t.resolution_due_at),
    firstRespondedAt: ms(t.first_responded_at), solvedAt: ms(t.solved_at), closedAt: ms(t.closed_at),
  };
  const { notices, marks } = decideSlaNotices(clock, t.sla_notices, now, t.warn_before_minutes);
  if (marks.length === 0) return null;
  const at = new Date(now).toISOString();
  const told: TicketSlaNotice[] = [];
  const seqs: number[] = [];
  let seq = 0;
  for (const notice of notices) {
    const dueAt = new Date(targetDueAt(clock, notice.target)!).toISOString();
    seq = await nextSeq(tx, t.account_id);
    seqs.push(seq);
    await tx.query(
      `INSERT INTO ticket_events (id, account_id, ticket_id, kind, public, actor_type, actor_id, body, data, seq, created_at)
       VALUES ($1, $2, $3, $4, false, 'system', NULL, '', $5::jsonb, $6, $7)`,
      [randomUUID(), t.account_id, t.id, notice.kind === 'warning' ? 'sla_warning' : 'sla_breach', JSON.stringify({ target: notice.target, dueAt }), seq, new Date(now)],
    );
    told.push({
      ticketId: t.id, number: t.number, subject: t.subject, priority: t.priority, departmentId: t.department_id, assigneeId: t.assignee_id,
      target: notice.target, kind: notice.kind, dueAt, at,
    });
  }
  await tx.query('UPDATE tickets SET sla_notices = sla_notices || $2::text[], seq = $3 WHERE id = $1', [t.id, marks, seq]);
  const leads = t.department_id === null ? [] : await tx.query<{ user_id: string }>(
    'SELECT user_id FROM department_members WHERE department_id = $1 AND is_lead', [t.department_id],
  );
  const userIds = [...new Set([...(t.assignee_id ? [t.assignee_id] : []), ...leads.map((l) => l.user_id)])];
  return { accountId: t.account_id, userIds, notices: told, seqs };
}
