import { z } from 'zod';
import { languages } from './i18n/languages';

/**
 * The weekly service summary (每周服务报告): every week, at a weekday and hour the admin sets (in
 * the account's time zone, see shared/reports.ts), the previous full week (Monday to Sunday) is
 * mailed to every active supervisor and admin, through the account's first active email channel
 * that has an SMTP server. Without such a channel nothing is sent, and the settings say why.
 */

/** ISO weekdays: 1 = Monday … 7 = Sunday. */
export const weeklyReportWeekdaySchema = z.number().int().min(1).max(7);
export const weeklyReportHourSchema = z.number().int().min(0).max(23);
export const weeklyReportLanguageSchema = z.enum(languages);

export const weeklyReportSettingsSchema = z.object({
  enabled: z.boolean(),
  weekday: weeklyReportWeekdaySchema,
  /** Local hour, 0–23. */
  hour: weeklyReportHourSchema,
  /** The account's default language for the mail (recipients have no language of their own on the server). */
  language: weeklyReportLanguageSchema,
});
export type WeeklyReportSettings = z.infer<typeof weeklyReportSettingsSchema>;

export const weeklyReportSettingsSaveSchema = weeklyReportSettingsSchema.strict();
export type WeeklyReportSettingsSave = z.infer<typeof weeklyReportSettingsSaveSchema>;

/** Why the summary cannot be mailed: the account has no active email channel with an SMTP server. */
export const weeklyReportBlockedSchema = z.enum(['no_email_channel']);
export type WeeklyReportBlocked = z.infer<typeof weeklyReportBlockedSchema>;

/** The settings as admins read them, with whether a mail can go out and from where. */
export const weeklyReportStatusSchema = z.object({
  settings: weeklyReportSettingsSchema,
  /** The account's time zone the weekday and hour are in. */
  timeZone: z.string(),
  canSend: z.boolean(),
  /** Set when `canSend` is false. */
  reason: weeklyReportBlockedSchema.nullable(),
  /** The address the mail comes from (the email channel's), when one can send. */
  from: z.string().nullable(),
});
export type WeeklyReportStatus = z.infer<typeof weeklyReportStatusSchema>;

/** What "send a test to me" did: the address it went to and the week it covered. */
export const weeklyReportTestResultSchema = z.object({
  to: z.string(),
  weekStart: z.iso.date(),
  weekEnd: z.iso.date(),
});
export type WeeklyReportTestResult = z.infer<typeof weeklyReportTestResultSchema>;
