import { ABANDONED_AFTER_MINUTES, type QueueFigures } from '../../../shared/reports';
import type { Queryable } from '../../db/db';
import { durationColumns, durationOf } from './report-durations';
import { botHandoff, firstAgentReply, num, percentOf, startedConversations, windowParams, type ReportWindow } from './report-window';

type Row = Record<'queued' | 'answered' | 'abandoned' | 'left_messages' | 'wait_count' | 'wait_p', unknown>;

/** Queue wait, answered, abandoned and left messages of the conversations started in the window (see shared/reports.ts). */
export async function queueReport(db: Queryable, w: ReportWindow): Promise<QueueFigures> {
  const { params, param } = windowParams(w);
  const now = param(w.now);
  const rows = await db.query<Row>(
    `WITH base AS (
       SELECT c.left_message, fa.at IS NOT NULL AS answered,
              c.status = 'resolved' OR (c.assigned_at IS NULL AND c.last_message_at < ${now}::timestamptz - interval '${ABANDONED_AFTER_MINUTES} minutes') AS gone,
              EXTRACT(EPOCH FROM c.assigned_at - COALESCE(ho.at, c.created_at)) AS wait_seconds
         FROM ${startedConversations(w, param, `${firstAgentReply(w)} ${botHandoff(w)}`)} AND c.routing_state <> 'bot')
     SELECT count(*) AS queued,
            count(*) FILTER (WHERE answered) AS answered,
            count(*) FILTER (WHERE NOT left_message AND NOT answered AND gone) AS abandoned,
            count(*) FILTER (WHERE left_message) AS left_messages,
            ${durationColumns('wait', 'wait_seconds')}
       FROM base`,
    params,
  );
  const row = rows[0]!;
  const queued = num(row.queued as string);
  const abandoned = num(row.abandoned as string);
  return {
    queued,
    answered: num(row.answered as string),
    abandoned,
    abandonedPercent: percentOf(abandoned, queued),
    leftMessages: num(row.left_messages as string),
    wait: durationOf(row, 'wait'),
  };
}
