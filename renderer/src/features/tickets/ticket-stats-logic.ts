import type { TicketStatsQuery } from '../../../../shared/ticket-stats';
import type { Translate } from '../../i18n/translate';

/** The stats panel's period as picked: local calendar days, both included ("2026-11-07" … "2026-12-06"). */
export type StatsPeriod = { fromDay: string; toDay: string };

const DAY_MS = 86_400_000;

function localDay(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The last 30 days up to and including today. */
export function lastThirtyDays(now: number): StatsPeriod {
  return { fromDay: localDay(now - 29 * DAY_MS), toDay: localDay(now) };
}

/** The query for a period: from the first day's local midnight to the midnight after the last day; null when a day is missing. */
export function statsQueryOf(period: StatsPeriod, filters: { departmentId?: string; typeId?: string }): TicketStatsQuery | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(period.fromDay) || !/^\d{4}-\d{2}-\d{2}$/.test(period.toDay)) return null;
  const from = new Date(`${period.fromDay}T00:00:00`);
  const to = new Date(`${period.toDay}T00:00:00`);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return null;
  to.setDate(to.getDate() + 1);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    ...(filters.departmentId ? { departmentId: filters.departmentId } : {}),
    ...(filters.typeId ? { typeId: filters.typeId } : {}),
  };
}

/** A time span as people say it: "45 s", "12 min", "3 h 5 min", "2 d 4 h"; "—" without one. */
export function formatSpan(t: Translate, seconds: number | null): string {
  if (seconds === null) return '—';
  const s = Math.round(seconds);
  if (s < 60) return t('tickets.stats.span.seconds', { s });
  const minutes = Math.round(s / 60);
  if (minutes < 60) return t('tickets.stats.span.minutes', { m: minutes });
  const h = Math.floor(minutes / 60);
  if (h < 24) return t('tickets.stats.span.hours', { h, m: minutes % 60 });
  return t('tickets.stats.span.days', { d: Math.floor(h / 24), h: h % 24 });
}

/** "92.5 %", or "—" when no ticket's SLA is decided yet. */
export function formatPercent(percent: number | null): string {
  return percent === null ? '—' : `${percent} %`;
}
