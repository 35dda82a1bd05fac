import { useId, useRef, useState, type FormEvent } from 'react';
import type { InboxConversation } from '../../../../shared/contract';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { useController } from '../../app/controller-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { useConversationTagsStore } from '../../stores/conversation-tags-store';
import { DialogFrame } from '../common/DialogFrame';
import { choiceProblem, chosenTagIds, initialChoice, pickerOptions, type TagChoice } from './resolve-picker-logic';

interface ResolveDialogProps {
  conversation: InboxConversation;
  /** 'resolve': choose, then resolve; 'edit': change the tags of a conversation only. */
  mode: 'resolve' | 'edit';
  /** Called after it was resolved (or the tags saved) with true, or with false when cancelled. */
  onClose(done: boolean): void;
}

/**
 * The reason and outcome of a conversation, chosen when it is resolved (or later): a reason from
 * a list and an outcome from radio buttons, both reachable by keyboard. When the account requires
 * an outcome, resolving without one is stopped here and the outcome group takes the focus.
 */
export function ResolveDialog({ conversation, mode, onClose }: ResolveDialogProps) {
  const t = useT();
  const controller = useController();
  const { tags, settings } = useConversationTagsStore();
  const ids = { title: useId(), reason: useId(), outcomes: useId(), problem: useId() };
  const [choice, setChoice] = useState<TagChoice>(() => initialChoice(tags, conversation.tagIds ?? []));
  const [problem, setProblem] = useState<'outcome' | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const outcomeGroup = useRef<HTMLFieldSetElement>(null);

  const reasons = pickerOptions(tags, 'reason', choice.reasonId);
  const outcomes = pickerOptions(tags, 'outcome', choice.outcomeId);

  function askForOutcome() {
    setProblem('outcome');
    outcomeGroup.current?.querySelector<HTMLInputElement>('input')?.focus();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (mode === 'resolve' && choiceProblem(settings, choice)) return askForOutcome();
    setSaving(true);
    setError(null);
    const tagIds = chosenTagIds(tags, conversation.tagIds ?? [], choice);
    try {
      if (mode === 'resolve') await controller.resolve(conversation.id, tagIds);
      else await controller.setConversationTags(conversation.id, tagIds);
      onClose(true);
    } catch (err) {
      const shape = toAppError(err).toJSON();
      setSaving(false);
      // The list this desktop had was older than the server's rule.
      if (shape.code === 'outcome_required') return askForOutcome();
      setError(shape);
    }
  }

  const title = mode === 'resolve' ? t('resolvePicker.title') : t('resolvePicker.editTitle');
  return (
    <DialogFrame testId="resolve-dialog" titleId={ids.title} title={title} closeLabel={t('resolvePicker.cancel')} busy={saving} onClose={() => onClose(false)}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <p className="dialog-subtitle">{t('resolvePicker.subtitle', { name: conversation.contactName })}</p>
        <div className="field">
          <label htmlFor={ids.reason}>{t('resolvePicker.reason')}</label>
          <select id={ids.reason} data-testid="resolve-reason" value={choice.reasonId} onChange={(e) => setChoice({ ...choice, reasonId: e.target.value })}>
            <option value="">{t('resolvePicker.noReason')}</option>
            {reasons.map((r) => (
              <option key={r.id} value={r.id}>
                {r.archived ? t('resolvePicker.archivedName', { name: r.name }) : r.name}
              </option>
            ))}
          </select>
        </div>
        <fieldset
          ref={outcomeGroup}
          className="resolve-outcomes"
          aria-describedby={problem ? ids.problem : undefined}
          aria-invalid={problem ? true : undefined}
          data-testid="resolve-outcomes"
        >
          <legend>{settings.requireOutcome ? t('resolvePicker.outcomeRequired') : t('resolvePicker.outcome')}</legend>
          {!settings.requireOutcome && (
            <label className="resolve-option">
              <input type="radio" name={ids.outcomes} value="" checked={choice.outcomeId === ''} onChange={() => setChoice({ ...choice, outcomeId: '' })} />
              {t('resolvePicker.noOutcome')}
            </label>
          )}
          {outcomes.map((o) => (
            <label key={o.id} className="resolve-option">
              <input
                type="radio"
                name={ids.outcomes}
                value={o.id}
                checked={choice.outcomeId === o.id}
                onChange={() => {
                  setChoice({ ...choice, outcomeId: o.id });
                  setProblem(null);
                }}
              />
              {o.colour && <span className="tag-swatch" style={{ background: o.colour }} aria-hidden="true" />}
              {o.archived ? t('resolvePicker.archivedName', { name: o.name }) : o.name}
            </label>
          ))}
          {outcomes.length === 0 && <p className="dialog-muted">{t('resolvePicker.noOutcomes')}</p>}
        </fieldset>
        {problem && (
          <p id={ids.problem} className="dialog-field-error" role="alert" data-testid="resolve-problem">
            {t('error.outcome_required')}
          </p>
        )}
        {error && (
          <p className="form-error" role="alert" title={error.message} data-testid="resolve-error">
            {describeError(t, error)}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" disabled={saving} onClick={() => onClose(false)}>
            {t('resolvePicker.cancel')}
          </button>
          <button type="submit" className="button button-primary" data-testid="resolve-confirm" disabled={saving}>
            {mode === 'resolve' ? (saving ? t('thread.resolving') : t('thread.resolve')) : saving ? t('resolvePicker.saving') : t('resolvePicker.save')}
          </button>
        </div>
      </form>
    </DialogFrame>
  );
}
