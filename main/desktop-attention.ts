import type { EventPayload, EventSink } from '../shared/contract';

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
  window(): AttentionWindowLike | null;
}

/**
 * Wraps the core's event sink for the Electron shell: a notification the core decided on becomes
 * an OS notification (and is not passed on: the page would otherwise show it twice); clicking it
 * brings the window forward and tells the page which conversation to open. The unread count goes
 * on the dock/launcher badge and on to the page, which puts it in the window title (the taskbar).
 */
export function withDesktopAttention(sink: EventSink, deps: DesktopAttentionDeps): EventSink {
  // Electron drops a notification's click handler when the object is collected: keep it until used.
  const showing = new Set<NotificationLike>();

  function show(notice: EventPayload<'notification.show'>): void {
    if (!deps.Notification.isSupported()) return;
    const notification = new deps.Notification({ title: notice.title, body: notice.body, silent: notice.silent });
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
      sink('notification.opened', { conversationId: notice.conversationId });
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
    if (event === 'badge.changed') deps.setBadgeCount((payload as EventPayload<'badge.changed'>).count);
    sink(event, payload);
  };
}
