import { useState, type FormEvent } from 'react';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import type { ManagedUser } from '../../../../shared/team-admin';
import type { Department } from '../../../../shared/tickets';
import { useTickets } from '../../app/tickets-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';

type DepartmentDraft = { id?: string; name: string; archived: boolean; members: Record<string, { member: boolean; isLead: boolean }> };

const draftOf = (d: Department | null): DepartmentDraft => ({
  ...(d ? { id: d.id } : {}),
  name: d?.name ?? '',
  archived: d?.archived ?? false,
  members: Object.fromEntries((d?.members ?? []).map((m) => [m.userId, { member: true, isLead: m.isLead }])),
});

/**
 * Departments: create, rename, archive; members (agents and department staff alike) with a lead
 * flag. Staff users are added in the Team section (role "Department staff").
 */
export function TicketDepartmentsAdmin({ departments, users, offline }: { departments: readonly Department[]; users: readonly ManagedUser[]; offline: boolean }) {
  const t = useT();
  const tickets = useTickets();
  const [draft, setDraft] = useState<DepartmentDraft | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [problem, setProblem] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const names = new Map(users.map((u) => [u.id, u.name]));

  function start(d: Department | null) {
    setDraft(draftOf(d));
    setError(null);
    setProblem(false);
    setDone(null);
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    if (draft.name.trim() === '') {
      setProblem(true);
      return;
    }
    setProblem(false);
    setSaving(true);
    setError(null);
    try {
      const members = Object.entries(draft.members)
        .filter(([, m]) => m.member)
        .map(([userId, m]) => ({ userId, isLead: m.isLead }));
      const saved = await tickets.admin.saveDepartment({ ...(draft.id ? { id: draft.id } : {}), name: draft.name.trim(), archived: draft.archived, members });
      setDraft(null);
      setDone(t('ticketAdmin.departments.saved', { name: saved.name }));
    } catch (err) {
      setError(toAppError(err).toJSON());
    } finally {
      setSaving(false);
    }
  }

  const setMember = (userId: string, patch: Partial<{ member: boolean; isLead: boolean }>) => {
    if (!draft) return;
    const current = draft.members[userId] ?? { member: false, isLead: false };
    const next = { ...current, ...patch };
    if (patch.isLead) next.member = true;
    if (patch.member === false) next.isLead = false;
    setDraft({ ...draft, members: { ...draft.members, [userId]: next } });
  };

  return (
    <section aria-labelledby="ticket-departments-heading" data-testid="ticket-departments">
      <h4 id="ticket-departments-heading">{t('ticketAdmin.departments.heading')}</h4>
      <ul>
        {departments.map((d) => (
          <li key={d.id} data-testid="ticket-department">
            {d.name}
            {d.archived ? ` (${t('ticketAdmin.archived')})` : ''} ·{' '}
            {d.members.map((m) => `${names.get(m.userId) ?? m.userId}${m.isLead ? ` (${t('ticketAdmin.departments.lead')})` : ''}`).join(', ')}{' '}
            <button type="button" className="button button-small" disabled={offline} onClick={() => start(d)}>
              {t('ticketAdmin.edit')}
            </button>
          </li>
        ))}
      </ul>
      {!draft && (
        <button type="button" className="button" data-testid="ticket-department-new" disabled={offline} onClick={() => start(null)}>
          {t('ticketAdmin.departments.new')}
        </button>
      )}
      {draft && (
        <form onSubmit={(e) => void save(e)} noValidate data-testid="ticket-department-form">
          <div className="field">
            <label htmlFor="ticket-department-name">{t('ticketAdmin.name')}</label>
            <input
              id="ticket-department-name"
              value={draft.name}
              maxLength={80}
              aria-invalid={problem ? true : undefined}
              onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            />
            {problem && <p className="dialog-field-error">{t('ticketAdmin.nameRequired')}</p>}
          </div>
          <label className="settings-check">
            <input type="checkbox" checked={draft.archived} onChange={(e) => setDraft({ ...draft, archived: e.target.checked })} />
            {t('ticketAdmin.archive')}
          </label>
          <table aria-label={t('ticketAdmin.departments.members')}>
            <thead>
              <tr>
                <th scope="col">{t('ticketAdmin.departments.person')}</th>
                <th scope="col">{t('ticketAdmin.departments.member')}</th>
                <th scope="col">{t('ticketAdmin.departments.lead')}</th>
              </tr>
            </thead>
            <tbody>
              {users
                .filter((u) => u.active || draft.members[u.id]?.member)
                .map((u) => {
                  const m = draft.members[u.id];
                  return (
                    <tr key={u.id}>
                      <th scope="row">
                        {u.name} · {t(`role.${u.role}`)}
                      </th>
                      <td>
                        <input type="checkbox" aria-label={t('ticketAdmin.departments.memberOf', { name: u.name })} checked={m?.member ?? false} onChange={(e) => setMember(u.id, { member: e.target.checked })} />
                      </td>
                      <td>
                        <input type="checkbox" aria-label={t('ticketAdmin.departments.leadOf', { name: u.name })} checked={m?.isLead ?? false} onChange={(e) => setMember(u.id, { isLead: e.target.checked })} />
                      </td>
                    </tr>
                  );
                })}
            </tbody>
          </table>
          {error && (
            <p className="form-error" role="alert" title={error.message} data-testid="ticket-department-error">
              {t('ticketAdmin.saveFailed', { reason: describeError(t, error) })}
            </p>
          )}
          <div className="channel-form-buttons">
            <button type="submit" className="button button-primary" data-testid="ticket-department-save" disabled={saving || offline}>
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
