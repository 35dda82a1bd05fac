import { useRef, type KeyboardEvent } from 'react';
import type { InboxConversation } from '../../../../shared/contract';
import { useController } from '../../app/controller-context';
import { describeError } from '../../i18n/translate';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatFull, formatRelative } from '../../lib/time';
import { useNow } from '../../lib/use-now';
import { useInboxStore } from '../../stores/inbox-store';
import { ChannelBadge } from './ChannelBadge';
import { nextIndex } from './keyboard';

/** The conversation list: newest activity first, arrow keys move, Enter opens. */
export function InboxList() {
  const t = useT();
  const controller = useController();
  const conversations = useInboxStore((s) => s.conversations);
  const selectedId = useInboxStore((s) => s.selectedId);
  const status = useInboxStore((s) => s.status);
  const error = useInboxStore((s) => s.error);
  const listRef = useRef<HTMLUListElement>(null);
  const now = useNow(30_000);

  const selectedIndex = conversations.findIndex((c) => c.id === selectedId);

  function focusItem(index: number) {
    const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>('[data-conversation-button]');
    buttons?.[index]?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    const buttons = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('[data-conversation-button]') ?? [])];
    const current = buttons.findIndex((b) => b === document.activeElement);
    const target = nextIndex(event.key, current === -1 ? Math.max(0, selectedIndex) : current, buttons.length);
    if (target === null) return;
    event.preventDefault();
    focusItem(target);
  }

  // One tab stop for the whole list: the selected item, else the first.
  const tabStop = selectedIndex >= 0 ? selectedIndex : 0;

  return (
    <section className="inbox" aria-labelledby="inbox-heading">
      <div className="pane-header">
        <h2 id="inbox-heading" className="pane-title">
          {t('inbox.heading')}
        </h2>
        {status === 'ready' && conversations.length > 0 && (
          <span className="pane-meta">
            {conversations.length === 1 ? t('inbox.countOne') : t('inbox.count', { count: conversations.length })}
          </span>
        )}
      </div>

      {status === 'failed' && error && (
        <div className="pane-notice" role="alert">
          <p>{t('inbox.loadFailed', { reason: describeError(t, error) })}</p>
          <button type="button" className="button button-quiet" onClick={() => void controller.loadConversations()}>
            {t('common.retry')}
          </button>
        </div>
      )}
      {status === 'loading' && conversations.length === 0 && (
        <p className="pane-empty" role="status">
          {t('inbox.loading')}
        </p>
      )}
      {status === 'ready' && conversations.length === 0 && <p className="pane-empty">{t('inbox.empty')}</p>}

      <p id="inbox-hint" className="visually-hidden">
        {t('inbox.keyboardHint')}
      </p>
      <ul
        ref={listRef}
        role="list"
        aria-label={t('inbox.label')}
        aria-describedby="inbox-hint"
        className="inbox-list"
        onKeyDown={onKeyDown}
      >
        {conversations.map((conversation, index) => (
          <InboxItem
            key={conversation.id}
            conversation={conversation}
            selected={conversation.id === selectedId}
            tabbable={index === tabStop}
            now={now}
            onOpen={() => controller.selectConversation(conversation.id)}
          />
        ))}
      </ul>
    </section>
  );
}

interface InboxItemProps {
  conversation: InboxConversation;
  selected: boolean;
  tabbable: boolean;
  now: number;
  onOpen(): void;
}

function InboxItem({ conversation, selected, tabbable, now, onOpen }: InboxItemProps) {
  const t = useT();
  const language = useLanguage();
  const assignee = conversation.assigneeName ?? t('inbox.unassigned');
  const lost = conversation.access === 'lost';
  return (
    <li
      className={lost ? 'inbox-item inbox-item-lost' : 'inbox-item'}
      data-testid="conversation-item"
      data-conversation-id={conversation.id}
      data-selected={selected ? 'true' : 'false'}
      data-access={conversation.access}
      data-status={conversation.status}
    >
      <button
        type="button"
        data-conversation-button=""
        className="inbox-item-button"
        aria-current={selected ? 'true' : undefined}
        tabIndex={tabbable ? 0 : -1}
        onClick={onOpen}
      >
        <span className="inbox-item-top">
          <span className="inbox-contact">{conversation.contactName}</span>
          <time className="inbox-time" dateTime={conversation.lastMessageAt} title={formatFull(conversation.lastMessageAt, language)}>
            {formatRelative(conversation.lastMessageAt, now, t, language)}
          </time>
        </span>
        <span className="inbox-preview">{conversation.lastMessagePreview || t('inbox.noPreview')}</span>
        {lost && (
          <span className="inbox-lost" data-testid="conversation-lost">
            {t('inbox.lost')}
          </span>
        )}
        <span className="inbox-item-bottom">
          <ChannelBadge kind={conversation.channelKind} />
          {conversation.status === 'resolved' && (
            <span className="status-badge" data-testid="resolved-badge">
              {t('inbox.resolved')}
            </span>
          )}
          <span className={conversation.assigneeId ? 'inbox-assignee' : 'inbox-assignee inbox-unassigned'}>
            {assignee}
          </span>
        </span>
      </button>
    </li>
  );
}
