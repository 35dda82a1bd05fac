import { create } from 'zustand';
import { defaultSort, noFilter, type MonitorFilter, type MonitorSort } from './monitor-logic';

interface MonitorFilterStore {
  filter: MonitorFilter;
  sort: MonitorSort;
  setFilter(change: Partial<MonitorFilter>): void;
  setSort(sort: MonitorSort): void;
  reset(): void;
}

/** How the live monitor's table is filtered and sorted; kept while the supervisor switches screens. */
export const useMonitorFilterStore = create<MonitorFilterStore>((set) => ({
  filter: noFilter,
  sort: defaultSort,
  setFilter: (change) => set((s) => ({ filter: { ...s.filter, ...change } })),
  setSort: (sort) => set({ sort }),
  reset: () => set({ filter: noFilter, sort: defaultSort }),
}));
