import type { ChannelKind } from '../../../shared/domain';
import { translator } from '../../../shared/i18n/desktop';
import type { Language } from '../../../shared/i18n/languages';
import type { WeeklyFigures } from './weekly-figures';
import { addDays, weekLastDay, type ReportWeek } from './weekly-schedule';
import { summaryWords, type SummaryWords } from './weekly-summary-words';

/** The most conversation tags the summary lists. */
export const SUMMARY_TOP_TAGS = 5;

/** One figure of the summary: this week, the previous one and the change, as people read them. */
export type SummaryRow = { label: string; current: string; previous: string; change: string; indent?: boolean };

export type WeeklySummary = { subject: string; text: string; html: string; rows: SummaryRow[] };

const DASH = '—';

/** A signed difference: "+6", "-2", "0". */
function signed(value: number, digits = 0): string {
  const rounded = Number(value.toFixed(digits));
  if (rounded === 0) return (0).toFixed(digits);
  return `${rounded > 0 ? '+' : '-'}${Math.abs(rounded).toFixed(digits)}`;
}

function durationText(words: SummaryWords, seconds: number): string {
  const s = Math.round(Math.abs(seconds));
  return words.duration(Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60);
}

type Kind = 'count' | 'duration' | 'percent' | 'rating';

/** A figure's row: how each kind of number is written and how its change is. */
function row(words: SummaryWords, label: string, kind: Kind, current: number | null, previous: number | null, indent = false): SummaryRow {
  const show = (v: number | null): string => {
    if (v === null) return DASH;
    if (kind === 'duration') return durationText(words, v);
    if (kind === 'percent') return `${v.toFixed(1)}%`;
    if (kind === 'rating') return v.toFixed(2);
    return String(v);
  };
  let change = DASH;
  if (current !== null && previous !== null) {
    const d = current - previous;
    if (kind === 'duration') change = d === 0 ? durationText(words, 0) : `${d > 0 ? '+' : '-'}${durationText(words, d)}`;
    else if (kind === 'percent') change = words.points(signed(d, 1));
    else if (kind === 'rating') change = signed(d, 2);
    else change = signed(d);
  }
  return { label, current: show(current), previous: show(previous), change, ...(indent ? { indent } : {}) };
}

/** The summary's figures in order: volume and by channel, times, queue, CSAT, bot, top tags. */
export function summaryRows(figures: WeeklyFigures, language: Language): SummaryRow[] {
  const w = summaryWords[language];
  const t = translator(language);
  const { volume, times, queue, csat, bot, tags } = figures;
  const rows: SummaryRow[] = [row(w, w.conversations, 'count', volume.current.conversations, volume.previous.conversations)];
  const byKind = (list: { channelKind: ChannelKind; conversations: number }[], kind: ChannelKind) => list.find((c) => c.channelKind === kind)?.conversations ?? 0;
  const kinds = [...new Set([...volume.current.byChannel, ...volume.previous.byChannel].map((c) => c.channelKind))];
  for (const kind of kinds) {
    rows.push(row(w, t(`channel.${kind}`), 'count', byKind(volume.current.byChannel, kind), byKind(volume.previous.byChannel, kind), true));
  }
  rows.push(
    row(w, w.firstResponseMedian, 'duration', times.current.firstResponse.medianSeconds, times.previous.firstResponse.medianSeconds),
    row(w, w.firstResponseP90, 'duration', times.current.firstResponse.p90Seconds, times.previous.firstResponse.p90Seconds),
    row(w, w.resolutionMedian, 'duration', times.current.resolution.medianSeconds, times.previous.resolution.medianSeconds),
    row(w, w.abandoned, 'percent', queue.current.abandonedPercent, queue.previous.abandonedPercent),
    row(w, w.leftMessages, 'count', queue.current.leftMessages, queue.previous.leftMessages),
    row(w, w.csatAverage, 'rating', csat.current.total.average, csat.previous.total.average),
    row(w, w.csatAnswers, 'count', csat.current.total.answers, csat.previous.total.answers),
    row(w, w.csatSatisfied, 'percent', csat.current.total.satisfiedPercent, csat.previous.total.satisfiedPercent),
    row(w, w.botResolution, 'percent', bot.current.resolutionPercent, bot.previous.resolutionPercent),
    row(w, w.botHandoff, 'percent', bot.current.handoffPercent, bot.previous.handoffPercent),
  );
  const before = new Map(tags.previous.tags.map((tag) => [tag.id, tag.conversations]));
  for (const tag of tags.current.tags.slice(0, SUMMARY_TOP_TAGS)) {
    rows.push(row(w, tag.name, 'count', tag.conversations, before.get(tag.id) ?? 0, true));
  }
  return rows;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The mail for one week in one language: subject, a plain-text body (one line per figure, with the
 * previous week and the change) and the same as a simple HTML table.
 */
export function composeWeeklySummary(input: { accountName: string; language: Language; week: ReportWeek; figures: WeeklyFigures }): WeeklySummary {
  const { accountName, language, week, figures } = input;
  const w = summaryWords[language];
  const from = week.weekStart;
  const to = weekLastDay(week);
  const previousFrom = addDays(week.weekStart, -7);
  const previousTo = addDays(week.weekStart, -1);
  const rows = summaryRows(figures, language);
  const tagRowsFrom = rows.length - Math.min(SUMMARY_TOP_TAGS, figures.tags.current.tags.length);
  const period = w.period(from, to, figures.volume.timeZone, previousFrom, previousTo);

  const text: string[] = [w.heading(accountName), period, ''];
  rows.forEach((r, i) => {
    if (i === tagRowsFrom) text.push('', `${w.topTags}:`);
    text.push(`${r.indent ? '  ' : ''}${w.line(r.label, r.current, r.previous, r.change)}`);
  });
  if (figures.tags.current.tags.length === 0) text.push('', w.noTags);
  text.push('', w.footer);

  const cell = (s: string, tag = 'td', style = '') => `<${tag} style="padding:4px 10px;border-bottom:1px solid #ddd;${style}">${escapeHtml(s)}</${tag}>`;
  const htmlRows = rows.map((r, i) => {
    const heading = i === tagRowsFrom ? `<tr>${cell(w.topTags, 'th', 'text-align:left;padding-top:14px')}<td></td><td></td><td></td></tr>` : '';
    const label = cell(r.label, 'td', r.indent ? 'padding-left:26px' : '');
    return `${heading}<tr>${label}${cell(r.current, 'td', 'text-align:right')}${cell(r.previous, 'td', 'text-align:right;color:#666')}${cell(r.change, 'td', 'text-align:right')}</tr>`;
  });
  const html = [
    `<!doctype html><html lang="${language}"><body style="font-family:sans-serif;color:#222">`,
    `<h2>${escapeHtml(w.heading(accountName))}</h2>`,
    `<p>${escapeHtml(period)}</p>`,
    '<table style="border-collapse:collapse">',
    `<thead><tr>${cell(w.columns.figure, 'th', 'text-align:left')}${cell(w.columns.current, 'th')}${cell(w.columns.previous, 'th')}${cell(w.columns.change, 'th')}</tr></thead>`,
    `<tbody>${htmlRows.join('')}</tbody></table>`,
    figures.tags.current.tags.length === 0 ? `<p>${escapeHtml(w.noTags)}</p>` : '',
    `<p style="color:#666;font-size:12px">${escapeHtml(w.footer)}</p>`,
    '</body></html>',
  ].join('\n');

  return { subject: w.subject(from, to), text: text.join('\n'), html, rows };
}
