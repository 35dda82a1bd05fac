import type { Queryable } from '../../db/db';

export type SummaryRecipient = { id: string; email: string; name: string };

/** Who gets the weekly summary: the account's active supervisors and admins with an email address (never agents or department staff). */
export async function summaryRecipients(db: Queryable, accountId: string): Promise<SummaryRecipient[]> {
  return db.query<SummaryRecipient>(
    `SELECT id, email, name FROM users
      WHERE account_id = $1 AND role IN ('supervisor', 'admin') AND deactivated_at IS NULL AND email LIKE '%_@_%'
      ORDER BY role, name, id`,
    [accountId],
  );
}
