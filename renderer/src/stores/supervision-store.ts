import { create } from 'zustand';
import { TYPING_TTL_MS, type Activity, type ContactTyping, type SensitiveAlert } from '../../../shared/domain';
import { applyActivity, applyAlert, type ActivityMap, type AlertMap } from './supervision-logic';

interface SupervisionStore {
  /** Conversations whose messages matched sensitive words, from `sensitive.alert`. */
  alerts: AlertMap;
  /** Who is viewing or typing where, from `activity.changed`. */
  activity: ActivityMap;
  /** Conversations whose customer is typing, until when (ms since the epoch), from `contact.typing`. */
  customerTyping: Record<string, number>;
  addAlert(alert: SensitiveAlert): void;
  /** The customer started (for TYPING_TTL_MS unless said again) or stopped typing. */
  putCustomerTyping(typing: ContactTyping, now: number): void;
  putActivity(activity: Activity): void;
  /** Forgets who is where (offline: nobody tells us when they leave). */
  clearActivity(): void;
  reset(): void;
}

/** What supervisors watch beside the conversations themselves: sensitive-word alerts and colleagues' activity. */
export const createSupervisionStore = () => create<SupervisionStore>((set) => ({
  alerts: {},
  activity: {},
  customerTyping: {},
  putCustomerTyping: ({ conversationId, typing }, now) =>
    set((s) => {
      if (!typing && !(conversationId in s.customerTyping)) return s;
      const next = { ...s.customerTyping };
      if (typing) next[conversationId] = now + TYPING_TTL_MS;
      else delete next[conversationId];
      return { customerTyping: next };
    }),
  addAlert: (alert) => set((s) => ({ alerts: applyAlert(s.alerts, alert) })),
  putActivity: (activity) =>
    set((s) => {
      const next = applyActivity(s.activity, activity);
      return next === s.activity ? s : { activity: next };
    }),
  clearActivity: () => set({ activity: {}, customerTyping: {} }),
  reset: () => set({ alerts: {}, activity: {}, customerTyping: {} }),
}));

/** The one the app uses. */
export const useSupervisionStore = createSupervisionStore();
