import { AgentOption } from './AgentOption';
import { useEffect, useId, useState } from 'react';
import type { InboxConversation } from '../../../../shared/contract';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { useController } from '../../app/controller-context';
import { describeError, describeTransferError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { DialogFrame } from '../common/DialogFrame';
import { NoteField } from '../common/NoteField';
import { useConnectionStore } from '../../stores/connection-store';
import { useInboxStore } from '../../stores/inbox-store';
import { useTeamStore } from '../../stores/team-store';
import {
  agentChoices,
  canTransferTo,
  groupChoices,
  MAX_TRANSFER_NOTE,
  parseTargetKey,
  targetKey,
  type TransferTarget,
} from './transfer-logic';

interface TransferDialogProps {
  conversation: InboxConversation;
  /** Called with the name of who took it after a transfer, or null when cancelled. */
  onClose(transferredTo: string | null): void;
}

/**
 * Hands the open conversation to a colleague (their presence and load shown; offline ones cannot
 * be chosen) or a skill group (open or closed), with a note only agents see. Modal: focus stays
 * inside, Esc closes. Needs the connection: the team list and the transfer are live.
 */
export function TransferDialog({ conversation, onClose }: TransferDialogProps) {
  const t = useT();
  const controller = useController();
  const me = useInboxStore((s) => s.me);
  const team = useTeamStore();
  const connection = useConnectionStore((s) => s.connection?.status ?? null);
  const offline = connection === 'offline' || connection === 'signed_out';
  const ids = { title: useId(), subtitle: useId(), note: useId(), noteHint: useId(), error: useId() };
  const [target, setTarget] = useState<TransferTarget | null>(null);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [showChoose, setShowChoose] = useState(false);

  // The team is read live each time the dialog opens (and again when the connection returns).
  useEffect(() => {
    if (!offline) void controller.loadTeam();
  }, [controller, offline]);

  const agents = agentChoices(team.agents, me);
  const groups = groupChoices(team.groups);
  const noteLength = note.trim().length;
  const noteTooLong = noteLength > MAX_TRANSFER_NOTE;
  const ready = canTransferTo(target, team, me) && !noteTooLong && !offline && !saving;

  function targetName(chosen: TransferTarget): string {
    if (chosen.kind === 'agent') return team.agents.find((a) => a.id === chosen.userId)?.name ?? '';
    return team.groups.find((g) => g.id === chosen.groupId)?.name ?? '';
  }

  async function confirm() {
    if (!target || !canTransferTo(target, team, me)) {
      setShowChoose(true);
      return;
    }
    if (!ready) return;
    setSaving(true);
    setError(null);
    try {
      await controller.transfer(conversation.id, target, note);
      onClose(targetName(target));
    } catch (err) {
      setError(toAppError(err).toJSON());
      setSaving(false);
    }
  }

  const selectedKey = target ? targetKey(target) : '';
  const choose = (key: string) => {
    setTarget(parseTargetKey(key));
    setShowChoose(false);
  };

  return (
    <DialogFrame
      testId="transfer-dialog"
      titleId={ids.title}
      describedBy={ids.subtitle}
      title={t('transfer.title')}
      closeLabel={t('transfer.close')}
      busy={saving}
      onClose={() => onClose(null)}
    >
      <p id={ids.subtitle} className="dialog-subtitle">
        {t('transfer.subtitle', { name: conversation.contactName })}
      </p>

      {offline && (
        <p className="dialog-notice" role="status" data-testid="transfer-offline">
          {t('transfer.offline')}
        </p>
      )}

      {!offline && team.status === 'loading' && team.agents.length === 0 && team.groups.length === 0 && (
        <p className="dialog-muted" role="status">
          {t('transfer.loading')}
        </p>
      )}
      {!offline && team.status === 'failed' && team.error && (
        <div className="dialog-error" role="alert">
          <p>{t('transfer.loadFailed', { reason: describeError(t, team.error) })}</p>
          <button type="button" className="button button-quiet button-small" onClick={() => void controller.loadTeam()}>
            {t('transfer.retryLoad')}
          </button>
        </div>
      )}

      {!offline && team.status === 'ready' && (
        <div className="transfer-targets" role="group" aria-label={t('transfer.targetsLabel')}>
          <fieldset className="transfer-section">
            <legend className="transfer-legend">{t('transfer.colleagues')}</legend>
            {agents.length === 0 && <p className="dialog-muted">{t('transfer.noColleagues')}</p>}
            <ul className="transfer-options">
              {agents.map(({ member, selectable, full }) => {
                const key = targetKey({ kind: 'agent', userId: member.id });
                return (
                  <li key={key}>
                    <AgentOption
                      member={member}
                      full={full}
                      selectable={selectable}
                      checked={selectedKey === key}
                      saving={saving}
                      group="transfer-target"
                      value={key}
                      testId="transfer-agent"
                      onChoose={() => choose(key)}
                    />
                  </li>
                );
              })}
            </ul>
          </fieldset>
          <fieldset className="transfer-section">
            <legend className="transfer-legend">{t('transfer.groups')}</legend>
            {groups.length === 0 && <p className="dialog-muted">{t('transfer.noGroups')}</p>}
            <ul className="transfer-options">
              {groups.map((group) => {
                const key = targetKey({ kind: 'group', groupId: group.id });
                return (
                  <li key={key}>
                    <label className="transfer-option" data-testid="transfer-group" data-group-id={group.id}>
                      <input
                        type="radio"
                        name="transfer-target"
                        value={key}
                        checked={selectedKey === key}
                        disabled={saving}
                        onChange={() => choose(key)}
                      />
                      <span className="group-dot" data-open={group.open ? 'true' : 'false'} aria-hidden="true" />
                      <span className="transfer-option-name">{group.name}</span>
                      <span className={group.open ? 'transfer-option-meta' : 'transfer-option-meta transfer-closed'}>
                        {group.open ? t('transfer.groupOpen') : t('transfer.groupClosed')}
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
          </fieldset>
        </div>
      )}

      <NoteField
        id={ids.note}
        hintId={ids.noteHint}
        label={t('transfer.note')}
        value={note}
        placeholder={t('transfer.notePlaceholder')}
        rows={3}
        tooLong={noteTooLong ? t('transfer.noteTooLong', { count: noteLength, max: MAX_TRANSFER_NOTE }) : null}
        hint={t('transfer.noteHint')}
        disabled={saving}
        onChange={setNote}
      />

      {showChoose && !target && (
        <p className="dialog-field-error" role="alert">
          {t('transfer.chooseTarget')}
        </p>
      )}
      {error && (
        <p id={ids.error} className="dialog-error" role="alert" title={error.message} data-testid="transfer-error">
          {t('transfer.failed', { reason: describeTransferError(t, error) })}
        </p>
      )}

      <div className="dialog-actions">
        <button type="button" className="button button-quiet" disabled={saving} onClick={() => onClose(null)}>
          {t('transfer.cancel')}
        </button>
        <button
          type="button"
          className="button button-primary"
          data-testid="confirm-transfer"
          disabled={offline || saving || noteTooLong}
          aria-describedby={error ? ids.error : undefined}
          onClick={() => void confirm()}
        >
          {saving ? t('transfer.confirming') : t('transfer.confirm')}
        </button>
      </div>
    </DialogFrame>
  );
}
