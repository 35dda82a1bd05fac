import type { Language } from '../../../shared/i18n/languages';
import { notificationText } from '../../../shared/i18n/notification-text';
import { feedEntryIdOf, notificationTarget, type DesktopNotification, type NotificationTarget } from '../../../shared/notifications';

/** Whether this page may show notifications ('unsupported' where the browser has none). */
export type NotificationAccess = NotificationPermission | 'unsupported';

interface WebNotificationLike {
  onclick: ((event: Event) => void) | null;
  close(): void;
}

/** The parts of the Web Notification API the workstation uses. */
export interface WebNotificationClass {
  new (title: string, options?: { body?: string; silent?: boolean; tag?: string }): WebNotificationLike;
  readonly permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
}

export interface WebNotifier {
  access(): NotificationAccess;
  /** Asks the person to allow notifications (call it from a click). */
  requestAccess(): Promise<NotificationAccess>;
  show(notification: DesktopNotification): void;
}

/**
 * Shows the client core's notifications as web notifications (the browser host; the Electron
 * shell shows them itself and never passes them to the page). A click brings the page forward and
 * opens the conversation or ticket, with the notification centre's entry it told of (null for none). One notification per conversation (or ticket) at a time: a
 * newer one replaces it. A ticket's words are written in the page's `language`.
 */
export function createWebNotifier(
  win: { Notification?: WebNotificationClass; focus(): void },
  onOpen: (target: NotificationTarget, feedEntryId: string | null) => void,
  language: () => Language = () => 'en',
): WebNotifier {
  const api = win.Notification;
  return {
    access: () => (api ? api.permission : 'unsupported'),
    async requestAccess() {
      if (!api) return 'unsupported';
      return api.permission === 'default' ? api.requestPermission() : api.permission;
    },
    show(notification) {
      if (!api || api.permission !== 'granted') return;
      const target = notificationTarget(notification);
      const { title, body } = notificationText(notification, language());
      const shown = new api(title, {
        body,
        silent: notification.silent,
        tag: 'ticketId' in target ? `ticket:${target.ticketId}` : target.conversationId,
      });
      shown.onclick = () => {
        win.focus();
        onOpen(target, feedEntryIdOf(notification));
        shown.close();
      };
    },
  };
}
