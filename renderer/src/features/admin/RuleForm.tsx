import { useId, useState, type FormEvent } from 'react';
import type { BotRule } from '../../../../shared/knowledge';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { MAX_KEYWORD_PATTERN_LENGTH } from '../../../../shared/keyword-regex';
import { KB_LIMITS } from '../../../../shared/knowledge';
import { useKnowledgeAdmin } from '../../app/knowledge-admin-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { SelectField } from '../common/SelectField';
import {
  commonOrderStatuses,
  keywordMatches,
  orderReplyVariablesText,
  ruleSaveArgs,
  validateRule,
  type RuleDraft,
  type RuleField,
  type RuleProblem,
} from './bot-admin-logic';

interface RuleFormProps {
  draft: RuleDraft;
  onChange(next: RuleDraft): void;
  /** Every reply, to spot the same keyword or status twice. */
  rules: readonly BotRule[];
  offline: boolean;
  title: string;
  onSaved(rule: BotRule): void;
  /** Shown for a reply being changed, or whenever the form may be left. */
  onCancel?: () => void;
  testId: string;
}

/**
 * One bot reply's form: for a keyword reply how it matches (exact, contains, regular expression)
 * and the pattern, for an order-status reply the status; the reply in Chinese and English; its
 * priority and whether it is on. Checked before sending (a regular expression must compile and be
 * safe to run on every message); what was typed stays on an error.
 */
export function RuleForm({ draft, onChange, rules, offline, title, onSaved, onCancel, testId }: RuleFormProps) {
  const t = useT();
  const admin = useKnowledgeAdmin();
  const [problems, setProblems] = useState<RuleProblem[]>([]);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<AppErrorShape | null>(null);
  const base = useId();
  const id = (name: string) => `${base}-${name}`;
  const problemOf = (field: RuleField) => problems.find((p) => p.field === field);
  const hasPattern = draft.kind === 'keyword' || draft.kind === 'order_status';

  function change(next: Partial<RuleDraft>) {
    onChange({ ...draft, ...next });
    setProblems([]);
    setSaveError(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving || offline) return;
    const found = validateRule(draft, rules);
    if (found.length > 0) {
      setProblems(found);
      const first = found[0]!.field;
      document.getElementById(id(first === 'reply' ? 'replyZh' : first))?.focus();
      return;
    }
    setSaving(true);
    setSaveError(null);
    try {
      onSaved(await admin.saveRule(ruleSaveArgs(draft)));
    } catch (err) {
      setSaveError(toAppError(err).toJSON());
    } finally {
      setSaving(false);
    }
  }

  const locked = offline || saving;
  const problemText = (field: RuleField) => {
    const problem = problemOf(field);
    return problem ? (
      <p id={id(`${field}-problem`)} className="dialog-field-error" role="alert" data-testid={`${testId}-problem`}>
        {t(problem.key, problem.params)}
      </p>
    ) : null;
  };
  const describedBy = (field: RuleField, ...more: string[]) =>
    [...more, problemOf(field) ? id(`${field}-problem`) : ''].filter((s) => s !== '').join(' ') || undefined;

  return (
    <form className="sensitive-form bot-rule-form" onSubmit={submit} noValidate aria-labelledby={id('title')} data-testid={testId}>
      <h4 id={id('title')} className="sensitive-form-title">
        {title}
      </h4>
      {hasPattern && (
        <div className="sensitive-fields">
          {draft.kind === 'keyword' && (
            <SelectField
              id={id('match')}
              label={t('botAdmin.field.match')}
              testId={`${testId}-match`}
              value={draft.match}
              options={keywordMatches.map((m) => ({ value: m, label: t(`botAdmin.match.${m}`) }))}
              disabled={locked}
              onChange={(match) => change({ match })}
            />
          )}
          <div className="field sensitive-pattern">
            <label htmlFor={id('pattern')}>{draft.kind === 'keyword' ? t('botAdmin.field.pattern') : t('botAdmin.field.status')}</label>
            <input
              id={id('pattern')}
              data-testid={`${testId}-pattern`}
              value={draft.pattern}
              list={draft.kind === 'order_status' ? id('statuses') : undefined}
              maxLength={MAX_KEYWORD_PATTERN_LENGTH * 2}
              spellCheck={false}
              autoComplete="off"
              className={draft.kind === 'keyword' && draft.match === 'regex' ? 'sensitive-pattern-regex' : undefined}
              aria-invalid={problemOf('pattern') ? true : undefined}
              aria-describedby={describedBy('pattern', id('pattern-hint'))}
              disabled={locked}
              onChange={(e) => change({ pattern: e.target.value })}
            />
            {draft.kind === 'order_status' && (
              <datalist id={id('statuses')}>
                {commonOrderStatuses.map((s) => (
                  <option key={s} value={s} />
                ))}
              </datalist>
            )}
          </div>
        </div>
      )}
      {hasPattern && (
        <p id={id('pattern-hint')} className="dialog-muted dialog-hint">
          {draft.kind === 'keyword' ? t(`botAdmin.matchHint.${draft.match}`) : t('botAdmin.statusHint')}
        </p>
      )}
      {problemText('pattern')}

      <div className="bot-replies">
        <div className="field">
          <label htmlFor={id('replyZh')}>{t('botAdmin.field.replyZh')}</label>
          <textarea
            id={id('replyZh')}
            data-testid={`${testId}-reply-zh`}
            value={draft.replyZh}
            rows={3}
            maxLength={KB_LIMITS.reply * 2}
            aria-invalid={problemOf('reply') ? true : undefined}
            aria-describedby={describedBy('reply')}
            disabled={locked}
            onChange={(e) => change({ replyZh: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={id('replyEn')}>{t('botAdmin.field.replyEn')}</label>
          <textarea
            id={id('replyEn')}
            data-testid={`${testId}-reply-en`}
            value={draft.replyEn}
            rows={3}
            maxLength={KB_LIMITS.reply * 2}
            aria-invalid={problemOf('reply') ? true : undefined}
            aria-describedby={describedBy('reply')}
            disabled={locked}
            onChange={(e) => change({ replyEn: e.target.value })}
          />
        </div>
      </div>
      {draft.kind === 'order_status' && (
        <p className="dialog-muted dialog-hint">{t('botAdmin.orderVariablesHint', { variables: orderReplyVariablesText() })}</p>
      )}
      {problemText('reply')}

      <div className="sensitive-fields">
        <div className="field bot-priority">
          <label htmlFor={id('priority')}>{t('botAdmin.field.priority')}</label>
          <input
            id={id('priority')}
            inputMode="numeric"
            data-testid={`${testId}-priority`}
            value={draft.priority}
            aria-invalid={problemOf('priority') ? true : undefined}
            aria-describedby={describedBy('priority', id('priority-hint'))}
            disabled={locked}
            onChange={(e) => change({ priority: e.target.value })}
          />
        </div>
        <label className="kb-enabled-check">
          <input type="checkbox" checked={draft.enabled} disabled={locked} onChange={(e) => change({ enabled: e.target.checked })} />
          {t('botAdmin.enabledCheck')}
        </label>
        <div className="sensitive-buttons">
          <button type="submit" className="button button-primary" data-testid={`${testId}-save`} disabled={locked}>
            {saving ? t('botAdmin.saving') : draft.id ? t('botAdmin.save') : t('botAdmin.add')}
          </button>
          {onCancel && (
            <button type="button" className="button button-quiet" disabled={saving} onClick={onCancel}>
              {t('botAdmin.cancel')}
            </button>
          )}
        </div>
      </div>
      <p id={id('priority-hint')} className="dialog-muted dialog-hint">
        {t('botAdmin.priorityHint')}
      </p>
      {problemText('priority')}
      {saveError && (
        <p className="form-error" role="alert" title={saveError.message} data-testid={`${testId}-error`}>
          {t('botAdmin.saveFailed', { reason: describeError(t, saveError) })}
        </p>
      )}
    </form>
  );
}
