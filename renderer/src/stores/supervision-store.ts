import { create } from 'zustand';
import type { Activity, EscalationAlert, SensitiveAlert } from '../../../shared/domain';
import { applyActivity, applyAlert, type ActivityMap, type AlertMap } from './supervision-logic';

interface SupervisionStore {
  /** Conversations whose messages matched sensitive words, from `sensitive.alert`. */
  alerts: AlertMap;
  /** Who is viewing or typing where, from `activity.changed`. */
  activity: ActivityMap;
  /** Customers waiting longer than the escalation time, from `queue.escalated`, by conversation. */
  escalations: Readonly<Record<string, EscalationAlert>>;
  addAlert(alert: SensitiveAlert): void;
  addEscalation(alert: EscalationAlert): void;
  /** The supervisor has seen to it (or the customer no longer waits). */
  dismissEscalation(conversationId: string): void;
  putActivity(activity: Activity): void;
  /** Forgets who is where (offline: nobody tells us when they leave). */
  clearActivity(): void;
  reset(): void;
}

/** What supervisors watch beside the conversations themselves: sensitive-word alerts and colleagues' activity. */
export const createSupervisionStore = () => create<SupervisionStore>((set) => ({
  alerts: {},
  activity: {},
  escalations: {},
  addAlert: (alert) => set((s) => ({ alerts: applyAlert(s.alerts, alert) })),
  addEscalation: (alert) => set((s) => ({ escalations: { ...s.escalations, [alert.conversationId]: alert } })),
  dismissEscalation: (conversationId) =>
    set((s) => {
      if (!s.escalations[conversationId]) return s;
      const rest = { ...s.escalations };
      delete rest[conversationId];
      return { escalations: rest };
    }),
  putActivity: (activity) =>
    set((s) => {
      const next = applyActivity(s.activity, activity);
      return next === s.activity ? s : { activity: next };
    }),
  clearActivity: () => set({ activity: {} }),
  reset: () => set({ alerts: {}, activity: {}, escalations: {} }),
}));

/** The one the app uses. */
export const useSupervisionStore = createSupervisionStore();
