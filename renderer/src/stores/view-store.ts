import { create } from 'zustand';
import type { View } from './view-logic';

interface ViewStore {
  /** The screen the person chose; Workstation shows it only if their role allows (see visibleView). */
  view: View;
  setView(view: View): void;
  reset(): void;
}

/** Which screen the workstation shows: inbox, live monitor or admin. */
export const createViewStore = () => create<ViewStore>((set) => ({
  view: 'inbox',
  setView: (view) => set({ view }),
  reset: () => set({ view: 'inbox' }),
}));

/** The one the app uses. */
export const useViewStore = createViewStore();
