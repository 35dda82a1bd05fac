import { create } from 'zustand';
import { TYPING_TTL_MS, type Activity, type ContactTyping, type EscalationAlert, type SensitiveAlert } from '../../../shared/domain';
import { applyActivity, applyAlert, type ActivityMap, type AlertMap } from './supervision-logic';

interface SupervisionStore {
  /** Conversations whose messages matched sensitive words, from `sensitive.alert`. */
  alerts: AlertMap;
  /** Who is viewing or typing where, from `activity.changed`. */
  activity: ActivityMap;
  /** Conversations whose customer is typing, until when (ms since the epoch), from `contact.typing`. */
  customerTyping: Record<string, number>;
  /** The customer started (for TYPING_TTL_MS unless said again) or stopped typing. */
  putCustomerTyping(typing: ContactTyping, now: number): void;
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
  customerTyping: {},
  putCustomerTyping: ({ conversationId, typing }, now) =>
    set((s) => {
      if (!typing && !(conversationId in s.customerTyping)) return s;
      const next = { ...s.customerTyping };
      if (typing) next[conversationId] = now + TYPING_TTL_MS;
      else delete next[conversationId];
      return { customerTyping: next };
    }),
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
  clearActivity: () => set({ activity: {}, customerTyping: {} }),
  reset: () => set({ alerts: {}, activity: {}, customerTyping: {}, escalations: {} }),
}));

/** The one the app uses. */
export const useSupervisionStore = createSupervisionStore();
