import type { ReportAnswer, ReportFigures, ReportName } from '../../../shared/reports';
import { csvLine } from '../audit/audit-csv';

type Cell = string | number | null;
/** One table row: which table, its key and name, then the report's figures. */
type TableRow = [table: string, key: Cell, name: Cell, ...figures: Cell[]];

const duration = (d: { count: number; medianSeconds: number | null; p90Seconds: number | null }): Cell[] => [d.count, d.medianSeconds, d.p90Seconds];
const csat = (c: { answers: number; average: number | null; satisfiedPercent: number | null }): Cell[] => [c.answers, c.average, c.satisfiedPercent];

/** Each report's figure columns and its tables as rows (every table of the report in one CSV, told apart by `table`). */
const layouts: { [K in ReportName]: { columns: string[]; rows: (f: ReportFigures[K]) => TableRow[] } } = {
  volume: {
    columns: ['conversations'],
    rows: (f) => [
      ['total', null, null, f.conversations],
      ...f.byChannel.map((c): TableRow => ['channel', c.channelKind, c.channelKind, c.conversations]),
      ...f.byHour.map((h): TableRow => ['hour', h.hour, `${String(h.hour).padStart(2, '0')}:00`, h.conversations]),
      ...f.byDay.map((d): TableRow => ['day', d.date, d.date, d.conversations]),
    ],
  },
  times: {
    columns: ['count', 'median_seconds', 'p90_seconds'],
    rows: (f) => [
      ['first_response', null, null, ...duration(f.firstResponse)],
      ['handling', null, null, ...duration(f.handling)],
      ['resolution', null, null, ...duration(f.resolution)],
    ],
  },
  queue: {
    columns: ['queued', 'answered', 'abandoned', 'abandoned_percent', 'left_messages', 'wait_count', 'wait_median_seconds', 'wait_p90_seconds'],
    rows: (f) => [['queue', null, null, f.queued, f.answered, f.abandoned, f.abandonedPercent, f.leftMessages, ...duration(f.wait)]],
  },
  csat: {
    columns: ['answers', 'average', 'satisfied_percent'],
    rows: (f) => [
      ['total', null, null, ...csat(f.total)],
      ...f.byAgent.map((a): TableRow => ['agent', a.id, a.name, ...csat(a)]),
      ...f.byGroup.map((g): TableRow => ['group', g.id, g.name, ...csat(g)]),
      ...f.byChannel.map((c): TableRow => ['channel', c.channelKind, c.channelKind, ...csat(c)]),
    ],
  },
  bot: {
    columns: ['bot_conversations', 'resolved_by_bot', 'handed_over', 'resolution_percent', 'handoff_percent'],
    rows: (f) => [['bot', null, null, f.botConversations, f.resolvedByBot, f.handedOver, f.resolutionPercent, f.handoffPercent]],
  },
  sentiment: {
    columns: ['messages', 'average', 'upset'],
    rows: (f) => [['total', null, null, f.messages, f.average, f.upset], ...f.byDay.map((d): TableRow => ['day', d.date, d.date, d.messages, d.average, d.upset])],
  },
  tags: {
    columns: ['kind', 'conversations'],
    rows: (f) => f.tags.map((t): TableRow => ['tag', t.id, t.name, t.kind, t.conversations]),
  },
};

/** Lets Excel read the file as UTF-8 (Chinese names stay readable). */
export const UTF8_BOM = '\uFEFF';

/**
 * A report as CSV (RFC 4180, CRLF, UTF-8 with a BOM, formula-safe: a text starting with = + - @
 * is prefixed with '): one row per table row, for the period (`current`) and then the previous one.
 */
export function reportCsv<K extends ReportName>(name: K, answer: ReportAnswer<K>): string {
  const layout = layouts[name];
  const lines = [csvLine(['period', 'from', 'to', 'table', 'key', 'name', ...layout.columns])];
  for (const [label, period, figures] of [['current', answer.period, answer.current], ['previous', answer.previousPeriod, answer.previous]] as const) {
    for (const row of layout.rows(figures)) lines.push(csvLine([label, period.from, period.to, ...row]));
  }
  return UTF8_BOM + lines.join('');
}

/** `report-<name>-<from>-<to>.csv`, days in the account's time zone. */
export const reportFilename = (name: ReportName, answer: { period: { from: string; to: string } }) => `report-${name}-${answer.period.from}-${answer.period.to}.csv`;
