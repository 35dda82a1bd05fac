import { useEffect, useState, type FormEvent } from 'react';
import { weekdays } from '../../../../shared/business-hours';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { useTickets } from '../../app/tickets-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { ticketSettingsDraftOf, ticketSettingsSaveOf, type TicketSettingsDraft, type TicketSettingsField } from './ticket-admin-logic';

/** Reopen window, auto-close, the hours the SLA clock runs in (as a skill group's hours are typed), and the ticket email address. */
export function TicketSettingsAdmin({ offline }: { offline: boolean }) {
  const t = useT();
  const tickets = useTickets();
  const [draft, setDraft] = useState<TicketSettingsDraft | null>(null);
  const [loadError, setLoadError] = useState<AppErrorShape | null>(null);
  const [problem, setProblem] = useState<TicketSettingsField | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState(false);

  useEffect(() => {
    if (offline) return;
    let live = true;
    tickets.admin.settings().then(
      (settings) => live && setDraft(ticketSettingsDraftOf(settings)),
      (err: unknown) => live && setLoadError(toAppError(err).toJSON()),
    );
    return () => {
      live = false;
    };
  }, [tickets, offline]);

  if (loadError) {
    return (
      <p className="form-error" role="alert" title={loadError.message}>
        {t('ticketAdmin.loadFailed', { reason: describeError(t, loadError) })}
      </p>
    );
  }
  if (!draft) return null;
  const edit = (patch: Partial<TicketSettingsDraft>) => {
    setDraft({ ...draft, ...patch });
    setDone(false);
  };
  const invalid = (field: TicketSettingsField) => (problem === field ? true : undefined);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    const { save: args, problem: found } = ticketSettingsSaveOf(draft);
    setProblem(found);
    if (!args) return;
    setSaving(true);
    setError(null);
    try {
      await tickets.admin.saveSettings(args);
      setDone(true);
    } catch (err) {
      setError(toAppError(err).toJSON());
    } finally {
      setSaving(false);
    }
  }

  return (
    <section aria-labelledby="ticket-settings-heading" data-testid="ticket-settings-admin">
      <h4 id="ticket-settings-heading">{t('ticketAdmin.settings.heading')}</h4>
      <form onSubmit={(e) => void save(e)} noValidate>
        <div className="field">
          <label htmlFor="ticket-reopen-days">{t('ticketAdmin.settings.reopenDays')}</label>
          <input id="ticket-reopen-days" inputMode="numeric" value={draft.reopenDays} aria-invalid={invalid('reopenDays')} onChange={(e) => edit({ reopenDays: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="ticket-close-days">{t('ticketAdmin.settings.closeAfterDays')}</label>
          <input id="ticket-close-days" inputMode="numeric" value={draft.closeAfterDays} aria-invalid={invalid('closeAfterDays')} onChange={(e) => edit({ closeAfterDays: e.target.value })} />
        </div>
        <fieldset className="channel-fieldset">
          <legend>{t('ticketAdmin.settings.hours')}</legend>
          <label className="settings-check">
            <input type="checkbox" checked={draft.aroundTheClock} onChange={(e) => edit({ aroundTheClock: e.target.checked })} />
            {t('ticketAdmin.settings.aroundTheClock')}
          </label>
          {!draft.aroundTheClock && (
            <>
              <div className="field">
                <label htmlFor="ticket-hours-timezone">{t('settings.timezone')}</label>
                <input id="ticket-hours-timezone" value={draft.timezone} aria-invalid={invalid('timezone')} onChange={(e) => edit({ timezone: e.target.value })} />
              </div>
              {weekdays.map((day) => (
                <div className="field" key={day}>
                  <label htmlFor={`ticket-hours-${day}`}>{t(`settings.day.${day}`)}</label>
                  <input id={`ticket-hours-${day}`} value={draft.days[day]} placeholder="09:00–18:00" aria-invalid={invalid(day)} onChange={(e) => edit({ days: { ...draft.days, [day]: e.target.value } })} />
                </div>
              ))}
            </>
          )}
        </fieldset>
        <div className="field">
          <label htmlFor="ticket-email-address">{t('ticketAdmin.settings.emailAddress')}</label>
          <input id="ticket-email-address" type="email" value={draft.emailAddress} aria-invalid={invalid('emailAddress')} onChange={(e) => edit({ emailAddress: e.target.value })} />
        </div>
        {problem && (
          <p className="dialog-field-error" role="alert" data-testid="ticket-settings-problem">
            {t(`ticketAdmin.settings.problem.${problem === 'reopenDays' || problem === 'closeAfterDays' || problem === 'timezone' || problem === 'emailAddress' ? problem : 'hours'}`)}
          </p>
        )}
        {error && (
          <p className="form-error" role="alert" title={error.message} data-testid="ticket-settings-error">
            {t('ticketAdmin.saveFailed', { reason: describeError(t, error) })}
          </p>
        )}
        {done && (
          <p className="dialog-muted" role="status">
            {t('ticketAdmin.settings.saved')}
          </p>
        )}
        <button type="submit" className="button button-primary" data-testid="ticket-settings-save" disabled={saving || offline}>
          {saving ? t('ticketAdmin.saving') : t('ticketAdmin.save')}
        </button>
      </form>
    </section>
  );
}
