import type { EventPayload, EventSink } from '../shared/contract';
import type { Language } from '../shared/i18n/languages';
import { notificationText } from '../shared/i18n/notification-text';
import { feedEntryIdOf, notificationTarget } from '../shared/notifications';

/** The parts of Electron's Notification the shell uses. */
export interface NotificationLike {
  on(event: 'click' | 'close', listener: () => void): unknown;
  show(): void;
}

export interface NotificationClass {
  new (options: { title: string; body: string; silent: boolean }): NotificationLike;
  isSupported(): boolean;
}

/** The parts of the main window the shell uses to bring it forward. */
export interface AttentionWindowLike {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  isFocused(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
  flashFrame(flag: boolean): void;
}

export interface DesktopAttentionDeps {
  Notification: NotificationClass;
  /** app.setBadgeCount: the dock (macOS) and launcher (Linux) badge. */
  setBadgeCount(count: number): unknown;
  /** The unread count changed: the Windows taskbar overlay and the tray say it. */
  onUnread?(count: number): void;
  window(): AttentionWindowLike | null;
  /** The language a notification's own words are written in (a ticket's SLA line). */
  language(): Language;
  /** Marks an entry of the notification centre read, as opening it from the centre does. */
  markFeedRead?(entryId: string): void;
}

/**
 * Wraps the core's event sink for the Electron shell: a notification the core decided on becomes
 * an OS notification (and is not passed on: the page would otherwise show it twice); clicking it
 * brings the window forward, tells the page which conversation or ticket to open and marks the
 * notification centre's entry for it read. The unread
 * count (customer messages plus unread entries of the notification centre) goes on the
 * dock/launcher badge, the Windows overlay and the tray; the events go on to the page, which puts
 * the message count in the window title and the centre's behind the bell.
 */
export function withDesktopAttention(sink: EventSink, deps: DesktopAttentionDeps): EventSink {
  // Electron drops a notification's click handler when the object is collected: keep it until used.
  const showing = new Set<NotificationLike>();
  const unread = { messages: 0, feed: 0 };
  let shown: number | null = null;

  function count(): void {
    const total = unread.messages + unread.feed;
    if (total === shown) return;
    shown = total;
    deps.setBadgeCount(total);
    deps.onUnread?.(total);
  }

  function show(notice: EventPayload<'notification.show'>): void {
    if (!deps.Notification.isSupported()) return;
    const notification = new deps.Notification({ ...notificationText(notice, deps.language()), silent: notice.silent });
    showing.add(notification);
    notification.on('close', () => showing.delete(notification));
    notification.on('click', () => {
      showing.delete(notification);
      const window = deps.window();
      if (window && !window.isDestroyed()) {
        if (window.isMinimized()) window.restore();
        window.show();
        window.focus();
      }
      sink('notification.opened', notificationTarget(notice));
      const entryId = feedEntryIdOf(notice);
      if (entryId !== null) deps.markFeedRead?.(entryId);
    });
    notification.show();
    const window = deps.window();
    if (window && !window.isDestroyed() && !window.isFocused()) window.flashFrame(true);
  }

  return (event, payload) => {
    if (event === 'notification.show') {
      show(payload as EventPayload<'notification.show'>);
      return;
    }
    if (event === 'badge.changed') {
      unread.messages = (payload as EventPayload<'badge.changed'>).count;
      count();
    }
    if (event === 'notificationFeed.changed') {
      unread.feed = (payload as EventPayload<'notificationFeed.changed'>).unread;
      count();
    }
    // Signed out, nothing of theirs is unread (the core says so for messages; the centre closed with the cache).
    if (event === 'session.changed' && !(payload as EventPayload<'session.changed'>).signedIn) {
      unread.feed = 0;
      count();
    }
    sink(event, payload);
  };
}
