import type { TimesFigures } from '../../../shared/reports';
import type { Queryable } from '../../db/db';
import { durationColumns, durationOf } from './report-durations';
import { botHandoff, firstAgentReply, startedConversations, windowParams, type ReportWindow } from './report-window';

/** First response, handling and resolution times of the conversations started in the window (see shared/reports.ts). */
export async function timesReport(db: Queryable, w: ReportWindow): Promise<TimesFigures> {
  const { params, param } = windowParams(w);
  const rows = await db.query<Record<string, unknown>>(
    `WITH base AS (
       SELECT EXTRACT(EPOCH FROM fa.at - COALESCE(ho.at, c.created_at)) AS first_seconds,
              CASE WHEN c.status = 'resolved' AND c.assigned_at IS NOT NULL THEN EXTRACT(EPOCH FROM c.resolved_at - c.assigned_at) END AS handling_seconds,
              CASE WHEN c.status = 'resolved' THEN EXTRACT(EPOCH FROM c.resolved_at - c.created_at) END AS resolution_seconds
         FROM ${startedConversations(w, param, `${firstAgentReply(w)} ${botHandoff(w)}`)})
     SELECT ${durationColumns('first', 'first_seconds')},
            ${durationColumns('handling', 'handling_seconds')},
            ${durationColumns('resolution', 'resolution_seconds')}
       FROM base`,
    params,
  );
  const row = rows[0]!;
  return { firstResponse: durationOf(row, 'first'), handling: durationOf(row, 'handling'), resolution: durationOf(row, 'resolution') };
}
