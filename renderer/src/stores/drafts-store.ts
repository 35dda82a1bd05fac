import { create } from 'zustand';
import type { AppErrorShape } from '../../../shared/errors';

export interface Draft {
  text: string;
  sending: boolean;
  error: AppErrorShape | null;
}

export const emptyDraft: Draft = { text: '', sending: false, error: null };

interface DraftsStore {
  byConversation: Readonly<Record<string, Draft>>;
  setText(conversationId: string, text: string): void;
  setSending(conversationId: string, sending: boolean): void;
  setError(conversationId: string, error: AppErrorShape | null): void;
  /** Clears the text only if it is still what was sent, so words typed meanwhile stay. */
  clearSent(conversationId: string, sentText: string): void;
  reset(): void;
}

function update(
  byConversation: Readonly<Record<string, Draft>>,
  conversationId: string,
  change: (draft: Draft) => Draft,
): Record<string, Draft> {
  return { ...byConversation, [conversationId]: change(byConversation[conversationId] ?? emptyDraft) };
}

/** What the agent is writing in each conversation; switching conversations keeps it. */
export const useDraftsStore = create<DraftsStore>((set) => ({
  byConversation: {},
  setText: (id, text) => set((s) => ({ byConversation: update(s.byConversation, id, (d) => ({ ...d, text })) })),
  setSending: (id, sending) =>
    set((s) => ({ byConversation: update(s.byConversation, id, (d) => ({ ...d, sending })) })),
  setError: (id, error) => set((s) => ({ byConversation: update(s.byConversation, id, (d) => ({ ...d, error })) })),
  clearSent: (id, sentText) =>
    set((s) => ({
      byConversation: update(s.byConversation, id, (d) => (d.text === sentText ? { ...d, text: '' } : d)),
    })),
  reset: () => set({ byConversation: {} }),
}));
