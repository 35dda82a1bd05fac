import type { Queryable } from '../../db/db';
import type { ReportWeek } from './weekly-schedule';

/** A mailing this node holds the lease on: the week and who already got it. */
export type LeasedMailing = { accountId: string; weekStart: string; attempts: number; sentTo: string[] };

/** PGlite and node-postgres both give text[] as an array; a literal `{a,b}` is read too. */
function listOf(value: string[] | string | null): string[] {
  if (value === null) return [];
  return Array.isArray(value) ? value : value.replace(/^\{|\}$/g, '').split(',').filter(Boolean);
}

/** Whether the account was ever mailed a summary (a restart makes up a missed due time only for those). */
export async function hasMailings(db: Queryable, accountId: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM weekly_report_mailings WHERE account_id = $1 LIMIT 1', [accountId])).length > 0;
}

/** Claims the week's mailing for the account; a week claimed before (by any node) stays as it is. */
export async function claimWeek(db: Queryable, accountId: string, week: ReportWeek, dueAt: number): Promise<void> {
  await db.query(
    `INSERT INTO weekly_report_mailings (account_id, week_start, due_at, next_attempt_at) VALUES ($1, $2::date, $3, $3)
     ON CONFLICT (account_id, week_start) DO NOTHING`,
    [accountId, week.weekStart, new Date(dueAt)],
  );
}

/**
 * Takes the lease on the account's oldest mailing that is due and not held by another node (or
 * whose holder let its lease run out), until `now + leaseMs`. Null when there is none.
 */
export async function leaseDueMailing(db: Queryable, accountId: string, now: number, leaseMs: number): Promise<LeasedMailing | null> {
  const rows = await db.query<{ week_start: string; attempts: number | string; sent_to: string[] | string | null }>(
    `UPDATE weekly_report_mailings m SET leased_until = $3
      WHERE (m.account_id, m.week_start) = (
        SELECT account_id, week_start FROM weekly_report_mailings
         WHERE account_id = $1 AND status = 'pending' AND next_attempt_at <= $2 AND (leased_until IS NULL OR leased_until <= $2)
         ORDER BY week_start LIMIT 1 FOR UPDATE SKIP LOCKED)
        AND m.status = 'pending' AND (m.leased_until IS NULL OR m.leased_until <= $2)
      RETURNING to_char(m.week_start, 'YYYY-MM-DD') AS week_start, m.attempts, m.sent_to`,
    [accountId, new Date(now), new Date(now + leaseMs)],
  );
  const row = rows[0];
  return row ? { accountId, weekStart: row.week_start, attempts: Number(row.attempts), sentTo: listOf(row.sent_to) } : null;
}

/** One recipient has the mail: a retry leaves them out. */
export async function recordRecipient(db: Queryable, mailing: LeasedMailing, userId: string): Promise<void> {
  await db.query(
    'UPDATE weekly_report_mailings SET sent_to = array_append(sent_to, $3::text) WHERE account_id = $1 AND week_start = $2::date',
    [mailing.accountId, mailing.weekStart, userId],
  );
}

/** Everyone has the mail. */
export async function finishMailing(db: Queryable, mailing: LeasedMailing, now: number): Promise<void> {
  await db.query(
    `UPDATE weekly_report_mailings SET status = 'sent', sent_at = $3, leased_until = NULL, attempts = attempts + 1, last_error = NULL
      WHERE account_id = $1 AND week_start = $2::date`,
    [mailing.accountId, mailing.weekStart, new Date(now)],
  );
}

/** Some mails did not go: tried again at `retryAt`, or given up on (null). */
export async function failMailing(db: Queryable, mailing: LeasedMailing, error: string, retryAt: number | null): Promise<void> {
  await db.query(
    `UPDATE weekly_report_mailings SET attempts = attempts + 1, last_error = $3, leased_until = NULL,
       status = CASE WHEN $4::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
       next_attempt_at = COALESCE($4::timestamptz, next_attempt_at)
      WHERE account_id = $1 AND week_start = $2::date`,
    [mailing.accountId, mailing.weekStart, error.slice(0, 1000), retryAt === null ? null : new Date(retryAt)],
  );
}
