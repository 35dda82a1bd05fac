import { create } from 'zustand';
import { isInboxSort, noFacets, type InboxFacets, type InboxSort } from '../features/inbox/inbox-query';
import { isInboxFilter, type InboxFilter } from './inbox-logic';

export const INBOX_FILTER_STORAGE_KEY = 'switchboard.inboxFilter';
export const INBOX_SORT_STORAGE_KEY = 'switchboard.inboxSort';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Storage can be blocked by browser settings; the choice then lasts for this page only.
    return null;
  }
}

function read(store: Pick<Storage, 'getItem'> | null, key: string): string | null {
  try {
    return store?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function remember(key: string, value: string, what: string): void {
  try {
    storage()?.setItem(key, value);
  } catch (err) {
    console.warn(`Could not remember the ${what}`, err);
  }
}

/** The stored tab if it is one we know, else All. */
export function readInboxFilter(store: Pick<Storage, 'getItem'> | null): InboxFilter {
  const stored = read(store, INBOX_FILTER_STORAGE_KEY);
  return isInboxFilter(stored) ? stored : 'all';
}

/** The stored order if it is one we know, else waiting time. */
export function readInboxSort(store: Pick<Storage, 'getItem'> | null): InboxSort {
  const stored = read(store, INBOX_SORT_STORAGE_KEY);
  return isInboxSort(stored) ? stored : 'waiting';
}

interface InboxFilterState extends InboxFacets {
  filter: InboxFilter;
  sort: InboxSort;
  /** What the agent typed into the search box. */
  search: string;
  setFilter(filter: InboxFilter): void;
  setFacet<K extends keyof InboxFacets>(facet: K, value: InboxFacets[K]): void;
  clearFacets(): void;
  setSort(sort: InboxSort): void;
  setSearch(search: string): void;
}

/**
 * How the inbox is narrowed and ordered. The tab and the order are remembered in localStorage;
 * the filters and the search last for this session.
 */
export const useInboxFilterStore = create<InboxFilterState>((set) => ({
  filter: readInboxFilter(storage()),
  sort: readInboxSort(storage()),
  search: '',
  ...noFacets,
  setFilter(filter) {
    remember(INBOX_FILTER_STORAGE_KEY, filter, 'inbox tab');
    set({ filter });
  },
  setFacet(facet, value) {
    set({ [facet]: value } as Pick<InboxFacets, typeof facet>);
  },
  clearFacets() {
    set({ ...noFacets });
  },
  setSort(sort) {
    remember(INBOX_SORT_STORAGE_KEY, sort, 'inbox order');
    set({ sort });
  },
  setSearch(search) {
    set({ search });
  },
}));
