import type { WeeklyReportSettings, WeeklyReportSettingsSave, WeeklyReportStatus } from '../../../shared/weekly-report';
import { isLanguage } from '../../../shared/i18n/languages';
import type { Db, Queryable } from '../../db/db';
import { recordAudit } from '../audit/audit-log';
import type { Viewer } from '../conversations/permissions';
import { requireAdmin } from '../team/require-admin';
import { accountTimeZone } from './report-time-zone';
import { reportChannel } from './weekly-report-channel';
import { channelSender } from '../../channels/email/smtp-transport';

/** An account that never saved settings: on, Monday 08:00 local, in Chinese (it only goes out once an email channel with SMTP exists). */
export const DEFAULT_WEEKLY_REPORT_SETTINGS: WeeklyReportSettings = { enabled: true, weekday: 1, hour: 8, language: 'zh-CN' };

type Row = { enabled: boolean; weekday: number | string; hour: number | string; language: string };

/** The account's weekly summary settings (the defaults when an admin never saved any). */
export async function readWeeklyReportSettings(db: Queryable, accountId: string): Promise<WeeklyReportSettings> {
  const rows = await db.query<Row>('SELECT enabled, weekday, hour, language FROM weekly_report_settings WHERE account_id = $1', [accountId]);
  const row = rows[0];
  if (!row) return { ...DEFAULT_WEEKLY_REPORT_SETTINGS };
  return {
    enabled: row.enabled,
    weekday: Number(row.weekday),
    hour: Number(row.hour),
    language: isLanguage(row.language) ? row.language : DEFAULT_WEEKLY_REPORT_SETTINGS.language,
  };
}

/** The settings with the time zone they are in and whether a mail can go out (and from which address). */
export async function weeklyReportStatus(db: Queryable, accountId: string): Promise<WeeklyReportStatus> {
  const settings = await readWeeklyReportSettings(db, accountId);
  const timeZone = await accountTimeZone(db, accountId);
  const channel = await reportChannel(db, accountId);
  const from = channel ? channelSender(channel)?.address ?? null : null;
  return { settings, timeZone, canSend: channel !== null, reason: channel ? null : 'no_email_channel', from };
}

/** Admins: the weekly summary settings; with `save`, changes them first (audited with before and after when they changed). */
export async function weeklyReportSettings(db: Db, admin: Viewer, save?: WeeklyReportSettingsSave): Promise<WeeklyReportStatus> {
  requireAdmin(admin, 'manage the weekly report');
  if (save) {
    await db.transaction(async (tx) => {
      const before = await readWeeklyReportSettings(tx, admin.accountId);
      await tx.query(
        `INSERT INTO weekly_report_settings (account_id, enabled, weekday, hour, language, updated_at) VALUES ($1, $2, $3, $4, $5, now())
         ON CONFLICT (account_id) DO UPDATE SET enabled = $2, weekday = $3, hour = $4, language = $5, updated_at = now()`,
        [admin.accountId, save.enabled, save.weekday, save.hour, save.language],
      );
      const after: WeeklyReportSettings = { enabled: save.enabled, weekday: save.weekday, hour: save.hour, language: save.language };
      if (JSON.stringify(before) !== JSON.stringify(after)) {
        await recordAudit(tx, { accountId: admin.accountId, actorId: admin.id, action: 'settings.update', targetType: 'weekly_report_settings', targetId: null, details: { before, after } });
      }
    });
  }
  return weeklyReportStatus(db, admin.accountId);
}
