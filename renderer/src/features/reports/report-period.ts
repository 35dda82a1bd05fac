import { reportPeriodError, type ReportQuery } from '../../../../shared/reports';

/** The periods offered at a click; `custom` is any from/to the person types. */
export const periodPresets = ['today', 'last7', 'last30', 'thisMonth'] as const;
export type PeriodPreset = (typeof periodPresets)[number];

/** A period as picked: calendar days, both included ("2026-11-01" … "2026-11-30"). */
export type PickedPeriod = { preset: PeriodPreset | 'custom'; fromDay: string; toDay: string };

/** The filters a report can be narrowed by ('' for any). */
export type ReportFilters = { channelKind: string; groupId: string; agentId: string };
export const NO_FILTERS: ReportFilters = { channelKind: '', groupId: '', agentId: '' };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** This computer's calendar day at `now` (the day the person sees on their clock). */
export function localDay(now: number): string {
  const d = new Date(now);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `day` moved by `days` calendar days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A preset's days up to and including `today`: this month is the month so far. */
export function presetPeriod(preset: PeriodPreset, today: string): PickedPeriod {
  switch (preset) {
    case 'today':
      return { preset, fromDay: today, toDay: today };
    case 'last7':
      return { preset, fromDay: addDays(today, -6), toDay: today };
    case 'last30':
      return { preset, fromDay: addDays(today, -29), toDay: today };
    case 'thisMonth':
      return { preset, fromDay: `${today.slice(0, 8)}01`, toDay: today };
  }
}

/**
 * The server's query for a period and filters: `to` is the day after the last day picked (the
 * server counts [from, to)). Null when a day is missing or not a real one, or the period is
 * backwards or longer than the server allows.
 */
export function reportQueryOf(period: Pick<PickedPeriod, 'fromDay' | 'toDay'>, filters: ReportFilters, canFilterAgent: boolean): ReportQuery | null {
  if (!DAY.test(period.fromDay) || !DAY.test(period.toDay)) return null;
  if (Number.isNaN(Date.parse(`${period.fromDay}T00:00:00Z`)) || Number.isNaN(Date.parse(`${period.toDay}T00:00:00Z`))) return null;
  // Date.parse accepts 2026-02-30 (as March 2nd): a day must come back as itself.
  if (addDays(period.fromDay, 0) !== period.fromDay || addDays(period.toDay, 0) !== period.toDay) return null;
  const query: ReportQuery = { from: period.fromDay, to: addDays(period.toDay, 1) };
  if (reportPeriodError(query)) return null;
  if (filters.channelKind) query.channelKind = filters.channelKind as ReportQuery['channelKind'];
  if (filters.groupId) query.groupId = filters.groupId;
  if (canFilterAgent && filters.agentId) query.agentId = filters.agentId;
  return query;
}
