import { AgentOption } from '../transfer/AgentOption';
import { useEffect, useId, useState } from 'react';
import type { InboxConversation } from '../../../../shared/contract';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { useController } from '../../app/controller-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { DialogFrame } from '../common/DialogFrame';
import { NoteField } from '../common/NoteField';
import { useConnectionStore } from '../../stores/connection-store';
import { useInboxStore } from '../../stores/inbox-store';
import { useSessionStore } from '../../stores/session-store';
import { useTeamStore } from '../../stores/team-store';
import {
  canTakeOverTo,
  MAX_TAKEOVER_REASON,
  takeoverArgs,
  takeoverChoices,
  type TakeoverTarget,
} from './watch-logic';

interface TakeoverDialogProps {
  conversation: InboxConversation;
  /** Opened from "Take over" (the user is chosen) or "Assign to…" (nobody is chosen yet). */
  initial: 'me' | 'other';
  /** Called with who took it (null: the user themselves) after a takeover, or undefined when cancelled. */
  onClose(takenBy?: { name: string } | null): void;
}

/**
 * Takes a colleague's conversation: to the supervisor themselves or to another agent (presence and
 * load shown; offline ones cannot be chosen), with an optional reason the agent is told. Modal:
 * focus stays inside, Esc closes. Needs the connection.
 */
export function TakeoverDialog({ conversation, initial, onClose }: TakeoverDialogProps) {
  const t = useT();
  const controller = useController();
  const me = useInboxStore((s) => s.me);
  const myName = useSessionStore((s) => s.session?.user?.name ?? '');
  const team = useTeamStore();
  const connection = useConnectionStore((s) => s.connection?.status ?? null);
  const offline = connection === 'offline' || connection === 'signed_out';
  const ids = { title: useId(), subtitle: useId(), reason: useId(), reasonHint: useId(), error: useId() };
  const [target, setTarget] = useState<TakeoverTarget | null>(initial === 'me' ? { kind: 'me' } : null);
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [showChoose, setShowChoose] = useState(false);
  const agentName = conversation.assigneeName ?? '';

  // The team is read live when the dialog opens (and again when the connection returns).
  useEffect(() => {
    if (!offline) void controller.loadTeam();
  }, [controller, offline]);

  const choices = takeoverChoices(team.agents, me, conversation.assigneeId);
  const reasonLength = reason.trim().length;
  const reasonTooLong = reasonLength > MAX_TAKEOVER_REASON;
  const self = target?.kind === 'me';

  async function confirm() {
    if (!target || !canTakeOverTo(target, choices)) {
      setShowChoose(true);
      return;
    }
    if (offline || saving || reasonTooLong) return;
    setSaving(true);
    setError(null);
    try {
      const { conversationId, ...options } = takeoverArgs(conversation.id, target, reason);
      await controller.takeover(conversationId, options);
      onClose(target.kind === 'me' ? null : { name: choices.find((c) => c.member.id === target.userId)?.member.name ?? '' });
    } catch (err) {
      setError(toAppError(err).toJSON());
      setSaving(false);
    }
  }

  function choose(next: TakeoverTarget) {
    setTarget(next);
    setShowChoose(false);
  }

  return (
    <DialogFrame
      testId="takeover-dialog"
      titleId={ids.title}
      describedBy={ids.subtitle}
      title={initial === 'me' ? t('takeover.titleSelf') : t('takeover.titleOther')}
      closeLabel={t('takeover.close')}
      busy={saving}
      onClose={() => onClose()}
    >
      <p id={ids.subtitle} className="dialog-subtitle">
        {t('takeover.subtitle', { customer: conversation.contactName, name: agentName })}
      </p>

      {offline && (
        <p className="dialog-notice" role="status">
          {t('takeover.offline')}
        </p>
      )}

      <div className="transfer-targets" role="group" aria-label={t('takeover.targetsLabel')}>
        <ul className="transfer-options">
          <li>
            <label className="transfer-option" data-testid="takeover-me">
              <input
                type="radio"
                name="takeover-target"
                value="me"
                checked={self}
                disabled={saving}
                onChange={() => choose({ kind: 'me' })}
              />
              <span className="transfer-option-name">{t('takeover.me', { name: myName })}</span>
            </label>
          </li>
        </ul>
        <fieldset className="transfer-section">
          <legend className="transfer-legend">{t('takeover.colleagues')}</legend>
          {!offline && team.status === 'loading' && team.agents.length === 0 && (
            <p className="dialog-muted" role="status">
              {t('takeover.loading')}
            </p>
          )}
          {!offline && team.status === 'failed' && team.error && (
            <div className="dialog-error" role="alert">
              <p>{t('takeover.loadFailed', { reason: describeError(t, team.error) })}</p>
              <button type="button" className="button button-quiet button-small" onClick={() => void controller.loadTeam()}>
                {t('takeover.retryLoad')}
              </button>
            </div>
          )}
          {team.status === 'ready' && choices.length === 0 && <p className="dialog-muted">{t('takeover.noColleagues')}</p>}
          <ul className="transfer-options">
            {choices.map(({ member, selectable, full }) => (
              <li key={member.id}>
                <AgentOption
                  member={member}
                  full={full}
                  selectable={selectable}
                  checked={target?.kind === 'agent' && target.userId === member.id}
                  saving={saving}
                  group="takeover-target"
                  value={member.id}
                  testId="takeover-agent"
                  onChoose={() => choose({ kind: 'agent', userId: member.id })}
                />
              </li>
            ))}
          </ul>
        </fieldset>
      </div>

      <NoteField
        id={ids.reason}
        hintId={ids.reasonHint}
        label={t('takeover.reason')}
        value={reason}
        placeholder={t('takeover.reasonPlaceholder')}
        rows={2}
        tooLong={reasonTooLong ? t('takeover.reasonTooLong', { count: reasonLength, max: MAX_TAKEOVER_REASON }) : null}
        hint={t('takeover.reasonHint', { name: agentName })}
        disabled={saving}
        testId="takeover-reason"
        onChange={setReason}
      />

      {showChoose && !canTakeOverTo(target, choices) && (
        <p className="dialog-field-error" role="alert">
          {t('takeover.chooseTarget')}
        </p>
      )}
      {error && (
        <p id={ids.error} className="dialog-error" role="alert" title={error.message} data-testid="takeover-error">
          {t('takeover.failed', { reason: describeError(t, error) })}
        </p>
      )}

      <div className="dialog-actions">
        <button type="button" className="button button-quiet" disabled={saving} onClick={() => onClose()}>
          {t('takeover.cancel')}
        </button>
        <button
          type="button"
          className="button button-primary"
          data-testid="confirm-takeover"
          disabled={offline || saving || reasonTooLong}
          aria-describedby={error ? ids.error : undefined}
          onClick={() => void confirm()}
        >
          {saving ? t('takeover.confirming') : self ? t('takeover.confirmSelf') : t('takeover.confirmOther')}
        </button>
      </div>
    </DialogFrame>
  );
}
