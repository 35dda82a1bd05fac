import { create } from 'zustand';
import type { AppErrorShape } from '../../../shared/errors';
import type { Feed } from '../../../shared/notification-feed';
import type { NotificationPreferences } from '../../../shared/notifications';

interface NotifyState {
  /** This agent's choices as the client core keeps them (null until read). */
  preferences: NotificationPreferences | null;
  /** Unread customer messages in this agent's open conversations. */
  badge: number;
  error: AppErrorShape | null;
  /** The notification centre as the client core last said (empty until read). */
  feed: Feed;
  setPreferences(preferences: NotificationPreferences): void;
  setBadge(count: number): void;
  setError(error: AppErrorShape | null): void;
  setFeed(feed: Feed): void;
  reset(): void;
}

const emptyFeed: Feed = { entries: [], unread: 0 };

/** Notification preferences, the unread badge and the notification centre, as the client core reports them. */
export const createNotifyStore = () => create<NotifyState>((set) => ({
  preferences: null,
  badge: 0,
  error: null,
  feed: emptyFeed,
  setPreferences: (preferences) => set({ preferences, error: null }),
  setBadge: (badge) => set((s) => (s.badge === badge ? s : { badge })),
  setError: (error) => set({ error }),
  setFeed: (feed) => set({ feed }),
  reset: () => set({ preferences: null, badge: 0, error: null, feed: emptyFeed }),
}));

/** The one the app uses. */
export const useNotifyStore = createNotifyStore();
