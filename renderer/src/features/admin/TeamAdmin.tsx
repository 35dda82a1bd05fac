import { useEffect, useMemo, useState } from 'react';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { ADMIN_BOUNDS, type ManagedGroup, type ManagedUser } from '../../../../shared/team-admin';
import { useSupervision } from '../../app/supervision-context';
import { describeError, type Translate } from '../../i18n/translate';
import { useLanguage, useT } from '../../i18n/use-t';
import { useSessionStore } from '../../stores/session-store';
import { useTeamAdminStore } from '../../stores/team-admin-store';
import { ActionsColumnHeader } from '../common/ActionsColumnHeader';
import { RetryNotice } from '../common/RetryNotice';
import { AddUserForm, describeTeamProblem } from './AddUserForm';
import { changesOf, editOf, isLastActiveAdmin, maxChatsProblem, roles, sortUsers, type UserEdit } from './team-admin-logic';
import { AdminSectionHeader } from './AdminSectionHeader';

/** Why saving a row failed, in words: the last admin has its own sentence. */
function describeSaveError(t: Translate, error: AppErrorShape): string {
  if (error.code === 'conflict' && error.details?.reason === 'last_admin') return t('team.admin.lastAdminRefused');
  return describeError(t, error);
}

type RowProps = {
  user: ManagedUser;
  users: readonly ManagedUser[];
  groups: readonly ManagedGroup[];
  me: string | null;
  offline: boolean;
  onDone(message: string): void;
};

/**
 * One user: role, capacity and groups change in place and are saved together; deactivating asks
 * a second time. The last active admin keeps their role (the server would refuse).
 */
function UserRow({ user, users, groups, me, offline, onDone }: RowProps) {
  const t = useT();
  const supervision = useSupervision();
  const [edit, setEdit] = useState<UserEdit>(() => editOf(user));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [confirming, setConfirming] = useState(false);

  // What the server answered (this save, or a reload) is what the row shows next.
  useEffect(() => {
    setEdit(editOf(user));
  }, [user]);

  const problem = maxChatsProblem(edit.maxChats);
  const changes = problem ? null : changesOf(user, edit);
  const lastAdmin = isLastActiveAdmin(user, users);
  const locked = offline || saving || !user.active;
  const rowId = `team-user-${user.id}`;

  function change(next: Partial<UserEdit>) {
    setEdit((e) => ({ ...e, ...next }));
    setError(null);
  }

  async function save(args: Parameters<typeof supervision.saveUser>[0], message: (saved: ManagedUser) => string) {
    setSaving(true);
    setError(null);
    try {
      const saved = await supervision.saveUser(args);
      onDone(message(saved));
    } catch (err) {
      setError(toAppError(err).toJSON());
    } finally {
      setSaving(false);
      setConfirming(false);
    }
  }

  return (
    <tr data-testid="team-row" data-user-id={user.id} data-active={user.active ? 'true' : 'false'}>
      <th scope="row" id={rowId}>
        <span className="team-name">
          {user.name}
          {user.id === me && <span className="team-me">{t('team.admin.you')}</span>}
        </span>
        <span className="team-email">{user.email}</span>
      </th>
      <td>
        <select
          aria-label={t('team.admin.roleOf', { name: user.name })}
          data-testid="team-role"
          value={edit.role}
          disabled={locked || lastAdmin}
          title={lastAdmin ? t('team.admin.lastAdmin') : undefined}
          onChange={(e) => change({ role: roles.find((r) => r === e.target.value) ?? user.role })}
        >
          {roles.map((role) => (
            <option key={role} value={role}>
              {t(`role.${role}`)}
            </option>
          ))}
        </select>
      </td>
      <td>
        <input
          className="team-max-input"
          aria-label={t('team.admin.maxChatsOf', { name: user.name })}
          data-testid="team-max"
          inputMode="numeric"
          value={edit.maxChats}
          disabled={locked}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${rowId}-problem` : undefined}
          title={t('team.admin.maxChatsHint', { min: ADMIN_BOUNDS.maxChats.min, max: ADMIN_BOUNDS.maxChats.max })}
          onChange={(e) => change({ maxChats: e.target.value })}
        />
        {problem && (
          <p id={`${rowId}-problem`} className="dialog-field-error" data-testid="team-max-problem">
            {describeTeamProblem(t, problem)}
          </p>
        )}
      </td>
      <td>
        <fieldset className="team-groups team-groups-inline" disabled={locked}>
          <legend className="visually-hidden">{t('team.admin.groupsOf', { name: user.name })}</legend>
          {groups.map((group) => (
            <label key={group.id} className="team-group-choice">
              <input
                type="checkbox"
                checked={edit.groupIds.includes(group.id)}
                onChange={(e) =>
                  change({ groupIds: e.target.checked ? [...edit.groupIds, group.id] : edit.groupIds.filter((g) => g !== group.id) })
                }
              />
              {group.name}
            </label>
          ))}
          {groups.length === 0 && <span className="dialog-muted">{t('team.admin.noGroups')}</span>}
        </fieldset>
      </td>
      <td>
        {user.active ? (
          <span className="team-presence">
            <span className="presence-dot" data-presence={user.presence} aria-hidden="true" />
            {t(`presence.${user.presence}`)}
          </span>
        ) : (
          <span className="team-presence team-deactivated">{t('team.admin.deactivated')}</span>
        )}
      </td>
      <td>
        <div className="sensitive-row-actions">
          {user.active && (
            <button
              type="button"
              className="button button-primary button-small"
              data-testid="team-save"
              aria-describedby={rowId}
              disabled={locked || changes === null}
              onClick={() => changes && void save(changes, (saved) => t('team.admin.saved', { name: saved.name }))}
            >
              {saving && !confirming ? t('team.admin.saving') : t('team.admin.save')}
            </button>
          )}
          {confirming ? (
            <>
              <span className="sensitive-confirm">{t('team.admin.confirmDeactivate', { name: user.name })}</span>
              <button
                type="button"
                className="button button-danger button-small"
                data-testid="team-confirm-deactivate"
                disabled={offline || saving}
                onClick={() => void save({ id: user.id, active: false }, (saved) => t('team.admin.deactivatedDone', { name: saved.name }))}
              >
                {t('team.admin.deactivate')}
              </button>
              <button type="button" className="button button-quiet button-small" autoFocus disabled={saving} onClick={() => setConfirming(false)}>
                {t('team.admin.keep')}
              </button>
            </>
          ) : user.active ? (
            <button
              type="button"
              className="button button-quiet button-small"
              data-testid="team-deactivate"
              aria-describedby={rowId}
              disabled={offline || saving || lastAdmin || user.id === me}
              title={lastAdmin ? t('team.admin.lastAdmin') : user.id === me ? t('team.admin.notYourself') : undefined}
              onClick={() => {
                setConfirming(true);
                setError(null);
              }}
            >
              {t('team.admin.deactivate')}
            </button>
          ) : (
            <button
              type="button"
              className="button button-quiet button-small"
              data-testid="team-reactivate"
              aria-describedby={rowId}
              disabled={offline || saving}
              onClick={() => void save({ id: user.id, active: true }, (saved) => t('team.admin.reactivated', { name: saved.name }))}
            >
              {t('team.admin.reactivate')}
            </button>
          )}
        </div>
        {error && (
          <p className="form-error" role="alert" title={error.message} data-testid="team-row-error">
            {t('team.admin.saveFailed', { name: user.name, reason: describeSaveError(t, error) })}
          </p>
        )}
      </td>
    </tr>
  );
}

/**
 * The team: every user with role, capacity, skill groups and status, changed row by row, and a
 * form to add someone. Read and changed on the server only, so it needs the connection.
 */
export function TeamAdmin({ offline }: { offline: boolean }) {
  const t = useT();
  const language = useLanguage();
  const supervision = useSupervision();
  const users = useTeamAdminStore((s) => s.users);
  const groups = useTeamAdminStore((s) => s.groups);
  const status = useTeamAdminStore((s) => s.status);
  const error = useTeamAdminStore((s) => s.error);
  const me = useSessionStore((s) => s.session?.user?.id ?? null);
  const [done, setDone] = useState<string | null>(null);
  const sorted = useMemo(() => sortUsers(users, language), [users, language]);

  useEffect(() => {
    if (status === 'idle' && !offline) void supervision.loadTeamAdmin();
  }, [status, offline, supervision]);

  return (
    <section className="admin-section" aria-labelledby="team-admin-heading" data-testid="team-admin">
      <AdminSectionHeader headingId="team-admin-heading" title={t('team.admin.heading')} intro={t('team.admin.intro')} />

      {offline && (
        <p className="view-notice" role="status" data-testid="team-admin-offline">
          {t('team.admin.offline')}
        </p>
      )}

      {status === 'ready' && <AddUserForm users={users} groups={groups} offline={offline} />}

      {done && (
        <p className="admin-success" role="status" data-testid="team-admin-done">
          {done}
        </p>
      )}

      {status === 'failed' && error && (
        <RetryNotice
          message={t('team.admin.loadFailed', { reason: describeError(t, error) })}
          title={error.message}
          disabled={offline}
          onRetry={() => void supervision.loadTeamAdmin()}
        />
      )}
      {status === 'loading' && users.length === 0 && (
        <p className="pane-empty" role="status">
          {t('team.admin.loading')}
        </p>
      )}

      {sorted.length > 0 && (
        <div className="admin-table-wrap">
          <table className="data-table team-table" aria-label={t('team.admin.tableLabel')} data-testid="team-table">
            <thead>
              <tr>
                <th scope="col">{t('team.admin.col.person')}</th>
                <th scope="col">{t('team.admin.role')}</th>
                <th scope="col">{t('team.admin.maxChats')}</th>
                <th scope="col">{t('team.admin.groups')}</th>
                <th scope="col">{t('team.admin.col.status')}</th>
                <ActionsColumnHeader label={t('team.admin.col.actions')} />
              </tr>
            </thead>
            <tbody>
              {sorted.map((user) => (
                <UserRow key={user.id} user={user} users={users} groups={groups} me={me} offline={offline} onDone={setDone} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
