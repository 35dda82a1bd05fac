import { useCallback } from 'react';
import type { SlaTarget, TicketType } from '../../../../shared/tickets';
import { useTickets } from '../../app/tickets-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { slaDraftOf, slaRowKey, slaTargetsOf, type SlaRowDraft } from './ticket-admin-logic';
import { useSettingsForm } from './use-settings-form';

const columns = ['firstResponse', 'resolution', 'warnBefore'] as const;

/** SLA targets, type × priority, in minutes: first response, resolution, and how long before a target the warning comes. */
export function TicketSlaAdmin({ types, offline }: { types: readonly TicketType[]; offline: boolean }) {
  const t = useT();
  const tickets = useTickets();
  const { draft: rows, update, submit, loadError, problem, error, saving, done } = useSettingsForm({
    offline,
    load: useCallback(async () => slaDraftOf(await tickets.admin.sla(), types), [tickets, types]),
    check: (draft: SlaRowDraft[]) => {
      const { targets, problem: found } = slaTargetsOf(draft);
      return { args: targets, problem: found };
    },
    save: async (targets: SlaTarget[]) => {
      await tickets.admin.saveSla({ targets });
    },
  });

  if (loadError) {
    return (
      <p className="form-error" role="alert" title={loadError.message}>
        {t('ticketAdmin.loadFailed', { reason: describeError(t, loadError) })}
      </p>
    );
  }
  if (!rows) return null;
  const typeName = new Map(types.map((type) => [type.id, type.name]));

  const edit = (index: number, column: (typeof columns)[number], value: string) => {
    update(rows.map((row, i) => (i === index ? { ...row, [column]: value } : row)));
  };

  return (
    <section aria-labelledby="ticket-sla-heading" data-testid="ticket-sla-admin">
      <h4 id="ticket-sla-heading">{t('ticketAdmin.sla.heading')}</h4>
      <p className="dialog-muted">{t('ticketAdmin.sla.intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <table aria-label={t('ticketAdmin.sla.heading')}>
          <thead>
            <tr>
              <th scope="col">{t('tickets.filter.type')}</th>
              <th scope="col">{t('ticketAdmin.sla.priority')}</th>
              {columns.map((column) => (
                <th scope="col" key={column}>
                  {t(`ticketAdmin.sla.${column}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const key = slaRowKey(row.typeId, row.priority);
              const type = row.typeId === null ? t('ticketAdmin.sla.anyType') : (typeName.get(row.typeId) ?? row.typeId);
              return (
                <tr key={key} data-testid={`sla-row-${key}`}>
                  <th scope="row">{type}</th>
                  <td>{t(`tickets.priority.${row.priority}`)}</td>
                  {columns.map((column) => (
                    <td key={column}>
                      <input
                        inputMode="numeric"
                        aria-label={t('ticketAdmin.sla.cell', { type, priority: t(`tickets.priority.${row.priority}`), what: t(`ticketAdmin.sla.${column}`) })}
                        aria-invalid={problem?.key === key && problem.column === column ? true : undefined}
                        value={row[column]}
                        onChange={(e) => edit(index, column, e.target.value)}
                      />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
        {problem && (
          <p className="dialog-field-error" role="alert" data-testid="ticket-sla-problem">
            {t('ticketAdmin.sla.problem')}
          </p>
        )}
        {error && (
          <p className="form-error" role="alert" title={error.message} data-testid="ticket-sla-error">
            {t('ticketAdmin.saveFailed', { reason: describeError(t, error) })}
          </p>
        )}
        {done && (
          <p className="dialog-muted" role="status">
            {t('ticketAdmin.sla.saved')}
          </p>
        )}
        <button type="submit" className="button button-primary" data-testid="ticket-sla-save" disabled={saving || offline}>
          {saving ? t('ticketAdmin.saving') : t('ticketAdmin.save')}
        </button>
      </form>
    </section>
  );
}
