import type { Language, Translate } from '../i18n/translate';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function parse(iso: string): Date | null {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : new Date(ms);
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** "14:03" in the user's locale. */
export function formatClock(iso: string, language: Language): string {
  const date = parse(iso);
  if (!date) return '';
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}

/** A full date and time for tooltips and screen readers. */
export function formatFull(iso: string, language: Language): string {
  const date = parse(iso);
  if (!date) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** Compact time for the inbox: "now", "5 min", "3 h", "Yesterday", then a date. */
export function formatRelative(iso: string, now: number, t: Translate, language: Language): string {
  const date = parse(iso);
  if (!date) return '';
  const diff = now - date.getTime();
  if (diff < MINUTE) return t('time.justNow');
  if (diff < HOUR) return t('time.minutes', { n: Math.floor(diff / MINUTE) });
  const today = new Date(now);
  if (diff < 12 * HOUR || sameDay(date, today)) return t('time.hours', { n: Math.floor(diff / HOUR) });
  const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
  if (sameDay(date, yesterday)) return t('time.yesterday');
  const sameYear = date.getFullYear() === today.getFullYear();
  return new Intl.DateTimeFormat(language, {
    month: 'short',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(date);
}

/** Whole seconds from `now` until `iso`, never negative; null when there is no time. */
export function secondsUntil(iso: string | null, now: number): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  return Math.max(0, Math.ceil((ms - now) / 1000));
}
