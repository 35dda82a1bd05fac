import type { WeeklyReportSettings } from '../../../../shared/weekly-report';
import type { MessageKey } from '../../i18n/en';

/** The weekdays in the order the form offers them (ISO: 1 Monday … 7 Sunday) with their names. */
export const WEEKDAY_OPTIONS: readonly { value: number; label: MessageKey }[] = [
  { value: 1, label: 'weeklyReport.weekday.1' },
  { value: 2, label: 'weeklyReport.weekday.2' },
  { value: 3, label: 'weeklyReport.weekday.3' },
  { value: 4, label: 'weeklyReport.weekday.4' },
  { value: 5, label: 'weeklyReport.weekday.5' },
  { value: 6, label: 'weeklyReport.weekday.6' },
  { value: 7, label: 'weeklyReport.weekday.7' },
];

/** Every hour of the day as the form shows it: "08:00". */
export const HOUR_OPTIONS: readonly { value: number; label: string }[] = Array.from({ length: 24 }, (_, hour) => ({
  value: hour,
  label: `${String(hour).padStart(2, '0')}:00`,
}));

/** The settings with one field changed from a select's text value (weekday and hour are numbers). */
export function withField(settings: WeeklyReportSettings, field: 'weekday' | 'hour', value: string): WeeklyReportSettings {
  return { ...settings, [field]: Number(value) };
}
