import { useCallback } from 'react';
import { weekdays } from '../../../../shared/business-hours';
import type { MethodArgs } from '../../../../shared/contract';
import { useTickets } from '../../app/tickets-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { ticketSettingsDraftOf, ticketSettingsSaveOf, type TicketSettingsDraft, type TicketSettingsField } from './ticket-admin-logic';
import { useSettingsForm } from './use-settings-form';

/** Reopen window, auto-close, the hours the SLA clock runs in (as a skill group's hours are typed), and the ticket email address. */
export function TicketSettingsAdmin({ offline }: { offline: boolean }) {
  const t = useT();
  const tickets = useTickets();
  const { draft, update, submit, loadError, problem, error, saving, done } = useSettingsForm({
    offline,
    load: useCallback(async () => ticketSettingsDraftOf(await tickets.admin.settings()), [tickets]),
    check: (d: TicketSettingsDraft) => {
      const { save, problem: found } = ticketSettingsSaveOf(d);
      return { args: save, problem: found };
    },
    save: async (args: MethodArgs<'ticketAdmin.saveSettings'>) => {
      await tickets.admin.saveSettings(args);
    },
  });

  if (loadError) {
    return (
      <p className="form-error" role="alert" title={loadError.message}>
        {t('ticketAdmin.loadFailed', { reason: describeError(t, loadError) })}
      </p>
    );
  }
  if (!draft) return null;
  const edit = (patch: Partial<TicketSettingsDraft>) => update({ ...draft, ...patch });
  const invalid = (field: TicketSettingsField) => (problem === field ? true : undefined);

  return (
    <section aria-labelledby="ticket-settings-heading" data-testid="ticket-settings-admin">
      <h4 id="ticket-settings-heading">{t('ticketAdmin.settings.heading')}</h4>
      <form onSubmit={(e) => void submit(e)} noValidate>
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
