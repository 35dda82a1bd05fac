import type { Translate } from '../../i18n/translate';
import { formatSpan } from '../tickets/ticket-stats-logic';

/** What a figure counts, which decides how it is written and how its change is measured. */
export type FigureKind = 'count' | 'percent' | 'seconds' | 'rating' | 'score';

/** Whether a rise is good news (answers), bad news (waiting, abandoned) or neither (volume). */
export type Better = 'higher' | 'lower' | 'neither';

/**
 * How a figure moved against the previous period: the direction and how much, in % of the
 * previous value, or in percentage points for a figure that is itself a percentage. `amount` is
 * null when the previous value was 0 (no ratio to give). Null when either period has no value.
 */
export type Change = { direction: 'up' | 'down' | 'same'; amount: number | null; unit: '%' | 'pt' };

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

export function changeOf(current: number | null | undefined, previous: number | null | undefined, kind: FigureKind): Change | null {
  if (current === null || current === undefined || previous === null || previous === undefined) return null;
  const direction = current > previous ? 'up' : current < previous ? 'down' : 'same';
  if (kind === 'percent') return { direction, amount: oneDecimal(Math.abs(current - previous)), unit: 'pt' };
  if (previous === 0) return { direction, amount: direction === 'same' ? 0 : null, unit: '%' };
  return { direction, amount: oneDecimal((Math.abs(current - previous) / Math.abs(previous)) * 100), unit: '%' };
}

/** "▲ 50 %", "▼ 2.5 pt", "= 0 %", "▲ new" (from nothing), or "—" (nothing to compare): the arrow, never only a colour, says which way. */
export function formatChange(t: Translate, change: Change | null): string {
  if (!change) return '—';
  if (change.direction === 'same') return `= 0 ${change.unit === 'pt' ? t('reports.change.points') : '%'}`;
  const arrow = change.direction === 'up' ? '▲' : '▼';
  if (change.amount === null) return `${arrow} ${t('reports.change.new')}`;
  return `${arrow} ${change.amount} ${change.unit === 'pt' ? t('reports.change.points') : '%'}`;
}

/** The words a screen reader says for a change ("up 50 % on the previous period"). */
export function describeChange(t: Translate, change: Change | null): string {
  if (!change) return t('reports.change.none');
  if (change.direction === 'same') return t('reports.change.same');
  const amount = change.amount === null ? t('reports.change.new') : `${change.amount} ${change.unit === 'pt' ? t('reports.change.points') : '%'}`;
  return t(change.direction === 'up' ? 'reports.change.up' : 'reports.change.down', { amount });
}

/** Good, bad or neutral news, for the colour (the arrow already says the direction). */
export function toneOf(change: Change | null, better: Better): 'good' | 'bad' | 'neutral' {
  if (!change || change.direction === 'same' || better === 'neither') return 'neutral';
  return (change.direction === 'up') === (better === 'higher') ? 'good' : 'bad';
}

/** A figure as written in tables: counts as they are, "12.5 %", durations as people say them, ratings and scores with two decimals. */
export function formatFigure(t: Translate, value: number | null | undefined, kind: FigureKind): string {
  if (value === null || value === undefined) return '—';
  switch (kind) {
    case 'count':
      return String(value);
    case 'percent':
      return `${value} %`;
    case 'seconds':
      return formatDuration(t, value);
    case 'rating':
    case 'score':
      return value.toFixed(2);
  }
}

/**
 * A report's duration: as the ticket figures write one ("45 s", "3 h 5 min", "2 d 4 h"), except
 * that under an hour the seconds stay ("1 min 30 s"): medians of quick replies differ by seconds.
 */
export function formatDuration(t: Translate, seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60 || s >= 3600) return formatSpan(t, s);
  return s % 60 === 0 ? t('tickets.stats.span.minutes', { m: s / 60 }) : t('reports.span.minutesSeconds', { m: Math.floor(s / 60), s: s % 60 });
}
