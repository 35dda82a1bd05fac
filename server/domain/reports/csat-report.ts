import { channelKindSchema } from '../../../shared/domain';
import type { CsatFigures, CsatReportFigures } from '../../../shared/reports';
import type { Queryable } from '../../db/db';
import { num, percentOf, roundOrNull, windowParams, type ReportWindow } from './report-window';

type Row = {
  by_agent: number; by_group: number; by_channel: number;
  agent_id: string | null; group_id: string | null; channel_kind: string | null;
  agent_name: string | null; group_name: string | null;
  answers: string | number; average: string | number | null; satisfied: string | number;
};

function figuresOf(row: Row | undefined): CsatFigures {
  const answers = num(row?.answers);
  return { answers, average: roundOrNull(row?.average, 2), satisfiedPercent: percentOf(num(row?.satisfied), answers) };
}

const byAnswers = <T extends CsatFigures & { name?: string | null }>(a: T, b: T) => b.answers - a.answers || (a.name ?? '').localeCompare(b.name ?? '');

/**
 * Satisfaction answers given in the window (the rating that counts per conversation), in all and
 * per agent, skill group and channel kind, as copied onto csat_answers when the survey was sent.
 */
export async function csatReport(db: Queryable, w: ReportWindow): Promise<CsatReportFigures> {
  const { params, param } = windowParams(w);
  const filters: string[] = [];
  if (w.channelKind !== null) filters.push(`a.channel_kind = ${param(w.channelKind)}`);
  if (w.groupId !== null) filters.push(`a.group_id = ${param(w.groupId)}`);
  if (w.agentId !== null) filters.push(`a.agent_id = ${param(w.agentId)}`);
  const rows = await db.query<Row>(
    `WITH grouped AS (
       SELECT GROUPING(a.agent_id)::int AS by_agent, GROUPING(a.group_id)::int AS by_group, GROUPING(a.channel_kind)::int AS by_channel,
              a.agent_id, a.group_id, a.channel_kind,
              count(*) AS answers, avg(a.rating) AS average, count(*) FILTER (WHERE a.rating >= 4) AS satisfied
         FROM csat_answers a
        WHERE a.account_id = $1 AND a.answered_at >= $2 AND a.answered_at < $3 ${filters.map((f) => `AND ${f}`).join(' ')}
        GROUP BY GROUPING SETS ((), (a.agent_id), (a.group_id), (a.channel_kind)))
     SELECT g.*, u.name AS agent_name, sg.name AS group_name
       FROM grouped g LEFT JOIN users u ON u.id = g.agent_id LEFT JOIN skill_groups sg ON sg.id = g.group_id`,
    params,
  );
  const grouped = (agent: number, group: number, channel: number) =>
    rows.filter((r) => num(r.by_agent) === agent && num(r.by_group) === group && num(r.by_channel) === channel);
  return {
    total: figuresOf(grouped(1, 1, 1)[0]),
    byAgent: grouped(0, 1, 1).map((r) => ({ id: r.agent_id, name: r.agent_name, ...figuresOf(r) })).sort(byAnswers),
    byGroup: grouped(1, 0, 1).map((r) => ({ id: r.group_id, name: r.group_name, ...figuresOf(r) })).sort(byAnswers),
    byChannel: grouped(1, 1, 0)
      .map((r) => ({ channelKind: channelKindSchema.parse(r.channel_kind), ...figuresOf(r) }))
      .sort((a, b) => b.answers - a.answers || a.channelKind.localeCompare(b.channelKind)),
  };
}
