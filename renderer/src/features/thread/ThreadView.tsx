import { useLayoutEffect, useRef } from 'react';
import type { Conversation } from '../../../../shared/domain';
import { useController } from '../../app/controller-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { useInboxStore } from '../../stores/inbox-store';
import { emptyThread, useThreadStore } from '../../stores/thread-store';
import { ChannelBadge } from '../inbox/ChannelBadge';
import { MessageItem } from './MessageItem';

/** How close to the bottom (px) still counts as "reading the latest". */
const STICK_THRESHOLD = 48;

/** The open conversation: its header and its messages, kept scrolled to the latest. */
export function ThreadView() {
  const t = useT();
  const selectedId = useInboxStore((s) => s.selectedId);
  const conversation = useInboxStore((s) => (s.selectedId ? s.byId[s.selectedId] ?? null : null));

  if (!selectedId || !conversation) {
    return (
      <section className="thread thread-empty" aria-label={t('thread.label')}>
        <p className="pane-empty">{t('thread.nothingSelected')}</p>
      </section>
    );
  }
  return <OpenThread conversation={conversation} />;
}

function OpenThread({ conversation }: { conversation: Conversation }) {
  const t = useT();
  const controller = useController();
  const thread = useThreadStore((s) => s.byConversation[conversation.id] ?? emptyThread);
  const scrollRef = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const lastConversation = useRef<string | null>(null);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const switched = lastConversation.current !== conversation.id;
    lastConversation.current = conversation.id;
    const lastIsMine = thread.messages.at(-1)?.delivery === 'sending';
    if (switched || stickToBottom.current || lastIsMine) {
      el.scrollTop = el.scrollHeight;
      stickToBottom.current = true;
    }
  }, [conversation.id, thread.messages]);

  function onScroll() {
    const el = scrollRef.current;
    if (!el) return;
    stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_THRESHOLD;
  }

  return (
    <section className="thread" aria-labelledby="thread-title">
      <header className="thread-header">
        <div className="thread-title-row">
          <h2 id="thread-title" className="thread-title">
            {conversation.contactName}
          </h2>
          <ChannelBadge kind={conversation.channelKind} />
          {conversation.status === 'resolved' && <span className="status-badge">{t('status.resolved')}</span>}
        </div>
        <p className="thread-assignee">
          {conversation.assigneeName
            ? t('thread.assignedTo', { name: conversation.assigneeName })
            : t('thread.unassigned')}
        </p>
      </header>

      <div className="thread-scroll" ref={scrollRef} onScroll={onScroll}>
        {thread.status === 'failed' && thread.error && (
          <div className="pane-notice" role="alert">
            <p>{t('thread.loadFailed', { reason: describeError(t, thread.error) })}</p>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => void controller.loadMessages(conversation.id)}
            >
              {t('common.retry')}
            </button>
          </div>
        )}
        {thread.status === 'loading' && thread.messages.length === 0 && (
          <p className="pane-empty" role="status">
            {t('thread.loading')}
          </p>
        )}
        {thread.status === 'ready' && thread.messages.length === 0 && <p className="pane-empty">{t('thread.empty')}</p>}
        <div role="log" aria-label={t('thread.messagesLabel')}>
          <ol className="message-list">
            {thread.messages.map((message) => (
              <MessageItem key={message.clientId ?? message.id} message={message} />
            ))}
          </ol>
        </div>
      </div>
    </section>
  );
}
