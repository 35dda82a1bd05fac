import type { Queryable } from '../../db/db';

/**
 * The account's time zone: the one of its ticket business hours, else of its first skill group
 * with business hours, else UTC. Reports count days and hours in it.
 */
export async function accountTimeZone(db: Queryable, accountId: string): Promise<string> {
  const rows = await db.query<{ tz: string | null }>(
    `SELECT COALESCE(
       (SELECT business_hours->>'timezone' FROM ticket_settings WHERE account_id = $1 AND business_hours IS NOT NULL),
       (SELECT business_hours->>'timezone' FROM skill_groups WHERE account_id = $1 AND business_hours IS NOT NULL ORDER BY name, id LIMIT 1),
       'UTC') AS tz`,
    [accountId],
  );
  return rows[0]?.tz ?? 'UTC';
}

/** The instants local days `from` and `to` start at in `timeZone`. */
export async function dayStarts(db: Queryable, from: string, to: string, timeZone: string): Promise<{ start: Date; end: Date }> {
  const rows = await db.query<{ start: Date | string; end: Date | string }>(
    `SELECT ($1::date::timestamp AT TIME ZONE $3::text) AS start, ($2::date::timestamp AT TIME ZONE $3::text) AS "end"`,
    [from, to, timeZone],
  );
  const row = rows[0]!;
  return { start: new Date(row.start), end: new Date(row.end) };
}
