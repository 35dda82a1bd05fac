import { describe, expect, it } from 'vitest';
import type { AppErrorShape } from '../../../shared/errors';
import { createPagedSearch, type Page, type PagedStore } from './paged-search';

/** A plain store holding what the search wrote, as a zustand store would. */
function memoryStore(): PagedStore<string> & { error: AppErrorShape | null } {
  const s: PagedStore<string> & { error: AppErrorShape | null } = {
    query: '', items: [], nextBefore: null, status: 'idle', loadingMore: false, error: null,
    setLoading: (query) => Object.assign(s, { query, status: 'loading', error: null }),
    setLoaded: (query, items, nextBefore) => Object.assign(s, { query, items, nextBefore, status: 'ready' }),
    setFailed: (error) => Object.assign(s, { status: 'failed', error }),
    setLoadingMore: () => Object.assign(s, { loadingMore: true }),
    setMore: (items, nextBefore) => Object.assign(s, { items, nextBefore, loadingMore: false }),
    setMoreFailed: (error) => Object.assign(s, { loadingMore: false, error }),
  };
  return s;
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('a paged search', () => {
  it('shows the newest search even when an older one answers last', async () => {
    const store = memoryStore();
    const answers = new Map<string, ReturnType<typeof deferred<Page<string>>>>();
    const search = createPagedSearch<string>({
      fetchPage: (query) => {
        const d = deferred<Page<string>>();
        answers.set(query, d);
        return d.promise;
      },
      append: (shown, page) => [...shown, ...page],
      store: () => store,
    });
    const slow = search.search(' refund ');
    const fast = search.search('invoice');
    answers.get('invoice')!.resolve({ items: ['invoice 1'], nextBefore: null });
    await fast;
    answers.get('refund')!.resolve({ items: ['refund 1'], nextBefore: 5 });
    await slow;
    expect(store).toMatchObject({ query: 'invoice', items: ['invoice 1'], status: 'ready' });
  });

  it('adds older pages after the shown ones, and drops a page read before a change of user', async () => {
    const store = memoryStore();
    const pages: Record<string, Page<string>> = { first: { items: ['a', 'b'], nextBefore: 10 }, '10': { items: ['c'], nextBefore: null } };
    const asked: (number | undefined)[] = [];
    const search = createPagedSearch<string>({
      fetchPage: async (_query, before) => {
        asked.push(before);
        return pages[before === undefined ? 'first' : String(before)]!;
      },
      append: (shown, page) => [...shown, ...page],
      store: () => store,
    });
    await search.search('');
    await search.loadMore();
    expect(store.items).toEqual(['a', 'b', 'c']);
    // No more pages: nothing is asked.
    await search.loadMore();
    expect(asked).toEqual([undefined, 10]);

    await search.search('');
    const more = search.loadMore();
    search.drop();
    await more;
    expect(store.items).toEqual(['a', 'b']);
  });
});
