import { create } from 'zustand';
import type { Template } from '../../../../shared/domain';
import type { AppErrorShape } from '../../../../shared/errors';
import type { LoadStatus } from '../../stores/inbox-store';

interface TemplatesStore {
  templates: Template[];
  status: LoadStatus;
  error: AppErrorShape | null;
  setLoading(): void;
  setLoaded(templates: Template[]): void;
  setFailed(error: AppErrorShape): void;
  /** A reply just saved (the whole list follows with `catalog.updated`). */
  put(template: Template): void;
  remove(id: string): void;
  reset(): void;
}

/** The team's and the agent's own quick replies, from `templates.list` (the local cache: offline too). */
export const useTemplatesStore = create<TemplatesStore>((set) => ({
  templates: [],
  status: 'idle',
  error: null,
  setLoading: () => set({ status: 'loading', error: null }),
  setLoaded: (templates) => set({ templates, status: 'ready', error: null }),
  setFailed: (error) => set({ status: 'failed', error }),
  put: (template) =>
    set((s) => ({ templates: [...s.templates.filter((t) => t.id !== template.id), template] })),
  remove: (id) => set((s) => ({ templates: s.templates.filter((t) => t.id !== id) })),
  reset: () => set({ templates: [], status: 'idle', error: null }),
}));
