import type { DesktopNotification } from '../../../shared/notifications';

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
 * opens the conversation. One notification per conversation at a time: a newer one replaces it.
 */
export function createWebNotifier(
  win: { Notification?: WebNotificationClass; focus(): void },
  onOpen: (conversationId: string) => void,
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
      const shown = new api(notification.title, {
        body: notification.body,
        silent: notification.silent,
        tag: notification.conversationId,
      });
      shown.onclick = () => {
        win.focus();
        onOpen(notification.conversationId);
        shown.close();
      };
    },
  };
}
