import { reportDays, UPSET_SENTIMENT, type SentimentFigures } from '../../../shared/reports';
import type { Queryable } from '../../db/db';
import { conversationFilters, num, roundOrNull, windowParams, type ReportWindow } from './report-window';

type Row = { by_day: number; day: string | null; messages: string | number; average: string | number | null; upset: string | number };

const pointOf = (row: Row | undefined) => ({ messages: num(row?.messages), average: roundOrNull(row?.average, 2), upset: num(row?.upset) });

/** The bot's sentiment score of the customer messages it read in the window, in all and per local day. */
export async function sentimentReport(db: Queryable, w: ReportWindow): Promise<SentimentFigures> {
  const { params, param } = windowParams(w);
  const tz = param(w.timeZone);
  const rows = await db.query<Row>(
    `SELECT GROUPING(day)::int AS by_day, to_char(day, 'YYYY-MM-DD') AS day, count(*) AS messages, avg(sentiment) AS average,
            count(*) FILTER (WHERE sentiment <= ${UPSET_SENTIMENT}) AS upset
       FROM (SELECT (b.created_at AT TIME ZONE ${tz}::text)::date AS day, b.sentiment
               FROM bot_turns b JOIN conversations c ON c.id = b.conversation_id JOIN channels ch ON ch.id = c.channel_id
              WHERE b.account_id = $1 AND b.created_at >= $2 AND b.created_at < $3${conversationFilters(w, param)}) t
      GROUP BY GROUPING SETS ((), (day))`,
    params,
  );
  const days = new Map(rows.filter((r) => num(r.by_day) === 0).map((r) => [r.day, r]));
  return {
    ...pointOf(rows.find((r) => num(r.by_day) === 1)),
    byDay: reportDays(w.from, w.to).map((date) => ({ date, ...pointOf(days.get(date)) })),
  };
}
