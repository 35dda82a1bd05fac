import { channelKindSchema, type ChannelKind } from '../../../shared/domain';
import { reportDays, type VolumeFigures } from '../../../shared/reports';
import type { Queryable } from '../../db/db';
import { num, startedConversations, windowParams, type ReportWindow } from './report-window';

type Row = { by_kind: number; by_hour: number; by_day: number; kind: string | null; hour: number | null; day: string | null; conversations: string | number };

/** Conversations started in the window: in all, per channel kind, per local hour of day and per local day. */
export async function volumeReport(db: Queryable, w: ReportWindow): Promise<VolumeFigures> {
  const { params, param } = windowParams(w);
  const tz = param(w.timeZone);
  const rows = await db.query<Row>(
    `WITH base AS (
       SELECT ch.kind, extract(hour FROM c.created_at AT TIME ZONE ${tz}::text)::int AS hour, (c.created_at AT TIME ZONE ${tz}::text)::date AS day
         FROM ${startedConversations(w, param)})
     SELECT GROUPING(kind)::int AS by_kind, GROUPING(hour)::int AS by_hour, GROUPING(day)::int AS by_day,
            kind, hour, to_char(day, 'YYYY-MM-DD') AS day, count(*) AS conversations
       FROM base GROUP BY GROUPING SETS ((), (kind), (hour), (day))`,
    params,
  );
  // GROUPING() is 0 for the column a row is grouped by.
  const grouped = (kind: number, hour: number, day: number) =>
    rows.filter((r) => num(r.by_kind) === kind && num(r.by_hour) === hour && num(r.by_day) === day);
  const hours = new Map(grouped(1, 0, 1).map((r) => [num(r.hour), num(r.conversations)]));
  const days = new Map(grouped(1, 1, 0).map((r) => [r.day, num(r.conversations)]));
  return {
    conversations: num(grouped(1, 1, 1)[0]?.conversations),
    byChannel: grouped(0, 1, 1)
      .map((r) => ({ channelKind: channelKindSchema.parse(r.kind) as ChannelKind, conversations: num(r.conversations) }))
      .sort((a, b) => b.conversations - a.conversations || a.channelKind.localeCompare(b.channelKind)),
    byHour: Array.from({ length: 24 }, (_, hour) => ({ hour, conversations: hours.get(hour) ?? 0 })),
    byDay: reportDays(w.from, w.to).map((date) => ({ date, conversations: days.get(date) ?? 0 })),
  };
}
