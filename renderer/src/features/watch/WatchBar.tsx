import { useRef, useState } from 'react';
import type { InboxConversation } from '../../../../shared/contract';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { useController } from '../../app/controller-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { useConnectionStore } from '../../stores/connection-store';
import { useNotesStore } from '../../stores/notes-store';
import { focusComposer } from '../composer/focus-composer';
import { TakeoverDialog } from './TakeoverDialog';

interface WatchBarProps {
  conversation: InboxConversation;
  /** The supervisor joined beside the agent: the bar is a short line above the normal composer. */
  joined: boolean;
}

/**
 * What a supervisor or admin sees instead of the reply box in a colleague's conversation: who has
 * it, and whisper to them, join beside them (barge-in), take over, or assign to another agent.
 */
export function WatchBar({ conversation, joined }: WatchBarProps) {
  const t = useT();
  const controller = useController();
  const setMode = useNotesStore((s) => s.setMode);
  const whispering = useNotesStore((s) => s.modes[conversation.id] === 'note');
  const offline = useConnectionStore((s) => {
    const status = s.connection?.status;
    return status === 'offline' || status === 'signed_out';
  });
  const name = conversation.assigneeName ?? '';
  const [joining, setJoining] = useState(false);
  const [dialog, setDialog] = useState<'me' | 'other' | null>(null);
  // Messages belong to the conversation they happened in; switching away hides them.
  const [error, setError] = useState<{ conversationId: string; error: AppErrorShape } | null>(null);
  const [assigned, setAssigned] = useState<{ conversationId: string; name: string } | null>(null);
  const opener = useRef<HTMLButtonElement | null>(null);
  const shownError = error?.conversationId === conversation.id ? error.error : null;

  async function join() {
    const conversationId = conversation.id;
    setJoining(true);
    setError(null);
    try {
      await controller.join(conversationId);
    } catch (err) {
      setError({ conversationId, error: toAppError(err).toJSON() });
    } finally {
      setJoining(false);
    }
  }

  function open(kind: 'me' | 'other', button: HTMLButtonElement) {
    opener.current = button;
    setAssigned(null);
    setDialog(kind);
  }

  const takeoverButtons = (
    <>
      <button
        type="button"
        className="button button-quiet button-small"
        data-testid="takeover-button"
        aria-haspopup="dialog"
        disabled={offline}
        onClick={(e) => open('me', e.currentTarget)}
      >
        {t('watch.takeOver')}
      </button>
      <button
        type="button"
        className="button button-quiet button-small"
        data-testid="assign-button"
        aria-haspopup="dialog"
        disabled={offline}
        onClick={(e) => open('other', e.currentTarget)}
      >
        {t('watch.assign')}
      </button>
    </>
  );

  return (
    <section
      className={joined ? 'watch-bar watch-bar-joined' : 'watch-bar'}
      aria-label={t('watch.label')}
      data-testid="watch-bar"
      data-joined={joined ? 'true' : undefined}
    >
      {joined ? (
        <p className="watch-title" role="status" data-testid="watch-joined">
          {t('watch.joined', { name })}
        </p>
      ) : (
        <>
          <p className="watch-title">
            <span className="watch-dot" aria-hidden="true" />
            {t('watch.watching', { name })}
          </p>
          <p className="watch-hint">{t('watch.hint', { name })}</p>
        </>
      )}
      <div className="watch-actions" role="group" aria-label={t('watch.actionsLabel')}>
        {!joined && (
          <>
            <button
              type="button"
              className="button button-quiet button-small watch-whisper"
              data-testid="whisper-button"
              aria-pressed={whispering}
              onClick={() => {
                setMode(conversation.id, whispering ? 'reply' : 'note');
                if (!whispering) focusComposer();
              }}
            >
              {t('watch.whisper', { name })}
            </button>
            <button
              type="button"
              className="button button-quiet button-small"
              data-testid="join-button"
              disabled={joining || offline}
              onClick={() => void join()}
            >
              {joining ? t('watch.joining') : t('watch.join')}
            </button>
          </>
        )}
        {takeoverButtons}
      </div>
      {offline && <p className="watch-hint">{t('watch.offline')}</p>}
      {assigned?.conversationId === conversation.id && (
        <p className="thread-notice" role="status" data-testid="takeover-done">
          {t('takeover.doneOther', { name: assigned.name })}
        </p>
      )}
      {shownError && (
        <p className="composer-error" role="alert" title={shownError.message} data-testid="watch-error">
          {t('watch.joinFailed', { reason: describeError(t, shownError) })}
        </p>
      )}
      {dialog && (
        <TakeoverDialog
          conversation={conversation}
          initial={dialog}
          onClose={(takenBy) => {
            setDialog(null);
            if (takenBy) setAssigned({ conversationId: conversation.id, name: takenBy.name });
            // Focus goes back where it came from, or to the thread when the bar is gone (taken over).
            requestAnimationFrame(() => {
              const back = opener.current?.isConnected ? opener.current : document.getElementById('thread-title');
              back?.focus();
            });
          }}
        />
      )}
    </section>
  );
}
