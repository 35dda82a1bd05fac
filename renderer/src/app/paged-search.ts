import { toAppError, type AppErrorShape } from '../../../shared/errors';
import type { LoadStatus } from '../stores/inbox-store';

/** One page of a search, newest first, and where the next older page starts (null after the last). */
export interface Page<Item> {
  items: Item[];
  nextBefore: number | null;
}

/** What a paged search reads from and writes to its store. */
export interface PagedStore<Item> {
  /** The search the items answer ('' for everything). */
  query: string;
  items: Item[];
  nextBefore: number | null;
  status: LoadStatus;
  loadingMore: boolean;
  /** A search starts. */
  setLoading(query: string): void;
  setLoaded(query: string, items: Item[], nextBefore: number | null): void;
  setFailed(error: AppErrorShape): void;
  setLoadingMore(): void;
  setMore(items: Item[], nextBefore: number | null): void;
  setMoreFailed(error: AppErrorShape): void;
}

export interface PagedSearch {
  /** Reads the first page of a search (trimmed; '' for everything). */
  search(query: string): Promise<void>;
  /** Reads the next older page of the current search, unless there is none or one is being read. */
  loadMore(): Promise<void>;
  /** Drops the answers of every search and page still being read (on a change of user). */
  drop(): void;
}

/**
 * A search read page by page into a store where the newest search wins: each search gets a
 * number, and answers to an older search (or to its pages) are dropped.
 */
export function createPagedSearch<Item>(options: {
  /** Reads one page: the first of a search when `before` is undefined. */
  fetchPage(query: string, before: number | undefined): Promise<Page<Item>>;
  /** Adds a page to the items shown (the first page to none). */
  append(shown: Item[], page: Item[]): Item[];
  /** The store as it is now (read again after every wait). */
  store(): PagedStore<Item>;
}): PagedSearch {
  const { fetchPage, append, store } = options;
  let run = 0;

  return {
    async search(query) {
      const mine = ++run;
      const text = query.trim();
      store().setLoading(text);
      try {
        const page = await fetchPage(text, undefined);
        if (mine !== run) return;
        store().setLoaded(text, append([], page.items), page.nextBefore);
      } catch (err) {
        if (mine !== run) return;
        store().setFailed(toAppError(err).toJSON());
      }
    },

    async loadMore() {
      const shown = store();
      if (shown.nextBefore === null || shown.loadingMore || shown.status !== 'ready') return;
      const mine = run;
      shown.setLoadingMore();
      try {
        const page = await fetchPage(shown.query, shown.nextBefore);
        if (mine !== run) return;
        store().setMore(append(store().items, page.items), page.nextBefore);
      } catch (err) {
        if (mine !== run) return;
        store().setMoreFailed(toAppError(err).toJSON());
      }
    },

    drop() {
      run += 1;
    },
  };
}
