import { useId, useRef, type KeyboardEvent } from 'react';
import { MAX_MESSAGE_LENGTH } from '../../../../shared/domain';
import { useController } from '../../app/controller-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { emptyDraft, useDraftsStore } from '../../stores/drafts-store';
import { useInboxStore } from '../../stores/inbox-store';
import { isSendKey } from './send-key';

/** The reply box under the thread. Text lives in the draft store, so a failed send loses nothing. */
export function Composer() {
  const t = useT();
  const controller = useController();
  const conversationId = useInboxStore((s) => s.selectedId);
  const draft = useDraftsStore((s) => (conversationId ? s.byConversation[conversationId] ?? emptyDraft : emptyDraft));
  const setText = useDraftsStore((s) => s.setText);
  const ids = { hint: useId(), error: useId() };
  const textareaRef = useRef<HTMLTextAreaElement>(null);

  const disabled = conversationId === null;
  const length = draft.text.trim().length;
  const tooLong = length > MAX_MESSAGE_LENGTH;
  const canSend = !disabled && length > 0 && !tooLong && !draft.sending;

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
    : draft.error
      ? t('composer.failed', { reason: describeError(t, draft.error) })
      : null;

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <textarea
        ref={textareaRef}
        className="composer-input"
        aria-label={t('composer.label')}
        aria-describedby={[disabled ? ids.hint : null, problem ? ids.error : null].filter(Boolean).join(' ') || undefined}
        aria-invalid={problem ? true : undefined}
        placeholder={disabled ? undefined : t('composer.placeholder')}
        rows={3}
        disabled={disabled}
        value={draft.text}
        onChange={(e) => {
          if (conversationId) setText(conversationId, e.target.value);
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
          {problem && (
            <p id={ids.error} className="composer-error" role="alert" title={draft.error?.message}>
              {problem}
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
