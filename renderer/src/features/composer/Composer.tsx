import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { MAX_MESSAGE_LENGTH } from '../../../../shared/domain';
import { useController } from '../../app/controller-context';
import { describeDraftReason, describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { useConnectionStore } from '../../stores/connection-store';
import { emptyDraft, useDraftsStore } from '../../stores/drafts-store';
import { useInboxStore } from '../../stores/inbox-store';
import { composerBlock } from './composer-state';
import { isSendKey } from './send-key';

/**
 * The reply box under the thread. Text lives in the draft store and is saved to the client core
 * as the agent types, so neither a failed send nor a restart loses it. It stays usable offline:
 * replies then wait in the outbox.
 */
export function Composer() {
  const t = useT();
  const controller = useController();
  const conversationId = useInboxStore((s) => s.selectedId);
  const conversation = useInboxStore((s) => (s.selectedId ? s.byId[s.selectedId] ?? null : null));
  const draft = useDraftsStore((s) => (conversationId ? s.byConversation[conversationId] ?? emptyDraft : emptyDraft));
  const offline = useConnectionStore((s) => s.connection?.status === 'offline');
  const ids = { hint: useId(), error: useId(), reason: useId(), block: useId() };
  const textareaRef = useRef<HTMLTextAreaElement>(null);

  // Switching to another conversation saves what was typed in this one at once.
  useEffect(() => {
    if (!conversationId) return;
    return () => void controller.flushDraft(conversationId);
  }, [controller, conversationId]);

  const disabled = conversationId === null;
  const block = conversation ? composerBlock(conversation) : null;
  const length = draft.text.trim().length;
  const tooLong = length > MAX_MESSAGE_LENGTH;
  const canSend = !disabled && block === null && length > 0 && !tooLong && !draft.sending;

  function send() {
    if (!conversationId || !canSend) return;
    void controller.send(conversationId, draft.text).then(() => textareaRef.current?.focus());
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (!isSendKey({ ...event, isComposing: event.nativeEvent.isComposing })) return;
    event.preventDefault();
    send();
  }

  const problem = tooLong
    ? t('composer.tooLong', { count: length, max: MAX_MESSAGE_LENGTH })
    : draft.error && block === null
      ? t('composer.failed', { reason: describeError(t, draft.error) })
      : null;
  const blockText =
    block === 'resolved' ? t('composer.blockedResolved') : block === 'lost' ? t('composer.blockedLost') : null;
  const describedBy = [
    disabled ? ids.hint : null,
    draft.reason ? ids.reason : null,
    blockText ? ids.block : null,
    problem ? ids.error : null,
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <form
      className="composer"
      data-blocked={block ?? undefined}
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      {draft.reason && !disabled && (
        <p id={ids.reason} className="composer-notice" data-testid="draft-reason" role="status">
          {describeDraftReason(t, draft.reason)}
        </p>
      )}
      <textarea
        ref={textareaRef}
        className="composer-input"
        aria-label={t('composer.label')}
        aria-describedby={describedBy || undefined}
        aria-invalid={problem ? true : undefined}
        placeholder={disabled ? undefined : t('composer.placeholder')}
        rows={3}
        disabled={disabled}
        value={draft.text}
        onChange={(e) => {
          if (conversationId) controller.changeDraft(conversationId, e.target.value);
        }}
        onBlur={() => {
          if (conversationId) void controller.flushDraft(conversationId);
        }}
        onKeyDown={onKeyDown}
      />
      <div className="composer-footer">
        <div className="composer-messages">
          {disabled && (
            <p id={ids.hint} className="composer-hint">
              {t('composer.noConversation')}
            </p>
          )}
          {blockText && (
            <p id={ids.block} className="composer-hint composer-blocked" data-testid="composer-blocked">
              {blockText}
            </p>
          )}
          {!disabled && block === null && offline && <p className="composer-hint">{t('composer.offline')}</p>}
          {problem && (
            <p
              id={ids.error}
              className="composer-error"
              data-testid="composer-error"
              role="alert"
              title={draft.error?.message}
            >
              {problem}
            </p>
          )}
          {draft.saveError && (
            <p className="composer-error" role="alert" title={draft.saveError.message}>
              {t('composer.saveFailed', { reason: describeError(t, draft.saveError) })}
            </p>
          )}
        </div>
        <button type="submit" className="button button-primary" data-testid="send-button" disabled={!canSend}>
          {draft.sending ? t('composer.sending') : t('composer.send')}
        </button>
      </div>
    </form>
  );
}
