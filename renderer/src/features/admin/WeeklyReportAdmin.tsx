import { useCallback, useState } from 'react';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { languages, type Language } from '../../../../shared/i18n/languages';
import type { WeeklyReportSettingsSave, WeeklyReportStatus, WeeklyReportTestResult } from '../../../../shared/weekly-report';
import { useWeeklyReport } from '../../app/weekly-report-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { HOUR_OPTIONS, WEEKDAY_OPTIONS, withField } from './weekly-report-admin-logic';
import { useSettingsForm } from './use-settings-form';

/**
 * The weekly summary mailed to supervisors and admins: on or off, the weekday and hour (in the
 * account's time zone) and the mail's language, and a test mail to oneself. Says why nothing can be
 * sent when the account has no email channel with SMTP. Read live from the server; changes are audited there.
 */
export function WeeklyReportAdmin({ offline }: { offline: boolean }) {
  const t = useT();
  const weekly = useWeeklyReport();
  const { draft, update, submit, loadError, error, saving, done } = useSettingsForm<WeeklyReportStatus, WeeklyReportSettingsSave, never>({
    offline,
    load: useCallback(() => weekly.status(), [weekly]),
    check: (d) => ({ args: d.settings, problem: null }),
    save: (args) => weekly.save(args),
  });
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<WeeklyReportTestResult | null>(null);
  const [sendError, setSendError] = useState<AppErrorShape | null>(null);

  if (offline && !draft) return <p className="dialog-muted">{t('weeklyReport.offline')}</p>;
  if (loadError) {
    return (
      <p className="form-error" role="alert" title={loadError.message}>
        {t('weeklyReport.loadFailed', { reason: describeError(t, loadError) })}
      </p>
    );
  }
  if (!draft) return null;
  const { settings } = draft;
  const edit = (next: WeeklyReportStatus['settings']) => update({ ...draft, settings: next });

  async function sendTest() {
    setSending(true);
    setSent(null);
    setSendError(null);
    try {
      setSent(await weekly.sendTest());
    } catch (err) {
      setSendError(toAppError(err).toJSON());
    } finally {
      setSending(false);
    }
  }

  return (
    <section aria-labelledby="weekly-report-heading" data-testid="weekly-report-admin">
      <h4 id="weekly-report-heading">{t('weeklyReport.heading')}</h4>
      <p className="dialog-muted">{t('weeklyReport.hint')}</p>
      {draft.canSend ? (
        draft.from && <p className="dialog-muted" data-testid="weekly-report-from">{t('weeklyReport.from', { address: draft.from })}</p>
      ) : (
        <p className="form-error" role="status" data-testid="weekly-report-blocked">
          {t(`weeklyReport.cannotSend.${draft.reason ?? 'no_email_channel'}`)}
        </p>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <label className="settings-check">
          <input type="checkbox" data-testid="weekly-report-enabled" checked={settings.enabled} onChange={(e) => edit({ ...settings, enabled: e.target.checked })} />
          {t('weeklyReport.enabled')}
        </label>
        <div className="field">
          <label htmlFor="weekly-report-weekday">{t('weeklyReport.weekday')}</label>
          <select id="weekly-report-weekday" value={settings.weekday} onChange={(e) => edit(withField(settings, 'weekday', e.target.value))}>
            {WEEKDAY_OPTIONS.map((d) => (
              <option key={d.value} value={d.value}>
                {t(d.label)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="weekly-report-hour">{t('weeklyReport.hour')}</label>
          <select id="weekly-report-hour" value={settings.hour} onChange={(e) => edit(withField(settings, 'hour', e.target.value))}>
            {HOUR_OPTIONS.map((h) => (
              <option key={h.value} value={h.value}>
                {h.label}
              </option>
            ))}
          </select>
          <p className="dialog-muted">{t('weeklyReport.timeZone', { timeZone: draft.timeZone })}</p>
        </div>
        <div className="field">
          <label htmlFor="weekly-report-language">{t('weeklyReport.language')}</label>
          <select id="weekly-report-language" value={settings.language} onChange={(e) => edit({ ...settings, language: e.target.value as Language })}>
            {languages.map((l) => (
              <option key={l} value={l}>
                {t(`language.${l}`)}
              </option>
            ))}
          </select>
        </div>
        {error && (
          <p className="form-error" role="alert" title={error.message}>
            {t('weeklyReport.saveFailed', { reason: describeError(t, error) })}
          </p>
        )}
        {done && (
          <p className="dialog-muted" role="status">
            {t('weeklyReport.saved')}
          </p>
        )}
        <button type="submit" className="button button-primary" data-testid="weekly-report-save" disabled={saving || offline}>
          {saving ? t('weeklyReport.saving') : t('weeklyReport.save')}
        </button>{' '}
        <button type="button" className="button" data-testid="weekly-report-send-test" disabled={sending || offline || !draft.canSend} onClick={() => void sendTest()}>
          {sending ? t('weeklyReport.sending') : t('weeklyReport.sendTest')}
        </button>
      </form>
      {sent && (
        <p className="dialog-muted" role="status" data-testid="weekly-report-sent">
          {t('weeklyReport.sent', { address: sent.to, from: sent.weekStart, to: lastDay(sent.weekEnd) })}
        </p>
      )}
      {sendError && (
        <p className="form-error" role="alert" title={sendError.message} data-testid="weekly-report-send-failed">
          {t('weeklyReport.sendFailed', { reason: describeError(t, sendError) })}
        </p>
      )}
    </section>
  );
}

/** The Sunday of a week given as the Monday after it. */
function lastDay(weekEnd: string): string {
  return new Date(Date.parse(`${weekEnd}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
