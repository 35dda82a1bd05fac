import { create } from 'zustand';
import type { KbArticle } from '../../../shared/domain';
import type { AppErrorShape } from '../../../shared/errors';
import type { LoadStatus } from './inbox-store';

interface KbAdminStore {
  /** Every article of the account, disabled ones too, as last read from the server. */
  articles: KbArticle[];
  status: LoadStatus;
  error: AppErrorShape | null;
  setLoading(): void;
  setLoaded(articles: KbArticle[]): void;
  setFailed(error: AppErrorShape): void;
  /** An article the admin just saved (the full list follows with `catalog.updated`). */
  put(article: KbArticle): void;
  reset(): void;
}

/** The knowledge base the admin screen edits, from `kbAdmin.list`. */
export const useKbAdminStore = create<KbAdminStore>((set) => ({
  articles: [],
  status: 'idle',
  error: null,
  setLoading: () => set({ status: 'loading', error: null }),
  setLoaded: (articles) => set({ articles, status: 'ready', error: null }),
  setFailed: (error) => set({ status: 'failed', error }),
  put: (article) =>
    set((s) => {
      const index = s.articles.findIndex((a) => a.id === article.id);
      if (index === -1) return { articles: [...s.articles, article] };
      const articles = [...s.articles];
      articles[index] = article;
      return { articles };
    }),
  reset: () => set({ articles: [], status: 'idle', error: null }),
}));
