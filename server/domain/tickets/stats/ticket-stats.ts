import { ticketStatuses, type TicketStatus } from '../../../../shared/tickets';
import { AppError } from '../../../../shared/errors';
import { statsPeriodError, type TicketFigures, type TicketStats, type TicketStatsGroup, type TicketStatsQuery } from '../../../../shared/ticket-stats';
import type { Queryable } from '../../../db/db';
import type { Viewer } from '../../conversations/permissions';
import { statsFilter, type StatsFilter } from './stats-scope';

type FiguresRow = {
  by_type: number;
  by_department: number;
  by_status: number;
  type_id: string | null;
  department_id: string | null;
  status: TicketStatus | null;
  tickets: string | number;
  open: string | number;
  solved: string | number;
  avg_first: string | number | null;
  avg_solve: string | number | null;
  sla_met: string | number;
  sla_breached: string | number;
};

/**
 * The SLA outcome per target mirrors sla-state.ts (`targetState`), in SQL so a long period is
 * counted in the database: a target done (first reply, or solved/closed; solving also stops the
 * first-response clock) by its due time is met, after it breached; a running target breaches once
 * `now` passes its due time and is undecided before. A ticket met its SLA when every target it has
 * was met, and breached it when any target was.
 */
const FIGURES_SQL = (where: string) => /* sql */ `
WITH base AS (
  SELECT t.type_id, t.department_id, t.status, t.created_at, t.first_responded_at,
         t.first_response_due_at AS first_due, t.resolution_due_at AS resolution_due,
         CASE WHEN t.status IN ('solved', 'closed') THEN COALESCE(t.solved_at, t.closed_at) END AS finished_at
    FROM tickets t
   WHERE ${where}
), outcome AS (
  SELECT base.*,
         CASE WHEN first_due IS NULL THEN NULL
              WHEN COALESCE(first_responded_at, finished_at) IS NOT NULL THEN COALESCE(first_responded_at, finished_at) <= first_due
              WHEN $4::timestamptz >= first_due THEN false END AS first_met,
         CASE WHEN resolution_due IS NULL THEN NULL
              WHEN finished_at IS NOT NULL THEN finished_at <= resolution_due
              WHEN $4::timestamptz >= resolution_due THEN false END AS resolution_met
    FROM base
)
SELECT GROUPING(type_id)::int AS by_type, GROUPING(department_id)::int AS by_department, GROUPING(status)::int AS by_status,
       type_id, department_id, status,
       count(*) AS tickets,
       count(*) FILTER (WHERE status NOT IN ('solved', 'closed')) AS open,
       count(*) FILTER (WHERE status IN ('solved', 'closed')) AS solved,
       avg(EXTRACT(EPOCH FROM first_responded_at - created_at)) FILTER (WHERE first_responded_at IS NOT NULL) AS avg_first,
       avg(EXTRACT(EPOCH FROM finished_at - created_at)) FILTER (WHERE finished_at IS NOT NULL) AS avg_solve,
       count(*) FILTER (WHERE (first_due IS NOT NULL OR resolution_due IS NOT NULL)
                          AND (first_due IS NULL OR first_met) AND (resolution_due IS NULL OR resolution_met)) AS sla_met,
       count(*) FILTER (WHERE first_met IS FALSE OR resolution_met IS FALSE) AS sla_breached
  FROM outcome
 GROUP BY GROUPING SETS ((), (type_id), (department_id), (status))`;

const seconds = (value: string | number | null): number | null => (value === null ? null : Math.round(Number(value)));

function figuresOf(row: FiguresRow | undefined): TicketFigures {
  if (!row) return { tickets: 0, open: 0, solved: 0, avgFirstResponseSeconds: null, avgSolveSeconds: null, slaMet: 0, slaBreached: 0, slaMetPercent: null };
  const slaMet = Number(row.sla_met);
  const slaBreached = Number(row.sla_breached);
  const decided = slaMet + slaBreached;
  return {
    tickets: Number(row.tickets),
    open: Number(row.open),
    solved: Number(row.solved),
    avgFirstResponseSeconds: seconds(row.avg_first),
    avgSolveSeconds: seconds(row.avg_solve),
    slaMet,
    slaBreached,
    slaMetPercent: decided === 0 ? null : Math.round((slaMet / decided) * 1000) / 10,
  };
}

/** The WHERE clause and parameters ($1 account, $2 from, $3 to, $4 now, then the filters). */
function whereOf(accountId: string, query: TicketStatsQuery, filter: StatsFilter, now: number): { where: string; params: unknown[] } {
  const params: unknown[] = [accountId, new Date(query.from), new Date(query.to), new Date(now)];
  const clauses = ['t.account_id = $1', 't.deleted_at IS NULL', 't.created_at >= $2', 't.created_at < $3'];
  const param = (value: unknown) => `$${params.push(value)}`;
  if (filter.assigneeId !== null && filter.departmentIds !== null) {
    clauses.push(`(t.assignee_id = ${param(filter.assigneeId)} OR t.department_id = ANY(${param(filter.departmentIds)}::text[]))`);
  } else if (filter.assigneeId !== null) {
    clauses.push(`t.assignee_id = ${param(filter.assigneeId)}`);
  }
  if (filter.departmentId !== null) clauses.push(`t.department_id = ${param(filter.departmentId)}`);
  if (query.typeId !== undefined) clauses.push(`t.type_id = ${param(query.typeId)}`);
  return { where: clauses.join(' AND '), params };
}

const byCount = (a: TicketStatsGroup, b: TicketStatsGroup) => b.tickets - a.tickets || (a.name ?? '').localeCompare(b.name ?? '');

/**
 * Ticket figures for the tickets created in [from, to) that `user` may count (stats-scope.ts),
 * with SLA outcomes as of `now`. Deleted tickets are left out. A period backwards or longer than
 * TICKET_STATS_MAX_DAYS is `bad_request`.
 */
export async function ticketStats(db: Queryable, user: Viewer, query: TicketStatsQuery, now: number): Promise<TicketStats> {
  const wrong = statsPeriodError(query);
  if (wrong) throw new AppError('bad_request', wrong);
  const filter = await statsFilter(db, user, query.departmentId);
  const { where, params } = whereOf(user.accountId, query, filter, now);
  const rows = await db.query<FiguresRow>(FIGURES_SQL(where), params);
  const [types, departments] = await Promise.all([
    db.query<{ id: string; name: string }>('SELECT id, name FROM ticket_types WHERE account_id = $1', [user.accountId]),
    db.query<{ id: string; name: string }>('SELECT id, name FROM departments WHERE account_id = $1', [user.accountId]),
  ]);
  const typeNames = new Map(types.map((t) => [t.id, t.name]));
  const departmentNames = new Map(departments.map((d) => [d.id, d.name]));
  // GROUPING() is 0 for the column a row is grouped by, 1 for the others.
  const grouped = (type: number, department: number, status: number) =>
    rows.filter((r) => Number(r.by_type) === type && Number(r.by_department) === department && Number(r.by_status) === status);
  const statusCounts = new Map(grouped(1, 1, 0).map((r) => [r.status, Number(r.tickets)]));
  return {
    from: new Date(query.from).toISOString(),
    to: new Date(query.to).toISOString(),
    scope: filter.scope,
    totals: figuresOf(grouped(1, 1, 1)[0]),
    byStatus: ticketStatuses.map((status) => ({ status, tickets: statusCounts.get(status) ?? 0 })),
    byType: grouped(0, 1, 1)
      .map((r) => ({ id: r.type_id, name: r.type_id === null ? null : (typeNames.get(r.type_id) ?? null), ...figuresOf(r) }))
      .sort(byCount),
    byDepartment: grouped(1, 0, 1)
      .map((r) => ({ id: r.department_id, name: r.department_id === null ? null : (departmentNames.get(r.department_id) ?? null), ...figuresOf(r) }))
      .sort(byCount),
  };
}
