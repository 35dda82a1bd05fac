import { create } from 'zustand';
import type { Activity, SensitiveAlert } from '../../../shared/domain';
import { applyActivity, applyAlert, type ActivityMap, type AlertMap } from './supervision-logic';

interface SupervisionStore {
  /** Conversations whose messages matched sensitive words, from `sensitive.alert`. */
  alerts: AlertMap;
  /** Who is viewing or typing where, from `activity.changed`. */
  activity: ActivityMap;
  addAlert(alert: SensitiveAlert): void;
  putActivity(activity: Activity): void;
  /** Forgets who is where (offline: nobody tells us when they leave). */
  clearActivity(): void;
  reset(): void;
}

/** What supervisors watch beside the conversations themselves: sensitive-word alerts and colleagues' activity. */
export const createSupervisionStore = () => create<SupervisionStore>((set) => ({
  alerts: {},
  activity: {},
  addAlert: (alert) => set((s) => ({ alerts: applyAlert(s.alerts, alert) })),
  putActivity: (activity) =>
    set((s) => {
      const next = applyActivity(s.activity, activity);
      return next === s.activity ? s : { activity: next };
    }),
  clearActivity: () => set({ activity: {} }),
  reset: () => set({ alerts: {}, activity: {} }),
}));

/** The one the app uses. */
export const useSupervisionStore = createSupervisionStore();
