import type { DesktopSettings } from '../../../../shared/contract';
import type { FeedEntry } from '../../../../shared/notification-feed';
import type { DesktopNotification, NotificationPreferences, NotificationTarget } from '../../../../shared/notifications';
import { toAppError } from '../../../../shared/errors';
import type { EventHandlers } from '../../bridge/events';
import type { InboxController } from './inbox-controller';
import type { PartContext } from './part-context';

/** What asks for the agent's attention: notifications, the unread badge, and the notices in the app. */
export interface NotificationsController {
  /** Reads this agent's notification preferences and the unread badge. */
  loadNotifications(): Promise<void>;
  /** Changes notification preferences. Throws an AppError the settings show. */
  setNotificationPreferences(patch: Partial<NotificationPreferences>): Promise<void>;
  /** Opens a conversation from a notification: the inbox comes forward with it selected (a ticket's is the Tickets view's to open). */
  openFromNotification(target: NotificationTarget): void;
  /** Marks entries of the notification centre read (all when `ids` is omitted); a failure leaves them as they were. */
  markFeedRead(ids?: string[]): Promise<void>;
  /** An entry of the notification centre was clicked: it is read now (opening what it is about is the view's). */
  feedEntryOpened(entry: FeedEntry): void;
  /** This machine's settings (starting at login, and whether this host can). Throws an AppError. */
  desktopSettings(): Promise<DesktopSettings>;
  /** Starts the app at login, or stops doing so. Throws an AppError the settings show. */
  setOpenAtLogin(openAtLogin: boolean): Promise<DesktopSettings>;
}

export interface NotificationsPart {
  api: NotificationsController;
  handlers: EventHandlers<
    'notification.show' | 'notification.opened' | 'badge.changed' | 'notificationFeed.changed' | 'note.mentioned' | 'conversation.taken' | 'sensitive.alert' | 'ticket.sla'
  >;
}

export interface NotificationsPartOptions extends PartContext<'notify' | 'view' | 'notices' | 'session'> {
  inbox: Pick<InboxController, 'selectConversation'>;
  /** The customer's name of a conversation, also of one that already left the inbox. */
  contactNameOf(conversationId: string): string | null;
  /** Shows the notifications the client core decides on (the browser's; the Electron shell shows its own). */
  notifier?: { show(notification: DesktopNotification): void } | undefined;
}

export function createNotificationsPart({
  call,
  stores,
  report,
  inbox,
  contactNameOf,
  notifier,
}: NotificationsPartOptions): NotificationsPart {
  const notify = () => stores.notify.getState();
  const notices = () => stores.notices.getState();

  const api: NotificationsController = {
    async loadNotifications() {
      try {
        const { preferences, badge } = await call('notifications.get', {});
        notify().setPreferences(preferences);
        notify().setBadge(badge);
        notify().setFeed(await call('notificationFeed.list', {}));
      } catch (err) {
        report(`notifications.get failed: ${toAppError(err).message}`);
      }
    },

    async markFeedRead(ids) {
      try {
        notify().setFeed(await call('notificationFeed.markRead', ids ? { ids } : { all: true }));
      } catch (err) {
        report(`notificationFeed.markRead failed: ${toAppError(err).message}`);
      }
    },

    feedEntryOpened(entry) {
      if (!entry.read) void api.markFeedRead([entry.id]);
    },

    desktopSettings: () => call('desktop.get', {}),

    setOpenAtLogin: (openAtLogin) => call('desktop.set', { openAtLogin }),

    async setNotificationPreferences(patch) {
      // The choice shows at once; it goes back if the core could not keep it.
      const before = notify().preferences;
      if (before) notify().setPreferences({ ...before, ...patch });
      try {
        notify().setPreferences(await call('notifications.set', patch));
      } catch (err) {
        const error = toAppError(err);
        if (before) notify().setPreferences(before);
        notify().setError(error.toJSON());
        throw error;
      }
    },

    openFromNotification(target) {
      if (!('conversationId' in target)) return;
      stores.view.getState().setView('inbox');
      inbox.selectConversation(target.conversationId);
    },
  };

  return {
    api,
    handlers: {
      'notification.show': (notification) => notifier?.show(notification),
      'notification.opened': (target) => api.openFromNotification(target),
      'badge.changed': ({ count }) => notify().setBadge(count),
      'notificationFeed.changed': (feed) => notify().setFeed(feed),
      'note.mentioned': (mention) => notices().push({ kind: 'mention', ...mention }),
      // Wherever the agent is, a ticket of theirs nearing or past its SLA target says so (the Tickets view lists it too).
      'ticket.sla': (notice) => notices().push({ kind: 'ticketSla', sla: notice }),
      'conversation.taken': (taken) => {
        notices().push({ kind: 'taken', ...taken, contactName: contactNameOf(taken.conversationId) });
      },
      'sensitive.alert': (alert) => {
        const role = stores.session.getState().session?.user?.role;
        if (role !== 'supervisor' && role !== 'admin') return;
        const { conversationId, contactName, words, senderType, senderName } = alert;
        notices().push({ kind: 'sensitive', conversationId, contactName, words, senderType, senderName });
      },
    },
  };
}
