import { create } from 'zustand';
import type { AuditEntryView } from '../../../shared/domain';
import type { AppErrorShape } from '../../../shared/errors';
import type { LoadStatus } from './inbox-store';

interface AuditData {
  /** The search the entries answer ('' for the whole log). */
  query: string;
  /** Newest first, every page loaded so far. */
  entries: AuditEntryView[];
  /** Where the next page starts; null when the last page is shown. */
  nextBefore: number | null;
  status: LoadStatus;
  error: AppErrorShape | null;
  loadingMore: boolean;
  moreError: AppErrorShape | null;
}

interface AuditStore extends AuditData {
  /** A search starts: entries of another search are cleared, those of the same one stay until it answers. */
  setLoading(query: string): void;
  setLoaded(query: string, entries: AuditEntryView[], nextBefore: number | null): void;
  setFailed(error: AppErrorShape): void;
  setLoadingMore(): void;
  setMore(entries: AuditEntryView[], nextBefore: number | null): void;
  setMoreFailed(error: AppErrorShape): void;
  reset(): void;
}

const empty: AuditData = {
  query: '',
  entries: [],
  nextBefore: null,
  status: 'idle',
  error: null,
  loadingMore: false,
  moreError: null,
};

/** The audit log pages the admin screen shows, from `audit.list`. */
export const useAuditStore = create<AuditStore>((set) => ({
  ...empty,
  setLoading: (query) =>
    set((s) => ({
      query,
      status: 'loading',
      error: null,
      loadingMore: false,
      moreError: null,
      ...(s.query === query ? {} : { entries: [], nextBefore: null }),
    })),
  setLoaded: (query, entries, nextBefore) => set({ query, entries, nextBefore, status: 'ready', error: null }),
  setFailed: (error) => set({ status: 'failed', error }),
  setLoadingMore: () => set({ loadingMore: true, moreError: null }),
  setMore: (entries, nextBefore) => set({ entries, nextBefore, loadingMore: false, moreError: null }),
  setMoreFailed: (moreError) => set({ loadingMore: false, moreError }),
  reset: () => set(empty),
}));
