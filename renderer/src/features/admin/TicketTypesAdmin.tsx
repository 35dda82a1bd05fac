import { useState, type FormEvent } from 'react';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import type { Department, TicketType } from '../../../../shared/tickets';
import { useTickets } from '../../app/tickets-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { SelectField } from '../common/SelectField';
import { parseWholeNumber } from './whole-number';

type TypeDraft = { id?: string; name: string; defaultDepartmentId: string; position: string; archived: boolean };
type TypeProblem = 'name' | 'position';

const NONE = '';

const draftOf = (type: TicketType | null, next: number): TypeDraft => ({
  ...(type ? { id: type.id } : {}),
  name: type?.name ?? '',
  defaultDepartmentId: type?.defaultDepartmentId ?? NONE,
  position: String(type?.position ?? next),
  archived: type?.archived ?? false,
});

/** Ticket types (退换货, 维修 …): name, the department a new ticket of the type goes to, the order they are offered in, archive. */
export function TicketTypesAdmin({ types, departments, offline }: { types: readonly TicketType[]; departments: readonly Department[]; offline: boolean }) {
  const t = useT();
  const tickets = useTickets();
  const [draft, setDraft] = useState<TypeDraft | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [problem, setProblem] = useState<TypeProblem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const departmentName = new Map(departments.map((d) => [d.id, d.name]));

  function start(type: TicketType | null) {
    setDraft(draftOf(type, types.reduce((max, ty) => Math.max(max, ty.position + 1), 0)));
    setError(null);
    setProblem(null);
    setDone(null);
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    const position = parseWholeNumber(draft.position, { min: 0, max: 10_000 });
    const found: TypeProblem | null = draft.name.trim() === '' ? 'name' : position.problem ? 'position' : null;
    setProblem(found);
    if (found || position.value === null) return;
    setSaving(true);
    setError(null);
    try {
      const saved = await tickets.admin.saveType({
        ...(draft.id ? { id: draft.id } : {}),
        name: draft.name.trim(),
        defaultDepartmentId: draft.defaultDepartmentId === NONE ? null : draft.defaultDepartmentId,
        position: position.value,
        archived: draft.archived,
      });
      setDraft(null);
      setDone(t('ticketAdmin.types.saved', { name: saved.name }));
    } catch (err) {
      setError(toAppError(err).toJSON());
    } finally {
      setSaving(false);
    }
  }

  return (
    <section aria-labelledby="ticket-types-heading" data-testid="ticket-types">
      <h4 id="ticket-types-heading">{t('ticketAdmin.types.heading')}</h4>
      <ul>
        {types.map((type) => (
          <li key={type.id} data-testid="ticket-type">
            {type.position}. {type.name}
            {type.defaultDepartmentId ? ` → ${departmentName.get(type.defaultDepartmentId) ?? ''}` : ''}
            {type.archived ? ` (${t('ticketAdmin.archived')})` : ''}{' '}
            <button type="button" className="button button-small" disabled={offline} onClick={() => start(type)}>
              {t('ticketAdmin.edit')}
            </button>
          </li>
        ))}
      </ul>
      {!draft && (
        <button type="button" className="button" data-testid="ticket-type-new" disabled={offline} onClick={() => start(null)}>
          {t('ticketAdmin.types.new')}
        </button>
      )}
      {draft && (
        <form onSubmit={(e) => void save(e)} noValidate data-testid="ticket-type-form">
          <div className="field">
            <label htmlFor="ticket-type-name">{t('ticketAdmin.name')}</label>
            <input id="ticket-type-name" value={draft.name} maxLength={80} aria-invalid={problem === 'name' ? true : undefined} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
            {problem === 'name' && <p className="dialog-field-error">{t('ticketAdmin.nameRequired')}</p>}
          </div>
          <SelectField
            id="ticket-type-department"
            label={t('ticketAdmin.types.defaultDepartment')}
            value={draft.defaultDepartmentId}
            options={[{ value: NONE, label: t('ticketAdmin.types.noDepartment') }, ...departments.filter((d) => !d.archived || d.id === draft.defaultDepartmentId).map((d) => ({ value: d.id, label: d.name }))]}
            onChange={(value) => setDraft({ ...draft, defaultDepartmentId: value })}
          />
          <div className="field">
            <label htmlFor="ticket-type-position">{t('ticketAdmin.types.position')}</label>
            <input id="ticket-type-position" inputMode="numeric" value={draft.position} aria-invalid={problem === 'position' ? true : undefined} onChange={(e) => setDraft({ ...draft, position: e.target.value })} />
            {problem === 'position' && <p className="dialog-field-error">{t('ticketAdmin.types.positionProblem')}</p>}
          </div>
          <label className="settings-check">
            <input type="checkbox" checked={draft.archived} onChange={(e) => setDraft({ ...draft, archived: e.target.checked })} />
            {t('ticketAdmin.archive')}
          </label>
          {error && (
            <p className="form-error" role="alert" title={error.message} data-testid="ticket-type-error">
              {t('ticketAdmin.saveFailed', { reason: describeError(t, error) })}
            </p>
          )}
          <div className="channel-form-buttons">
            <button type="submit" className="button button-primary" data-testid="ticket-type-save" disabled={saving || offline}>
              {saving ? t('ticketAdmin.saving') : t('ticketAdmin.save')}
            </button>
            <button type="button" className="button" onClick={() => setDraft(null)}>
              {t('ticketAdmin.cancel')}
            </button>
          </div>
        </form>
      )}
      {done && (
        <p className="dialog-muted" role="status">
          {done}
        </p>
      )}
    </section>
  );
}
