import { create } from 'zustand';
import type { AppErrorShape } from '../../../shared/errors';
import type { NotificationPreferences } from '../../../shared/notifications';

interface NotifyState {
  /** This agent's choices as the client core keeps them (null until read). */
  preferences: NotificationPreferences | null;
  /** Unread customer messages in this agent's open conversations. */
  badge: number;
  error: AppErrorShape | null;
  setPreferences(preferences: NotificationPreferences): void;
  setBadge(count: number): void;
  setError(error: AppErrorShape | null): void;
  reset(): void;
}

/** Notification preferences and the unread badge, as the client core reports them. */
export const createNotifyStore = () => create<NotifyState>((set) => ({
  preferences: null,
  badge: 0,
  error: null,
  setPreferences: (preferences) => set({ preferences, error: null }),
  setBadge: (badge) => set((s) => (s.badge === badge ? s : { badge })),
  setError: (error) => set({ error }),
  reset: () => set({ preferences: null, badge: 0, error: null }),
}));

/** The one the app uses. */
export const useNotifyStore = createNotifyStore();
