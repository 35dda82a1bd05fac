import { create } from 'zustand';
import type { MessageSearchHit } from '../../../shared/contract';
import type { AppErrorShape } from '../../../shared/errors';
import type { HighlightedText } from '../../../shared/knowledge';

export type SearchStatus = 'idle' | 'searching' | 'ready' | 'failed';

interface InboxSearchState {
  /** The text the hits belong to. */
  query: string;
  /** Conversation id → the snippet of its newest matching message. */
  hits: ReadonlyMap<string, HighlightedText>;
  truncated: boolean;
  status: SearchStatus;
  error: AppErrorShape | null;
  setSearching(query: string): void;
  setResults(query: string, hits: readonly MessageSearchHit[], truncated: boolean): void;
  setFailed(query: string, error: AppErrorShape): void;
  reset(): void;
}

const empty = { query: '', hits: new Map<string, HighlightedText>(), truncated: false, status: 'idle' as const, error: null };

/** The message search behind the inbox search box: only the answer to the latest query is kept. */
export const createInboxSearchStore = () => create<InboxSearchState>((set) => ({
  ...empty,
  setSearching: (query) => set((s) => ({ query, status: 'searching', error: null, hits: s.query === query ? s.hits : new Map() })),
  setResults: (query, hits, truncated) =>
    set((s) =>
      s.query !== query
        ? s
        : { status: 'ready', truncated, error: null, hits: new Map(hits.map((h) => [h.conversationId, h.snippet])) },
    ),
  setFailed: (query, error) => set((s) => (s.query !== query ? s : { status: 'failed', error })),
  reset: () => set({ ...empty, hits: new Map() }),
}));

/** The one the app uses. */
export const useInboxSearchStore = createInboxSearchStore();
