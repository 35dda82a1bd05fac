import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { SensitiveWord } from '../../../../shared/domain';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { useSupervision } from '../../app/supervision-context';
import { describeError, type Translate } from '../../i18n/translate';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatFull } from '../../lib/time';
import { useSensitiveWordsStore } from '../../stores/sensitive-words-store';
import {
  draftOf,
  emptySensitiveDraft,
  MAX_PATTERN_LENGTH,
  saveArgs,
  sensitiveActions,
  sensitiveKinds,
  sortSensitiveWords,
  validateSensitive,
  type SensitiveDraft,
  type SensitiveProblem,
} from './sensitive-logic';
import { RowActions } from '../common/RowActions';
import { SelectField } from '../common/SelectField';
import { ActionsColumnHeader } from '../common/ActionsColumnHeader';
import { RetryNotice } from '../common/RetryNotice';
import { MaskPersonalDataSetting } from './MaskPersonalDataSetting';
import { AdminSectionHeader } from './AdminSectionHeader';

function describeProblem(t: Translate, problem: SensitiveProblem): string {
  switch (problem.key) {
    case 'sensitive.patternTooLong':
      return t(problem.key, { count: problem.count, max: problem.max });
    case 'sensitive.invalidRegex':
      return t(problem.key, { detail: problem.detail });
    default:
      return t(problem.key);
  }
}

/**
 * The sensitive word list with a form to add or change an entry and a two-step delete. The list
 * comes from the local cache (readable offline); changes need the connection. Re-read whenever
 * the list changes anywhere (`catalog.updated`).
 */
export function SensitiveWords({ offline }: { offline: boolean }) {
  const t = useT();
  const language = useLanguage();
  const supervision = useSupervision();
  const words = useSensitiveWordsStore((s) => s.words);
  const status = useSensitiveWordsStore((s) => s.status);
  const error = useSensitiveWordsStore((s) => s.error);
  const [draft, setDraft] = useState<SensitiveDraft>(emptySensitiveDraft);
  const [problem, setProblem] = useState<SensitiveProblem | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<AppErrorShape | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [deleteError, setDeleteError] = useState<{ pattern: string; error: AppErrorShape } | null>(null);
  const patternRef = useRef<HTMLInputElement>(null);
  const ids = { form: useId(), pattern: useId(), patternHelp: useId(), kind: useId(), kindHint: useId(), action: useId() };
  const sorted = useMemo(() => sortSensitiveWords(words, language), [words, language]);

  useEffect(() => {
    if (status === 'idle') void supervision.loadSensitiveWords();
  }, [status, supervision]);

  // The entry being changed, as listed (it may have been deleted meanwhile: saving then says so).
  const editing = draft.id !== null;
  const editedPattern = draft.id ? (words.find((w) => w.id === draft.id)?.pattern ?? draft.pattern) : '';

  function change(next: Partial<SensitiveDraft>) {
    setDraft((d) => ({ ...d, ...next }));
    setProblem(null);
    setSaveError(null);
    setDone(null);
  }

  function startEdit(word: SensitiveWord) {
    setDraft(draftOf(word));
    setProblem(null);
    setSaveError(null);
    setDone(null);
    setConfirming(null);
    patternRef.current?.focus();
  }

  function cancelEdit() {
    setDraft(emptySensitiveDraft);
    setProblem(null);
    setSaveError(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving || offline) return;
    const found = validateSensitive(draft, words);
    if (found) {
      setProblem(found);
      patternRef.current?.focus();
      return;
    }
    setSaving(true);
    setSaveError(null);
    setDone(null);
    try {
      const saved = await supervision.saveSensitiveWord(saveArgs(draft));
      setDone(t(draft.id ? 'sensitive.saved' : 'sensitive.added', { pattern: saved.pattern }));
      setDraft(emptySensitiveDraft);
      patternRef.current?.focus();
    } catch (err) {
      setSaveError(toAppError(err).toJSON());
    } finally {
      setSaving(false);
    }
  }

  async function remove(word: SensitiveWord) {
    setDeleting(word.id);
    setDeleteError(null);
    setDone(null);
    try {
      await supervision.deleteSensitiveWord(word.id);
      setDone(t('sensitive.deleted', { pattern: word.pattern }));
      if (draft.id === word.id) setDraft(emptySensitiveDraft);
    } catch (err) {
      setDeleteError({ pattern: word.pattern, error: toAppError(err).toJSON() });
    } finally {
      setDeleting(null);
      setConfirming(null);
    }
  }

  const locked = offline || saving;
  return (
    <section className="admin-section" aria-labelledby="sensitive-heading" data-testid="sensitive-words">
      <AdminSectionHeader headingId="sensitive-heading" title={t('sensitive.heading')} intro={t('sensitive.intro')} />

      {offline && (
        <p className="view-notice" role="status" data-testid="sensitive-offline">
          {t('sensitive.offline')}
        </p>
      )}

      <MaskPersonalDataSetting offline={offline} />

      <form className="sensitive-form" aria-labelledby={ids.form} onSubmit={submit} noValidate data-testid="sensitive-form">
        <h4 id={ids.form} className="sensitive-form-title">
          {editing ? t('sensitive.editTitle', { pattern: editedPattern }) : t('sensitive.addTitle')}
        </h4>
        <div className="sensitive-fields">
          <div className="field sensitive-pattern">
            <label htmlFor={ids.pattern}>{t('sensitive.pattern')}</label>
            <input
              id={ids.pattern}
              ref={patternRef}
              data-testid="sensitive-pattern"
              value={draft.pattern}
              maxLength={MAX_PATTERN_LENGTH * 2}
              spellCheck={false}
              autoComplete="off"
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? ids.patternHelp : undefined}
              className={draft.kind === 'regex' ? 'sensitive-pattern-regex' : undefined}
              disabled={locked}
              onChange={(e) => change({ pattern: e.target.value })}
            />
          </div>
          <SelectField
            id={ids.kind}
            label={t('sensitive.kind')}
            testId="sensitive-kind"
            value={draft.kind}
            options={sensitiveKinds.map((kind) => ({ value: kind, label: t(`sensitive.kind.${kind}`) }))}
            describedBy={ids.kindHint}
            disabled={locked}
            onChange={(kind) => change({ kind })}
          />
          <SelectField
            id={ids.action}
            label={t('sensitive.action')}
            testId="sensitive-action"
            value={draft.action}
            options={sensitiveActions.map((action) => ({ value: action, label: t(`sensitive.action.${action}`) }))}
            disabled={locked}
            onChange={(action) => change({ action })}
          />
          <div className="sensitive-buttons">
            <button type="submit" className="button button-primary" data-testid="sensitive-save" disabled={locked}>
              {saving ? t('sensitive.saving') : editing ? t('sensitive.save') : t('sensitive.add')}
            </button>
            {editing && (
              <button type="button" className="button button-quiet" disabled={saving} onClick={cancelEdit}>
                {t('sensitive.cancel')}
              </button>
            )}
          </div>
        </div>
        <p id={ids.kindHint} className="dialog-muted dialog-hint">
          {t(`sensitive.kindHint.${draft.kind}`)}
        </p>
        {problem && (
          <p id={ids.patternHelp} className="dialog-field-error" role="alert" data-testid="sensitive-problem">
            {describeProblem(t, problem)}
          </p>
        )}
        {saveError && (
          <p className="form-error" role="alert" title={saveError.message} data-testid="sensitive-save-error">
            {t('sensitive.saveFailed', { reason: describeError(t, saveError) })}
          </p>
        )}
      </form>

      {done && (
        <p className="admin-success" role="status" data-testid="sensitive-done">
          {done}
        </p>
      )}
      {deleteError && (
        <p className="form-error" role="alert" title={deleteError.error.message}>
          {t('sensitive.deleteFailed', { pattern: deleteError.pattern, reason: describeError(t, deleteError.error) })}
        </p>
      )}

      {status === 'failed' && error && (
        <RetryNotice
          message={t('sensitive.loadFailed', { reason: describeError(t, error) })}
          title={error.message}
          onRetry={() => void supervision.loadSensitiveWords()}
        />
      )}
      {status === 'loading' && words.length === 0 && (
        <p className="pane-empty" role="status">
          {t('sensitive.loading')}
        </p>
      )}
      {status === 'ready' && words.length === 0 && <p className="pane-empty">{t('sensitive.empty')}</p>}

      {sorted.length > 0 && (
        <div className="admin-table-wrap">
          <table className="data-table sensitive-table" aria-label={t('sensitive.tableLabel')} data-testid="sensitive-table">
            <thead>
              <tr>
                <th scope="col">{t('sensitive.col.pattern')}</th>
                <th scope="col">{t('sensitive.col.kind')}</th>
                <th scope="col">{t('sensitive.col.action')}</th>
                <th scope="col">{t('sensitive.col.updated')}</th>
                <ActionsColumnHeader label={t('sensitive.col.actions')} />
              </tr>
            </thead>
            <tbody>
              {sorted.map((word) => (
                <tr key={word.id} data-testid="sensitive-row" data-word-id={word.id} data-editing={draft.id === word.id ? 'true' : undefined}>
                  <th scope="row">
                    <span className={word.kind === 'regex' ? 'sensitive-pattern-regex' : undefined}>{word.pattern}</span>
                  </th>
                  <td>{t(`sensitive.kind.${word.kind}`)}</td>
                  <td>
                    <span className="sensitive-action" data-action={word.action}>
                      {t(`sensitive.action.${word.action}`)}
                    </span>
                  </td>
                  <td>
                    <time dateTime={word.updatedAt}>{formatFull(word.updatedAt, language)}</time>
                  </td>
                  <td>
                    <RowActions
                      confirming={confirming === word.id}
                      confirm={{
                        question: t('sensitive.confirmDelete'),
                        deleteText: deleting === word.id ? t('sensitive.deleting') : t('sensitive.delete'),
                        deleteLabel: t('sensitive.confirmDeleteLabel', { pattern: word.pattern }),
                        deleteTestId: 'sensitive-confirm-delete',
                        deleteDisabled: offline || deleting !== null,
                        keepText: t('sensitive.keep'),
                        keepDisabled: deleting !== null,
                        onDelete: () => void remove(word),
                        onKeep: () => setConfirming(null),
                      }}
                      edit={{
                        text: t('sensitive.edit'),
                        label: t('sensitive.editLabel', { pattern: word.pattern }),
                        testId: 'sensitive-edit',
                        disabled: offline || saving,
                        onClick: () => startEdit(word),
                      }}
                      remove={{
                        text: t('sensitive.delete'),
                        label: t('sensitive.deleteLabel', { pattern: word.pattern }),
                        testId: 'sensitive-delete',
                        disabled: offline || deleting !== null,
                        onClick: () => {
                          setConfirming(word.id);
                          setDeleteError(null);
                        },
                      }}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
