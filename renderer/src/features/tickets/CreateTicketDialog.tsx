import { useId, useState, type FormEvent } from 'react';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { ticketPriorities, type TicketPriority } from '../../../../shared/tickets';
import { useTickets } from '../../app/tickets-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { useTeamStore } from '../../stores/team-store';
import { DialogFrame } from '../common/DialogFrame';
import { useCreateTicketStore } from './create-ticket-store';
import { assigneeChoices, fromLocalInput } from './ticket-logic';
import { useTicketsStore } from './tickets-store';

/**
 * Opens a ticket from the conversation: subject (the customer's latest message to start with),
 * type, priority, department, assignee, due time, and the messages picked in the thread as the
 * excerpt; the server attaches the customer and their latest order. Offline it is saved and
 * created when the connection is back; a refusal keeps everything typed.
 */
export function CreateTicketDialog({ onClosed }: { onClosed(): void }) {
  const t = useT();
  const tickets = useTickets();
  const flow = useCreateTicketStore();
  const meta = useTicketsStore((s) => s.meta);
  const agents = useTeamStore((s) => s.agents);
  const ids = { title: useId(), subject: useId(), type: useId(), priority: useId(), department: useId(), assignee: useId(), due: useId(), error: useId(), excerpt: useId() };
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const form = flow.form;
  if (!form || !flow.conversationId) return null;
  const conversationId = flow.conversationId;
  const department = meta?.departments.find((d) => d.id === form.departmentId) ?? null;
  const people = assigneeChoices(agents, department);

  function close() {
    flow.cancel();
    onClosed();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!form || busy) return;
    setBusy(true);
    setError(null);
    try {
      const result = await tickets.create({
        subject: form.subject,
        typeId: form.typeId || null,
        priority: form.priority,
        departmentId: form.departmentId || null,
        assigneeId: form.assigneeId || null,
        dueAt: fromLocalInput(form.due),
        conversationId,
        excerptMessageIds: flow.picked,
        contactId: null,
        orderRef: null,
      });
      flow.done(result.ticket ? { kind: 'created', number: result.ticket.number } : { kind: 'queued' });
      onClosed();
    } catch (err) {
      setError(toAppError(err).toJSON());
    } finally {
      setBusy(false);
    }
  }

  return (
    <DialogFrame testId="create-ticket-dialog" titleId={ids.title} title={t('tickets.create.title')} closeLabel={t('tickets.create.close')} busy={busy} onClose={close}>
      <form className="dialog-body create-ticket-form" onSubmit={(e) => void submit(e)} aria-describedby={error ? ids.error : undefined}>
        <label htmlFor={ids.subject}>{t('tickets.field.subject')}</label>
        <input id={ids.subject} value={form.subject} maxLength={200} required onChange={(e) => flow.setForm({ subject: e.target.value })} />

        <label htmlFor={ids.type}>{t('tickets.field.type')}</label>
        <select
          id={ids.type}
          value={form.typeId}
          onChange={(e) => {
            const type = meta?.types.find((ty) => ty.id === e.target.value);
            // A type's own department is the natural place for it, unless one was chosen already.
            flow.setForm({ typeId: e.target.value, ...(type?.defaultDepartmentId && !form.departmentId ? { departmentId: type.defaultDepartmentId } : {}) });
          }}
        >
          <option value="">{t('tickets.noType')}</option>
          {(meta?.types ?? []).filter((ty) => !ty.archived).map((ty) => (
            <option key={ty.id} value={ty.id}>
              {ty.name}
            </option>
          ))}
        </select>

        <label htmlFor={ids.priority}>{t('tickets.field.priority')}</label>
        <select id={ids.priority} value={form.priority} onChange={(e) => flow.setForm({ priority: e.target.value as TicketPriority })}>
          {ticketPriorities.map((p) => (
            <option key={p} value={p}>
              {t(`tickets.priority.${p}`)}
            </option>
          ))}
        </select>

        <label htmlFor={ids.department}>{t('tickets.field.department')}</label>
        <select id={ids.department} value={form.departmentId} onChange={(e) => flow.setForm({ departmentId: e.target.value })}>
          <option value="">{t('tickets.noDepartment')}</option>
          {(meta?.departments ?? []).filter((d) => !d.archived).map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>

        <label htmlFor={ids.assignee}>{t('tickets.field.assignee')}</label>
        <select id={ids.assignee} value={form.assigneeId} onChange={(e) => flow.setForm({ assigneeId: e.target.value })}>
          <option value="">{t('tickets.unassigned')}</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>

        <label htmlFor={ids.due}>{t('tickets.field.due')}</label>
        <input id={ids.due} type="datetime-local" value={form.due} onChange={(e) => flow.setForm({ due: e.target.value })} />

        <fieldset className="create-ticket-excerpt" aria-describedby={ids.excerpt}>
          <legend>{t('tickets.create.excerpt')}</legend>
          <p id={ids.excerpt} data-testid="create-ticket-excerpt">
            {flow.picked.length > 0 ? t('tickets.create.excerptCount', { count: flow.picked.length }) : t('tickets.create.excerptNone')}
          </p>
          <button type="button" className="button button-quiet" data-testid="create-ticket-pick" onClick={flow.startPicking}>
            {t('tickets.select.start')}
          </button>
          <p className="create-ticket-hint">{t('tickets.create.attached')}</p>
        </fieldset>

        {error && (
          <p id={ids.error} className="dialog-error" role="alert">
            {t('tickets.create.failed', { reason: describeError(t, error) })}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button button-quiet" onClick={close} disabled={busy}>
            {t('tickets.create.cancel')}
          </button>
          <button type="submit" className="button button-primary" data-testid="create-ticket-submit" disabled={busy || form.subject.trim().length === 0}>
            {t('tickets.create.submit')}
          </button>
        </div>
      </form>
    </DialogFrame>
  );
}

