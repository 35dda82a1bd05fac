import { create } from 'zustand';
import type { AppErrorShape } from '../../../shared/errors';

/** What the composer writes: a reply to the customer, or an internal note only the team sees. */
export type ComposerMode = 'reply' | 'note';

/** The internal note being written in one conversation. */
export interface NoteDraft {
  text: string;
  /** Colleagues picked from the @ list: user id → the name inserted as @Name. */
  mentions: Readonly<Record<string, string>>;
  sending: boolean;
  /** Why the last note was refused; the text stays. */
  error: AppErrorShape | null;
}

export const emptyNote: NoteDraft = { text: '', mentions: {}, sending: false, error: null };

interface NotesStore {
  modes: Readonly<Record<string, ComposerMode>>;
  byConversation: Readonly<Record<string, NoteDraft>>;
  setMode(conversationId: string, mode: ComposerMode): void;
  setText(conversationId: string, text: string): void;
  addMention(conversationId: string, userId: string, name: string): void;
  setSending(conversationId: string, sending: boolean): void;
  setError(conversationId: string, error: AppErrorShape | null): void;
  /** Empties the note only if it is still what was sent, so words typed meanwhile stay. */
  clearSent(conversationId: string, sentText: string): void;
  reset(): void;
}

/** Internal notes being written and which mode each conversation's composer is in (not saved across restarts). */
export const createNotesStore = () => create<NotesStore>((set) => {
  const change = (id: string, fn: (n: NoteDraft) => NoteDraft) =>
    set((s) => ({ byConversation: { ...s.byConversation, [id]: fn(s.byConversation[id] ?? emptyNote) } }));
  return {
    modes: {},
    byConversation: {},
    setMode: (id, mode) => set((s) => (s.modes[id] === mode ? s : { modes: { ...s.modes, [id]: mode } })),
    setText: (id, text) => change(id, (n) => ({ ...n, text })),
    addMention: (id, userId, name) => change(id, (n) => ({ ...n, mentions: { ...n.mentions, [userId]: name } })),
    setSending: (id, sending) => change(id, (n) => ({ ...n, sending })),
    setError: (id, error) => change(id, (n) => ({ ...n, error })),
    clearSent: (id, sentText) => change(id, (n) => (n.text === sentText ? { ...n, text: '', mentions: {} } : n)),
    reset: () => set({ modes: {}, byConversation: {} }),
  };
});

/** The one the app uses. */
export const useNotesStore = createNotesStore();
