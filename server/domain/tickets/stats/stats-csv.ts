import type { TicketFigures, TicketStats } from '../../../../shared/ticket-stats';
import { csvLine } from '../../audit/audit-csv';

export const TICKET_STATS_CSV_HEADER = [
  'group', 'id', 'name', 'tickets', 'open', 'solved', 'avg_first_response_minutes', 'avg_solve_minutes', 'sla_met', 'sla_breached', 'sla_met_percent',
];

const minutes = (seconds: number | null) => (seconds === null ? null : Math.round(seconds / 6) / 10);

const figureFields = (f: TicketFigures) => [
  f.tickets, f.open, f.solved, minutes(f.avgFirstResponseSeconds), minutes(f.avgSolveSeconds), f.slaMet, f.slaBreached, f.slaMetPercent,
];

/**
 * The figures as one CSV table (RFC 4180, CRLF, formula-safe like the audit export): the total,
 * then one row per type, per department and per status. Times in minutes with one decimal; empty
 * where there is nothing to average.
 */
export function ticketStatsCsv(stats: TicketStats): string {
  const lines = [csvLine(TICKET_STATS_CSV_HEADER), csvLine(['total', null, null, ...figureFields(stats.totals)])];
  for (const t of stats.byType) lines.push(csvLine(['type', t.id, t.name, ...figureFields(t)]));
  for (const d of stats.byDepartment) lines.push(csvLine(['department', d.id, d.name, ...figureFields(d)]));
  for (const s of stats.byStatus) lines.push(csvLine(['status', s.status, s.status, s.tickets, null, null, null, null, null, null, null]));
  return lines.join('');
}

/** `ticket-stats-<from>-<to>.csv`, dates in UTC. */
export const ticketStatsFilename = (stats: TicketStats) => `ticket-stats-${stats.from.slice(0, 10)}-${stats.to.slice(0, 10)}.csv`;
