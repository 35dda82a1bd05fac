import { useState } from 'react';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { ticketPriorities, type Ticket, type TicketUpdate } from '../../../../shared/tickets';
import { useTickets } from '../../app/tickets-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { useConnectionStore } from '../../stores/connection-store';
import { useTeamStore } from '../../stores/team-store';
import { assigneeChoices, fromLocalInput, statusChoices, toLocalInput } from './ticket-logic';
import { useTicketsStore } from './tickets-store';

/** Status, priority, type, department, assignee and due time, each saved when changed (needs the connection). */
export function TicketFieldsEditor({ ticket }: { ticket: Ticket }) {
  const t = useT();
  const controller = useTickets();
  const meta = useTicketsStore((s) => s.meta);
  const agents = useTeamStore((s) => s.agents);
  const online = useConnectionStore((s) => s.connection?.status === 'online');
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const department = meta?.departments.find((d) => d.id === ticket.departmentId) ?? null;
  const people = assigneeChoices(agents, department);
  const disabled = busy || !online;

  async function save(changes: Omit<TicketUpdate, 'id'>) {
    setBusy(true);
    setError(null);
    try {
      await controller.update({ id: ticket.id, ...changes });
    } catch (err) {
      setError(toAppError(err).toJSON());
    } finally {
      setBusy(false);
    }
  }

  const id = (name: string) => `ticket-${ticket.id}-${name}`;
  return (
    <div className="ticket-fields" role="group" aria-label={t('tickets.fields.label')}>
      <label htmlFor={id('status')}>{t('tickets.field.status')}</label>
      <select id={id('status')} value={ticket.status} disabled={disabled} onChange={(e) => void save({ status: e.target.value as Ticket['status'] })}>
        {statusChoices(ticket.status).map((s) => (
          <option key={s} value={s}>
            {t(`tickets.status.${s}`)}
          </option>
        ))}
      </select>
      <label htmlFor={id('priority')}>{t('tickets.field.priority')}</label>
      <select id={id('priority')} value={ticket.priority} disabled={disabled} onChange={(e) => void save({ priority: e.target.value as Ticket['priority'] })}>
        {ticketPriorities.map((p) => (
          <option key={p} value={p}>
            {t(`tickets.priority.${p}`)}
          </option>
        ))}
      </select>
      <label htmlFor={id('type')}>{t('tickets.field.type')}</label>
      <select id={id('type')} value={ticket.typeId ?? ''} disabled={disabled} onChange={(e) => void save({ typeId: e.target.value || null })}>
        <option value="">{t('tickets.noType')}</option>
        {(meta?.types ?? []).filter((ty) => !ty.archived || ty.id === ticket.typeId).map((ty) => (
          <option key={ty.id} value={ty.id}>
            {ty.name}
          </option>
        ))}
      </select>
      <label htmlFor={id('department')}>{t('tickets.field.department')}</label>
      <select id={id('department')} value={ticket.departmentId ?? ''} disabled={disabled} onChange={(e) => void save({ departmentId: e.target.value || null })}>
        <option value="">{t('tickets.noDepartment')}</option>
        {(meta?.departments ?? []).filter((d) => !d.archived || d.id === ticket.departmentId).map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </select>
      <label htmlFor={id('assignee')}>{t('tickets.field.assignee')}</label>
      <select id={id('assignee')} value={ticket.assigneeId ?? ''} disabled={disabled} onChange={(e) => void save({ assigneeId: e.target.value || null })}>
        <option value="">{t('tickets.unassigned')}</option>
        {ticket.assigneeId && !people.some((p) => p.id === ticket.assigneeId) && <option value={ticket.assigneeId}>…</option>}
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <label htmlFor={id('due')}>{t('tickets.field.due')}</label>
      <input
        id={id('due')}
        type="datetime-local"
        defaultValue={toLocalInput(ticket.dueAt)}
        key={ticket.dueAt ?? 'none'}
        disabled={disabled}
        onBlur={(e) => {
          const next = fromLocalInput(e.target.value);
          if (!sameMinute(next, ticket.dueAt)) void save({ dueAt: next });
        }}
      />
      {error && (
        <p className="ticket-field-error" role="alert">
          {t('tickets.field.saveFailed', { reason: describeError(t, error) })}
        </p>
      )}
    </div>
  );
}

/** The input shows minutes: a due time is changed only when the minute differs. */
function sameMinute(a: string | null, b: string | null): boolean {
  const minute = (iso: string | null) => (iso ? Math.floor(Date.parse(iso) / 60_000) : null);
  return minute(a) === minute(b);
}
