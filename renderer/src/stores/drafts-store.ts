import { create } from 'zustand';
import type { AppErrorShape } from '../../../shared/errors';

/** The composer of one conversation. */
export interface ComposerDraft {
  text: string;
  /** Why text came back to the composer (a reply that could not be sent), from the client core. */
  reason: AppErrorShape | null;
  /** The core's saved draft was read at least once. */
  loaded: boolean;
  sending: boolean;
  /** Why the last send was refused; the text stays. */
  error: AppErrorShape | null;
  /** Why the text could not be saved yet; it stays here and saving is tried again. */
  saveError: AppErrorShape | null;
}

export const emptyDraft: ComposerDraft = {
  text: '',
  reason: null,
  loaded: false,
  sending: false,
  error: null,
  saveError: null,
};

interface DraftsStore {
  byConversation: Readonly<Record<string, ComposerDraft>>;
  setText(conversationId: string, text: string): void;
  /** Puts the core's draft (merged with unsaved typing) into the composer. */
  applyDraft(conversationId: string, text: string, reason: AppErrorShape | null): void;
  markLoaded(conversationId: string): void;
  setReason(conversationId: string, reason: AppErrorShape | null): void;
  setSending(conversationId: string, sending: boolean): void;
  setError(conversationId: string, error: AppErrorShape | null): void;
  setSaveError(conversationId: string, error: AppErrorShape | null): void;
  /** Clears the text only if it is still what was sent, so words typed meanwhile stay. */
  clearSent(conversationId: string, sentText: string): void;
  reset(): void;
}

function update(
  byConversation: Readonly<Record<string, ComposerDraft>>,
  conversationId: string,
  change: (draft: ComposerDraft) => ComposerDraft,
): Record<string, ComposerDraft> {
  return { ...byConversation, [conversationId]: change(byConversation[conversationId] ?? emptyDraft) };
}

/** What the agent is writing in each conversation; switching conversations keeps it. */
export const createDraftsStore = () => create<DraftsStore>((set) => {
  const change = (id: string, fn: (d: ComposerDraft) => ComposerDraft) =>
    set((s) => ({ byConversation: update(s.byConversation, id, fn) }));
  return {
    byConversation: {},
    setText: (id, text) => change(id, (d) => ({ ...d, text })),
    applyDraft: (id, text, reason) => change(id, (d) => ({ ...d, text, reason, loaded: true })),
    markLoaded: (id) => change(id, (d) => ({ ...d, loaded: true })),
    setReason: (id, reason) => change(id, (d) => ({ ...d, reason })),
    setSending: (id, sending) => change(id, (d) => ({ ...d, sending })),
    setError: (id, error) => change(id, (d) => ({ ...d, error })),
    setSaveError: (id, saveError) => change(id, (d) => ({ ...d, saveError })),
    clearSent: (id, sentText) => change(id, (d) => (d.text === sentText ? { ...d, text: '' } : d)),
    reset: () => set({ byConversation: {} }),
  };
});

/** The one the app uses. */
export const useDraftsStore = createDraftsStore();
