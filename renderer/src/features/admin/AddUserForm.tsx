import { useId, useRef, useState, type FormEvent } from 'react';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { ADMIN_BOUNDS, type ManagedGroup, type ManagedUser } from '../../../../shared/team-admin';
import { useSupervision } from '../../app/supervision-context';
import { describeError, type Translate } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { SelectField } from '../common/SelectField';
import {
  createArgs,
  emptyNewUser,
  firstProblemField,
  roles,
  validateNewUser,
  type NewUserDraft,
  type NewUserField,
  type NewUserProblem,
  type NewUserProblems,
} from './team-admin-logic';

export function describeTeamProblem(t: Translate, problem: NewUserProblem): string {
  switch (problem.key) {
    case 'team.admin.problem.nameTooLong':
      return t(problem.key, { max: problem.max });
    case 'team.admin.problem.passwordShort':
      return t(problem.key, { min: problem.min });
    case 'team.admin.problem.maxChats':
      return t(problem.key, { min: problem.min, max: problem.max });
    default:
      return t(problem.key);
  }
}

/**
 * Adds a user: email, name, role, first password, capacity and skill groups, checked before it is
 * sent (each field says what is wrong, and focus goes to the first). The password is shown to the
 * admin only while typing; they hand it over themselves.
 */
export function AddUserForm({ users, groups, offline }: { users: readonly ManagedUser[]; groups: readonly ManagedGroup[]; offline: boolean }) {
  const t = useT();
  const supervision = useSupervision();
  const [draft, setDraft] = useState<NewUserDraft>(emptyNewUser);
  const [problems, setProblems] = useState<NewUserProblems>({});
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const base = useId();
  const idOf = (field: string) => `${base}-${field}`;
  const refs = {
    email: useRef<HTMLInputElement>(null),
    name: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
    maxChats: useRef<HTMLInputElement>(null),
  } satisfies Record<NewUserField, unknown>;

  function change(next: Partial<NewUserDraft>) {
    setDraft((d) => ({ ...d, ...next }));
    setProblems((p) => {
      const cleared = { ...p };
      for (const key of Object.keys(next)) delete cleared[key as NewUserField];
      return cleared;
    });
    setError(null);
    setDone(null);
  }

  function toggleGroup(id: string, on: boolean) {
    change({ groupIds: on ? [...draft.groupIds, id] : draft.groupIds.filter((g) => g !== id) });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving || offline) return;
    const found = validateNewUser(draft, users);
    const first = firstProblemField(found);
    setProblems(found);
    if (first) {
      refs[first].current?.focus();
      return;
    }
    setSaving(true);
    setError(null);
    setDone(null);
    try {
      const user = await supervision.createUser(createArgs(draft));
      setDone(t('team.admin.added', { name: user.name, email: user.email }));
      setDraft(emptyNewUser);
      refs.email.current?.focus();
    } catch (err) {
      const appError = toAppError(err).toJSON();
      if (appError.code === 'conflict' && appError.details?.reason === 'email_taken') {
        setProblems({ email: { key: 'team.admin.problem.emailTaken' } });
        refs.email.current?.focus();
      } else {
        setError(appError);
      }
    } finally {
      setSaving(false);
    }
  }

  const locked = offline || saving;
  const field = (name: NewUserField) => ({
    id: idOf(name),
    ref: refs[name],
    disabled: locked,
    'aria-invalid': problems[name] ? true : undefined,
    'aria-describedby': problems[name] ? idOf(`${name}-problem`) : undefined,
  });
  const problemText = (name: NewUserField) => {
    const problem = problems[name];
    return (
      problem && (
        <p id={idOf(`${name}-problem`)} className="dialog-field-error" data-testid={`team-add-problem-${name}`}>
          {describeTeamProblem(t, problem)}
        </p>
      )
    );
  };

  return (
    <form className="sensitive-form team-add-form" aria-labelledby={idOf('title')} onSubmit={submit} noValidate data-testid="team-add-form">
      <h4 id={idOf('title')} className="sensitive-form-title">
        {t('team.admin.addTitle')}
      </h4>
      <div className="team-add-fields">
        <div className="field">
          <label htmlFor={idOf('email')}>{t('team.admin.email')}</label>
          <input {...field('email')} type="email" autoComplete="off" spellCheck={false} value={draft.email} onChange={(e) => change({ email: e.target.value })} />
          {problemText('email')}
        </div>
        <div className="field">
          <label htmlFor={idOf('name')}>{t('team.admin.name')}</label>
          <input {...field('name')} autoComplete="off" value={draft.name} onChange={(e) => change({ name: e.target.value })} />
          {problemText('name')}
        </div>
        <SelectField
          id={idOf('role')}
          label={t('team.admin.role')}
          value={draft.role}
          options={roles.map((role) => ({ value: role, label: t(`role.${role}`) }))}
          disabled={locked}
          onChange={(role) => change({ role })}
        />
        <div className="field">
          <label htmlFor={idOf('password')}>{t('team.admin.password')}</label>
          <input {...field('password')} type="password" autoComplete="new-password" value={draft.password} onChange={(e) => change({ password: e.target.value })} />
          {problemText('password')}
        </div>
        <div className="field team-number">
          <label htmlFor={idOf('maxChats')}>{t('team.admin.maxChats')}</label>
          <input
            {...field('maxChats')}
            inputMode="numeric"
            value={draft.maxChats}
            title={t('team.admin.maxChatsHint', { min: ADMIN_BOUNDS.maxChats.min, max: ADMIN_BOUNDS.maxChats.max })}
            onChange={(e) => change({ maxChats: e.target.value })}
          />
          {problemText('maxChats')}
        </div>
        {groups.length > 0 && (
          <fieldset className="team-groups" disabled={locked}>
            <legend>{t('team.admin.groups')}</legend>
            {groups.map((group) => (
              <label key={group.id} className="team-group-choice">
                <input type="checkbox" checked={draft.groupIds.includes(group.id)} onChange={(e) => toggleGroup(group.id, e.target.checked)} />
                {group.name}
              </label>
            ))}
          </fieldset>
        )}
        <div className="sensitive-buttons">
          <button type="submit" className="button button-primary" data-testid="team-add-submit" disabled={locked}>
            {saving ? t('team.admin.adding') : t('team.admin.add')}
          </button>
        </div>
      </div>
      <p className="dialog-muted dialog-hint">{t('team.admin.passwordHint')}</p>
      {error && (
        <p className="form-error" role="alert" title={error.message} data-testid="team-add-error">
          {t('team.admin.addFailed', { reason: describeError(t, error) })}
        </p>
      )}
      {done && (
        <p className="admin-success" role="status" data-testid="team-add-done">
          {done}
        </p>
      )}
    </form>
  );
}
