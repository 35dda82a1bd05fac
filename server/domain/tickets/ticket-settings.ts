import type { TicketSettings } from '../../../shared/tickets-admin';
import type { TicketPriority } from '../../../shared/tickets';
import type { Queryable } from '../../db/db';
import { addBusinessMinutes, parseBusinessHours } from '../routing/business-hours';

type SettingsRow = { reopen_days: number; close_after_days: number; business_hours: unknown; email_address: string | null };

/** The account's ticket settings (the defaults until an admin saves them). */
export async function readTicketSettings(db: Queryable, accountId: string): Promise<TicketSettings> {
  const rows = await db.query<SettingsRow>('SELECT reopen_days, close_after_days, business_hours, email_address FROM ticket_settings WHERE account_id = $1', [accountId]);
  const row = rows[0];
  if (!row) return { reopenDays: 7, closeAfterDays: 14, businessHours: null, emailAddress: null };
  return {
    reopenDays: Number(row.reopen_days),
    closeAfterDays: Number(row.close_after_days),
    businessHours: parseBusinessHours(typeof row.business_hours === 'string' ? JSON.parse(row.business_hours) : row.business_hours),
    emailAddress: row.email_address,
  };
}

/** The next ticket number of the account (1, 2, …), taken under the settings row's lock. */
export async function nextTicketNumber(tx: Queryable, accountId: string): Promise<number> {
  await tx.query('INSERT INTO ticket_settings (account_id) VALUES ($1) ON CONFLICT (account_id) DO NOTHING', [accountId]);
  const rows = await tx.query<{ number: number }>(
    'UPDATE ticket_settings SET next_number = next_number + 1 WHERE account_id = $1 RETURNING next_number - 1 AS number',
    [accountId],
  );
  return Number(rows[0]!.number);
}

/**
 * The first-response and resolution due times of a ticket opened at `from` (ms): the SLA target
 * for its type and priority (else the account default for the priority), counted in business
 * minutes of the account's ticket hours. Null where there is no target.
 */
export async function slaDueTimes(
  tx: Queryable, accountId: string, typeId: string | null, priority: TicketPriority, from: number,
): Promise<{ firstResponseDueAt: Date | null; resolutionDueAt: Date | null }> {
  const targets = await tx.query<{ first_response_minutes: number | null; resolution_minutes: number | null }>(
    `SELECT first_response_minutes, resolution_minutes FROM ticket_sla_targets
      WHERE account_id = $1 AND priority = $2 AND (type_id = $3 OR type_id IS NULL)
      ORDER BY type_id NULLS LAST LIMIT 1`,
    [accountId, priority, typeId],
  );
  const target = targets[0];
  if (!target) return { firstResponseDueAt: null, resolutionDueAt: null };
  const { businessHours } = await readTicketSettings(tx, accountId);
  const due = (minutes: number | null) => {
    if (minutes === null) return null;
    const at = addBusinessMinutes(businessHours, from, Number(minutes));
    return at === null ? null : new Date(at);
  };
  return { firstResponseDueAt: due(target.first_response_minutes), resolutionDueAt: due(target.resolution_minutes) };
}
