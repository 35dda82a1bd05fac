import { create } from 'zustand';
import { isInboxFilter, type InboxFilter } from './inbox-logic';

export const INBOX_FILTER_STORAGE_KEY = 'switchboard.inboxFilter';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Storage can be blocked by browser settings; the choice then lasts for this page only.
    return null;
  }
}

/** The stored tab if it is one we know, else All. */
export function readInboxFilter(store: Pick<Storage, 'getItem'> | null): InboxFilter {
  let stored: string | null = null;
  try {
    stored = store?.getItem(INBOX_FILTER_STORAGE_KEY) ?? null;
  } catch {
    stored = null;
  }
  return isInboxFilter(stored) ? stored : 'all';
}

interface InboxFilterState {
  filter: InboxFilter;
  setFilter(filter: InboxFilter): void;
}

/** The inbox tab (Mine, Unassigned, All), remembered in localStorage. */
export const useInboxFilterStore = create<InboxFilterState>((set) => ({
  filter: readInboxFilter(storage()),
  setFilter(filter) {
    try {
      storage()?.setItem(INBOX_FILTER_STORAGE_KEY, filter);
    } catch (err) {
      console.warn('Could not remember the inbox tab', err);
    }
    set({ filter });
  },
}));
