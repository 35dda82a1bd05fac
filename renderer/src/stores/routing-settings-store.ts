import { create } from 'zustand';
import type { AppErrorShape } from '../../../shared/errors';
import type { RoutingSettingsView } from '../../../shared/team-admin';
import type { LoadStatus } from './inbox-store';

interface RoutingSettingsStore {
  /** What the server holds (null until the first load). */
  view: RoutingSettingsView | null;
  status: LoadStatus;
  error: AppErrorShape | null;
  setLoading(): void;
  setLoaded(view: RoutingSettingsView): void;
  setFailed(error: AppErrorShape): void;
  reset(): void;
}

/** The routing settings the admin screen edits, from `admin.settings` and `admin.saveSettings`. */
export const useRoutingSettingsStore = create<RoutingSettingsStore>((set) => ({
  view: null,
  status: 'idle',
  error: null,
  setLoading: () => set({ status: 'loading', error: null }),
  setLoaded: (view) => set({ view, status: 'ready', error: null }),
  setFailed: (error) => set({ status: 'failed', error }),
  reset: () => set({ view: null, status: 'idle', error: null }),
}));
