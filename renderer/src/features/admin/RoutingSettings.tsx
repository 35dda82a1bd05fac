import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { weekdays, type BusinessHours } from '../../../../shared/business-hours';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { ADMIN_BOUNDS } from '../../../../shared/team-admin';
import { useSupervision } from '../../app/supervision-context';
import { describeError, type Translate } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { useRoutingSettingsStore } from '../../stores/routing-settings-store';
import { RetryNotice } from '../common/RetryNotice';
import {
  fieldId,
  hoursLines,
  settingsChanges,
  settingsDraftOf,
  timingKeys,
  validateSettings,
  type GroupDraft,
  type SettingsChange,
  type SettingsDraft,
  type SettingsField,
  type SettingsProblem,
  type TimingKey,
} from './settings-logic';
import { parseWholeNumber, spanParts } from './whole-number';
import { AdminSectionHeader } from './AdminSectionHeader';

function span(t: Translate, seconds: number): string {
  return spanParts(seconds)
    .map(({ unit, n }) => t(`settings.unit.${unit}`, { n }))
    .join(' ');
}

function describeProblem(t: Translate, problem: SettingsProblem): string {
  switch (problem.key) {
    case 'settings.problem.range':
      return t(problem.key, { min: problem.min, max: problem.max });
    case 'settings.problem.seconds':
      return t(problem.key, { min: problem.min, max: problem.max, minSpan: span(t, problem.min), maxSpan: span(t, problem.max) });
    case 'settings.problem.timeFormat':
    case 'settings.problem.endBeforeStart':
      return t(problem.key, { text: problem.text });
    case 'settings.problem.tooManyIntervals':
      return t(problem.key, { max: problem.max });
    default:
      return t(problem.key);
  }
}

function describeHours(t: Translate, hours: BusinessHours | null): string {
  if (!hours) return t('settings.hours.always');
  const lines = hoursLines(hours);
  if (lines.length === 0) return t('settings.hours.closed', { timezone: hours.timezone });
  return `${hours.timezone} · ${lines.map(([day, text]) => `${t(`settings.day.${day}`)} ${text}`).join('; ')}`;
}

function describeChange(t: Translate, change: SettingsChange, groupNames: ReadonlyMap<string, string>): string {
  switch (change.kind) {
    case 'timing':
      return t('settings.change.timing', {
        label: t(`settings.${change.key}`),
        before: span(t, change.before),
        after: span(t, change.after),
      });
    case 'groupMax': {
      const show = (n: number | null) => (n === null ? t('settings.noGroupLimit') : String(n));
      return t('settings.change.groupMax', { group: change.group, before: show(change.before), after: show(change.after) });
    }
    case 'hours':
      return t('settings.change.hours', { group: change.group, before: describeHours(t, change.before), after: describeHours(t, change.after) });
    case 'overflowAfter':
      return t('settings.change.overflowAfter', { group: change.group, before: span(t, change.before), after: span(t, change.after) });
    case 'overflowTarget':
      return t('settings.change.overflowTarget', {
        group: change.group,
        before: describeTarget(t, change.before, groupNames),
        after: describeTarget(t, change.after, groupNames),
      });
  }
}

/** An overflow target in words: never, any agent, or the group's name. */
function describeTarget(t: Translate, target: string | null, groupNames: ReadonlyMap<string, string>): string {
  if (target === null || target === '') return t('settings.overflow.off');
  if (target === 'any') return t('settings.overflow.any');
  return groupNames.get(target) ?? target;
}

const sameField = (a: SettingsField, b: SettingsField) => fieldId(a) === fieldId(b);

/**
 * The routing settings: the account's timings (auto-away, reconnect grace, accept timeout, re-offer
 * cool-down, escalation) and each skill group's capacity, overflow rule and business hours. Checked before anything is sent; the changes are
 * listed for the admin to confirm, then saved at once for routing and every desktop.
 */
export function RoutingSettings({ offline }: { offline: boolean }) {
  const t = useT();
  const supervision = useSupervision();
  const view = useRoutingSettingsStore((s) => s.view);
  const status = useRoutingSettingsStore((s) => s.status);
  const error = useRoutingSettingsStore((s) => s.error);
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const [problems, setProblems] = useState<SettingsProblem[]>([]);
  const [pending, setPending] = useState<{ args: ReturnType<typeof settingsChanges>['args']; changes: SettingsChange[] } | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<AppErrorShape | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const base = useId();
  const idOf = (field: SettingsField) => `${base}-${fieldId(field)}`;
  const confirmRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (status === 'idle' && !offline) void supervision.loadRoutingSettings();
  }, [status, offline, supervision]);

  // The form starts from what the server holds, and follows it until the admin changes something.
  const dirty = draft !== null && view !== null && settingsChanges(view, draft).changes.length > 0;
  useEffect(() => {
    if (view && !dirty) setDraft(settingsDraftOf(view));
    // Only a new view from the server resets the form, never the admin's own typing.
  }, [view]);

  useEffect(() => {
    if (pending) confirmRef.current?.focus();
  }, [pending]);

  function update(next: (d: SettingsDraft) => SettingsDraft, field: SettingsField) {
    setDraft((d) => (d ? next(d) : d));
    setProblems((p) => p.filter((x) => !sameField(x.field, field)));
    setPending(null);
    setSaveError(null);
    setNotice(null);
  }

  const setTiming = (key: TimingKey, value: string) => update((d) => ({ ...d, timings: { ...d.timings, [key]: value } }), { kind: 'timing', key });
  const setGroup = (id: string, patch: Partial<GroupDraft>, field: SettingsField) =>
    update((d) => ({ ...d, groups: d.groups.map((g) => (g.id === id ? { ...g, ...patch } : g)) }), field);

  function review(event: FormEvent) {
    event.preventDefault();
    if (!draft || !view || offline || saving) return;
    const found = validateSettings(draft);
    setProblems(found);
    setSaveError(null);
    setNotice(null);
    const first = found[0];
    if (first) {
      document.getElementById(idOf(first.field))?.focus();
      setPending(null);
      return;
    }
    const next = settingsChanges(view, draft);
    if (next.changes.length === 0) {
      setNotice(t('settings.nothingChanged'));
      setPending(null);
      return;
    }
    setPending(next);
  }

  async function confirm() {
    if (!pending || offline) return;
    setSaving(true);
    setSaveError(null);
    try {
      const saved = await supervision.saveRoutingSettings(pending.args);
      setDraft(settingsDraftOf(saved));
      setPending(null);
      setNotice(t('settings.saved'));
    } catch (err) {
      setSaveError(toAppError(err).toJSON());
    } finally {
      setSaving(false);
    }
  }

  function discard() {
    if (view) setDraft(settingsDraftOf(view));
    setProblems([]);
    setPending(null);
    setSaveError(null);
    setNotice(null);
  }

  const groupNames = new Map((view?.groups ?? []).map((g) => [g.id, g.name]));
  const problemOf = (field: SettingsField) => problems.find((p) => sameField(p.field, field));
  const locked = offline || saving;
  const invalid = (field: SettingsField) => ({
    'aria-invalid': problemOf(field) ? true : undefined,
    'aria-describedby': `${idOf(field)}-hint${problemOf(field) ? ` ${idOf(field)}-problem` : ''}`,
  });
  const problemText = (field: SettingsField) => {
    const problem = problemOf(field);
    return (
      problem && (
        <p id={`${idOf(field)}-problem`} className="dialog-field-error" data-testid={`settings-problem-${fieldId(field)}`}>
          {describeProblem(t, problem)}
        </p>
      )
    );
  };

  return (
    <section className="admin-section" aria-labelledby="settings-heading" data-testid="routing-settings">
      <AdminSectionHeader headingId="settings-heading" title={t('settings.heading')} intro={t('settings.intro')} />

      {offline && (
        <p className="view-notice" role="status" data-testid="settings-offline">
          {t('settings.offline')}
        </p>
      )}
      {status === 'failed' && error && (
        <RetryNotice
          message={t('settings.loadFailed', { reason: describeError(t, error) })}
          title={error.message}
          disabled={offline}
          onRetry={() => void supervision.loadRoutingSettings()}
        />
      )}
      {status === 'loading' && !view && (
        <p className="pane-empty" role="status">
          {t('settings.loading')}
        </p>
      )}

      {draft && view && (
        <form className="settings-form" onSubmit={review} noValidate data-testid="settings-form">
          <fieldset className="settings-group" disabled={locked}>
            <legend>{t('settings.timings')}</legend>
            <div className="settings-fields">
              {timingKeys.map((key) => {
                const field: SettingsField = { kind: 'timing', key };
                const bounds = ADMIN_BOUNDS[key];
                const value = parseWholeNumber(draft.timings[key], bounds).value;
                return (
                  <div className="field settings-number" key={key}>
                    <label htmlFor={idOf(field)}>{t(`settings.${key}`)}</label>
                    <input
                      id={idOf(field)}
                      data-testid={`settings-${key}`}
                      inputMode="numeric"
                      value={draft.timings[key]}
                      onChange={(e) => setTiming(key, e.target.value)}
                      {...invalid(field)}
                    />
                    <p id={`${idOf(field)}-hint`} className="dialog-muted dialog-hint">
                      {t(`settings.${key}.hint`)}{' '}
                      {t('settings.bounds', { min: span(t, bounds.min), max: span(t, bounds.max) })}
                      {value !== null && value >= 60 && ` (${span(t, value)})`}
                    </p>
                    {problemText(field)}
                  </div>
                );
              })}
            </div>
          </fieldset>

          {draft.groups.map((group) => {
            const maxField: SettingsField = { kind: 'groupMax', groupId: group.id };
            const zoneField: SettingsField = { kind: 'timezone', groupId: group.id };
            const overflowField: SettingsField = { kind: 'overflowAfter', groupId: group.id };
            const targetId = `${base}-group-${group.id}-overflow-target`;
            return (
              <fieldset className="settings-group" key={group.id} disabled={locked} data-testid="settings-group" data-group-id={group.id}>
                <legend>{t('settings.groupTitle', { group: group.name })}</legend>
                <div className="settings-fields">
                  <div className="field settings-number">
                    <label htmlFor={idOf(maxField)}>{t('settings.maxChatsPerAgent')}</label>
                    <input
                      id={idOf(maxField)}
                      data-testid="settings-group-max"
                      inputMode="numeric"
                      placeholder={t('settings.noGroupLimit')}
                      value={group.maxChatsPerAgent}
                      onChange={(e) => setGroup(group.id, { maxChatsPerAgent: e.target.value }, maxField)}
                      {...invalid(maxField)}
                    />
                    <p id={`${idOf(maxField)}-hint`} className="dialog-muted dialog-hint">
                      {t('settings.maxChatsPerAgent.hint', { min: ADMIN_BOUNDS.maxChatsPerAgent.min, max: ADMIN_BOUNDS.maxChatsPerAgent.max })}
                    </p>
                    {problemText(maxField)}
                  </div>
                  <div className="field settings-number">
                    <label htmlFor={targetId}>{t('settings.overflowTarget')}</label>
                    <select
                      id={targetId}
                      data-testid="settings-overflow-target"
                      value={group.overflowTarget}
                      onChange={(e) => setGroup(group.id, { overflowTarget: e.target.value }, overflowField)}
                    >
                      <option value="">{t('settings.overflow.off')}</option>
                      <option value="any">{t('settings.overflow.any')}</option>
                      {draft.groups
                        .filter((g) => g.id !== group.id)
                        .map((g) => (
                          <option key={g.id} value={g.id}>
                            {g.name}
                          </option>
                        ))}
                    </select>
                  </div>
                  <div className="field settings-number">
                    <label htmlFor={idOf(overflowField)}>{t('settings.overflowAfterSeconds')}</label>
                    <input
                      id={idOf(overflowField)}
                      data-testid="settings-overflow-after"
                      inputMode="numeric"
                      value={group.overflowAfterSeconds}
                      disabled={group.overflowTarget === ''}
                      onChange={(e) => setGroup(group.id, { overflowAfterSeconds: e.target.value }, overflowField)}
                      {...invalid(overflowField)}
                    />
                    <p id={`${idOf(overflowField)}-hint`} className="dialog-muted dialog-hint">
                      {t('settings.overflowAfterSeconds.hint')}{' '}
                      {t('settings.bounds', { min: span(t, ADMIN_BOUNDS.overflowAfterSeconds.min), max: span(t, ADMIN_BOUNDS.overflowAfterSeconds.max) })}
                    </p>
                    {problemText(overflowField)}
                  </div>
                  <label className="settings-check">
                    <input
                      type="checkbox"
                      data-testid="settings-always-open"
                      checked={group.alwaysOpen}
                      onChange={(e) => setGroup(group.id, { alwaysOpen: e.target.checked }, zoneField)}
                    />
                    {t('settings.hours.always')}
                  </label>
                </div>
                {!group.alwaysOpen && (
                  <div className="settings-hours">
                    <div className="field settings-zone">
                      <label htmlFor={idOf(zoneField)}>{t('settings.timezone')}</label>
                      <input
                        id={idOf(zoneField)}
                        data-testid="settings-timezone"
                        spellCheck={false}
                        autoComplete="off"
                        value={group.timezone}
                        onChange={(e) => setGroup(group.id, { timezone: e.target.value }, zoneField)}
                        {...invalid(zoneField)}
                      />
                      <p id={`${idOf(zoneField)}-hint`} className="dialog-muted dialog-hint">
                        {t('settings.timezone.hint')}
                      </p>
                      {problemText(zoneField)}
                    </div>
                    <div className="settings-days">
                      {weekdays.map((day) => {
                        const dayField: SettingsField = { kind: 'day', groupId: group.id, day };
                        return (
                          <div className="field settings-day" key={day}>
                            <label htmlFor={idOf(dayField)}>{t(`settings.day.${day}`)}</label>
                            <input
                              id={idOf(dayField)}
                              data-testid={`settings-day-${day}`}
                              placeholder={t('settings.closed')}
                              spellCheck={false}
                              autoComplete="off"
                              value={group.days[day]}
                              onChange={(e) => setGroup(group.id, { days: { ...group.days, [day]: e.target.value } }, dayField)}
                              {...invalid(dayField)}
                            />
                            <span id={`${idOf(dayField)}-hint`} className="visually-hidden">
                              {t('settings.day.hint')}
                            </span>
                            {problemText(dayField)}
                          </div>
                        );
                      })}
                    </div>
                    <p className="dialog-muted dialog-hint">{t('settings.day.hint')}</p>
                  </div>
                )}
              </fieldset>
            );
          })}

          {problems.length > 0 && (
            <p className="form-error" role="alert" data-testid="settings-problems">
              {t('settings.problems', { count: problems.length })}
            </p>
          )}

          {pending ? (
            <div className="settings-confirm" role="group" aria-labelledby={`${base}-confirm`} tabIndex={-1} ref={confirmRef} data-testid="settings-confirm">
              <h4 id={`${base}-confirm`} className="sensitive-form-title">
                {t('settings.confirmTitle')}
              </h4>
              <ul className="settings-changes">
                {pending.changes.map((change, i) => (
                  <li key={i}>{describeChange(t, change, groupNames)}</li>
                ))}
              </ul>
              <p className="dialog-muted">{t('settings.confirmHint')}</p>
              <div className="sensitive-buttons">
                <button type="button" className="button button-primary" data-testid="settings-confirm-save" disabled={locked} onClick={() => void confirm()}>
                  {saving ? t('settings.saving') : t('settings.confirmSave')}
                </button>
                <button type="button" className="button button-quiet" disabled={saving} onClick={() => setPending(null)}>
                  {t('settings.keepEditing')}
                </button>
              </div>
            </div>
          ) : (
            <div className="sensitive-buttons">
              <button type="submit" className="button button-primary" data-testid="settings-review" disabled={locked}>
                {t('settings.review')}
              </button>
              <button type="button" className="button button-quiet" disabled={locked || !dirty} onClick={discard}>
                {t('settings.discard')}
              </button>
            </div>
          )}

          {saveError && (
            <p className="form-error" role="alert" title={saveError.message} data-testid="settings-save-error">
              {t('settings.saveFailed', { reason: describeError(t, saveError) })}
            </p>
          )}
          {notice && (
            <p className="admin-success" role="status" data-testid="settings-notice">
              {notice}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
