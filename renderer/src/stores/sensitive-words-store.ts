import { create } from 'zustand';
import type { ReplyMaskPolicy, SensitiveWord } from '../../../shared/domain';
import type { AppErrorShape } from '../../../shared/errors';
import type { LoadStatus } from './inbox-store';

interface SensitiveWordsStore {
  words: SensitiveWord[];
  status: LoadStatus;
  error: AppErrorShape | null;
  /** The account's reply masking setting; null until read (the composer then assumes the default). */
  policy: ReplyMaskPolicy | null;
  setPolicy(policy: ReplyMaskPolicy): void;
  setLoading(): void;
  setLoaded(words: SensitiveWord[]): void;
  setFailed(error: AppErrorShape): void;
  /** An entry the admin just saved (the full list follows with `catalog.updated`). */
  put(word: SensitiveWord): void;
  remove(id: string): void;
  reset(): void;
}

/** The sensitive word list the admin screen edits and the composer checks, from `sensitive.list`, with the masking setting. */
export const useSensitiveWordsStore = create<SensitiveWordsStore>((set) => ({
  words: [],
  status: 'idle',
  error: null,
  policy: null,
  setPolicy: (policy) => set({ policy }),
  setLoading: () => set({ status: 'loading', error: null }),
  setLoaded: (words) => set({ words, status: 'ready', error: null }),
  setFailed: (error) => set({ status: 'failed', error }),
  put: (word) =>
    set((s) => {
      const index = s.words.findIndex((w) => w.id === word.id);
      if (index === -1) return { words: [...s.words, word] };
      const words = [...s.words];
      words[index] = word;
      return { words };
    }),
  remove: (id) => set((s) => ({ words: s.words.filter((w) => w.id !== id) })),
  reset: () => set({ words: [], status: 'idle', error: null, policy: null }),
}));
