import { useContext, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { feedEventText } from '../../../../shared/i18n/feed-text';
import { feedTarget, type FeedEntry } from '../../../../shared/notification-feed';
import { useController } from '../../app/controller-context';
import { SupervisionContext } from '../../app/supervision-context';
import { TicketsContext } from '../../app/tickets-context';
import { useLanguageStore } from '../../i18n/language-store';
import { useT } from '../../i18n/use-t';
import { formatFull, formatRelative } from '../../lib/time';
import { useNotifyStore } from '../../stores/notify-store';
import { NotificationPreferencesForm } from './NotificationPreferencesForm';
import { StartAtLoginSetting } from './StartAtLoginSetting';

/**
 * The bell in the header: how many entries of the notification centre are unread, and a popover
 * listing what happened (mentions, whispers, offers, takeovers, SLA warnings), newest first. A
 * click opens the conversation or ticket and marks the entry read; "Mark all read" reads them all.
 * The gear shows this user's notification choices.
 */
export function NotificationCentre({ takesConversations }: { takesConversations: boolean }) {
  const t = useT();
  const unread = useNotifyStore((s) => s.feed.unread);
  const [open, setOpen] = useState(false);
  const [pane, setPane] = useState<'list' | 'settings'>('list');
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const popoverId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  function close() {
    setOpen(false);
    buttonRef.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'Escape' || !open) return;
    event.preventDefault();
    close();
  }

  function toggle() {
    setPane('list');
    setOpen((was) => !was);
  }

  return (
    <div className="notify-settings" ref={rootRef} onKeyDown={onKeyDown}>
      <button
        ref={buttonRef}
        type="button"
        className="notify-button"
        data-testid="notify-button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? popoverId : undefined}
        aria-label={unread > 0 ? t('notify.settingsBadge', { count: unread }) : t('notify.settings')}
        title={t('notify.settings')}
        onClick={toggle}
      >
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
          <path
            d="M8 2.5a4 4 0 0 0-4 4v2.5L2.8 11h10.4L12 9V6.5a4 4 0 0 0-4-4zM6.5 12.5a1.5 1.5 0 0 0 3 0"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.4"
            strokeLinejoin="round"
          />
        </svg>
        {unread > 0 && (
          <span className="notify-badge" data-testid="notify-badge" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <div className="notify-popover notify-centre" id={popoverId} role="dialog" aria-labelledby={`${popoverId}-title`} data-testid="notify-popover">
          {pane === 'list' ? (
            <FeedPane titleId={`${popoverId}-title`} onSettings={() => setPane('settings')} onOpened={close} />
          ) : (
            <>
              <div className="notify-centre-head">
                <h2 id={`${popoverId}-title`}>{t('notify.title')}</h2>
                <button type="button" className="button button-quiet button-small" data-testid="notify-back" onClick={() => setPane('list')}>
                  {t('feed.back')}
                </button>
              </div>
              <NotificationPreferencesForm takesConversations={takesConversations} />
              <StartAtLoginSetting />
            </>
          )}
        </div>
      )}
    </div>
  );
}

function FeedPane({ titleId, onSettings, onOpened }: { titleId: string; onSettings(): void; onOpened(): void }) {
  const t = useT();
  const controller = useController();
  const feed = useNotifyStore((s) => s.feed);
  return (
    <>
      <div className="notify-centre-head">
        <h2 id={titleId}>{t('feed.title')}</h2>
        <button
          type="button"
          className="button button-quiet button-small"
          data-testid="feed-mark-all"
          disabled={feed.unread === 0}
          onClick={() => void controller.markFeedRead()}
        >
          {t('feed.markAllRead')}
        </button>
        <button
          type="button"
          className="notify-gear"
          data-testid="notify-settings-open"
          aria-label={t('feed.settings')}
          title={t('feed.settings')}
          onClick={onSettings}
        >
          <span aria-hidden="true">⚙</span>
        </button>
      </div>
      {feed.entries.length === 0 ? (
        <p className="notify-hint" data-testid="feed-empty">
          {t('feed.empty')}
        </p>
      ) : (
        <ul className="feed-list" aria-label={t('feed.list')} data-testid="feed-list">
          {feed.entries.map((entry) => (
            <FeedRow key={entry.id} entry={entry} onOpened={onOpened} />
          ))}
        </ul>
      )}
    </>
  );
}

function FeedRow({ entry, onOpened }: { entry: FeedEntry; onOpened(): void }) {
  const t = useT();
  const controller = useController();
  const supervision = useContext(SupervisionContext);
  const tickets = useContext(TicketsContext);
  const language = useLanguageStore((s) => s.language);
  const text = feedEventText(t, entry.event, language);

  function open() {
    controller.feedEntryOpened(entry);
    const target = feedTarget(entry.event);
    if ('ticketId' in target) tickets?.openFromNotification(target);
    // From the live monitor, opening also brings the inbox back.
    else if (supervision) supervision.openConversation(target.conversationId);
    else controller.openFromNotification(target);
    onOpened();
  }

  return (
    <li className="feed-entry" data-kind={entry.event.kind} data-read={entry.read} data-testid="feed-entry">
      <button type="button" className="feed-entry-button" onClick={open}>
        <span className="feed-entry-head">
          <span className="feed-entry-kind">{t(`feed.kind.${entry.event.kind}`)}</span>
          {!entry.read && (
            <span className="feed-entry-unread">
              <span className="feed-entry-dot" aria-hidden="true" />
              <span className="visually-hidden">{t('feed.unread')}</span>
            </span>
          )}
          <time className="feed-entry-time" dateTime={entry.at} title={formatFull(entry.at, language)}>
            {formatRelative(entry.at, Date.now(), t, language)}
          </time>
        </span>
        <span className="feed-entry-text">{text}</span>
      </button>
    </li>
  );
}
