import { create } from 'zustand';
import type { AppErrorShape } from '../../../shared/errors';

/** A file waiting in a conversation's composer: what the preview shows and what the send takes. */
export interface ComposerFile {
  name: string;
  bytes: Uint8Array;
  size: number;
  mimeType: string;
}

interface ComposerFilesStore {
  /** The file each conversation's composer holds (one a message). */
  byConversation: Record<string, ComposerFile>;
  /** Why the last file picked or sent there was refused. */
  errors: Record<string, AppErrorShape>;
  attach(conversationId: string, file: ComposerFile): void;
  setError(conversationId: string, error: AppErrorShape | null): void;
  /** Drops the conversation's file and its error (sent, or taken off by the agent). */
  remove(conversationId: string): void;
  reset(): void;
}

const without = <T,>(record: Record<string, T>, key: string): Record<string, T> => {
  if (!(key in record)) return record;
  const next = { ...record };
  delete next[key];
  return next;
};

/**
 * Files attached in the composer, per conversation, in memory only: one stays with its
 * conversation while the agent looks at others, and is gone after a restart or a sign-out. The
 * bytes reach the disk only once sent (queued in the client core's outbox, sealed).
 */
export const createComposerFilesStore = () =>
  create<ComposerFilesStore>((set) => ({
    byConversation: {},
    errors: {},
    attach: (conversationId, file) =>
      set((s) => ({ byConversation: { ...s.byConversation, [conversationId]: file }, errors: without(s.errors, conversationId) })),
    setError: (conversationId, error) =>
      set((s) => ({ errors: error ? { ...s.errors, [conversationId]: error } : without(s.errors, conversationId) })),
    remove: (conversationId) =>
      set((s) => ({ byConversation: without(s.byConversation, conversationId), errors: without(s.errors, conversationId) })),
    reset: () => set({ byConversation: {}, errors: {} }),
  }));

/** The one the app uses. */
export const useComposerFilesStore = createComposerFilesStore();
