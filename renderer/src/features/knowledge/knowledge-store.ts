import { create } from 'zustand';
import type { KbArticle } from '../../../../shared/domain';
import type { AppErrorShape } from '../../../../shared/errors';
import type { KbSearchHit } from '../../../../shared/knowledge';
import type { LoadStatus } from '../../stores/inbox-store';

/** Articles suggested for one customer message. */
export interface Suggestions {
  conversationId: string;
  /** The customer's message they were found for. */
  forText: string;
  hits: KbSearchHit[];
}

interface KnowledgeStore {
  /** What the agent typed in the knowledge search box. */
  query: string;
  /** The answer to `searched` (which may lag `query` while typing). */
  searched: string;
  hits: KbSearchHit[];
  status: LoadStatus;
  error: AppErrorShape | null;
  suggestions: Suggestions | null;
  /** The article open in the panel. */
  article: KbArticle | null;
  setQuery(query: string): void;
  setSearching(): void;
  setHits(searched: string, hits: KbSearchHit[]): void;
  setFailed(error: AppErrorShape): void;
  setSuggestions(suggestions: Suggestions | null): void;
  openArticle(article: KbArticle | null): void;
  reset(): void;
}

const initial = {
  query: '',
  searched: '',
  hits: [],
  status: 'idle' as LoadStatus,
  error: null,
  suggestions: null,
  article: null,
};

/** The knowledge panel: search as you type, suggestions for the customer's last message, the open article. */
export const useKnowledgeStore = create<KnowledgeStore>((set) => ({
  ...initial,
  setQuery: (query) => set({ query }),
  setSearching: () => set({ status: 'loading', error: null }),
  setHits: (searched, hits) => set({ searched, hits, status: 'ready', error: null }),
  setFailed: (error) => set({ status: 'failed', error }),
  setSuggestions: (suggestions) => set({ suggestions }),
  openArticle: (article) => set({ article }),
  reset: () => set({ ...initial }),
}));
