import { create } from 'zustand';
import type { ThreadMessage } from '../../../shared/contract';
import type { AppErrorShape } from '../../../shared/errors';
import type { LoadStatus } from './inbox-store';
import { mergeMessages } from './thread-logic';

export interface Thread {
  messages: ThreadMessage[];
  status: LoadStatus;
  error: AppErrorShape | null;
}

export const emptyThread: Thread = { messages: [], status: 'idle', error: null };

interface ThreadStore {
  byConversation: Readonly<Record<string, Thread>>;
  setLoading(conversationId: string): void;
  setLoaded(conversationId: string, messages: readonly ThreadMessage[]): void;
  setFailed(conversationId: string, error: AppErrorShape): void;
  merge(message: ThreadMessage): void;
  reset(): void;
}

function update(
  byConversation: Readonly<Record<string, Thread>>,
  conversationId: string,
  change: (thread: Thread) => Thread,
): Record<string, Thread> {
  return { ...byConversation, [conversationId]: change(byConversation[conversationId] ?? emptyThread) };
}

/** Messages per conversation, merged from `messages.list`, `message.updated` and `outbox.send`. */
export const useThreadStore = create<ThreadStore>((set) => ({
  byConversation: {},
  setLoading: (id) =>
    set((s) => ({ byConversation: update(s.byConversation, id, (t) => ({ ...t, status: 'loading', error: null })) })),
  setLoaded: (id, loaded) =>
    set((s) => ({
      byConversation: update(s.byConversation, id, (t) => ({
        messages: mergeMessages(t.messages, loaded),
        status: 'ready',
        error: null,
      })),
    })),
  setFailed: (id, error) =>
    set((s) => ({ byConversation: update(s.byConversation, id, (t) => ({ ...t, status: 'failed', error })) })),
  merge: (message) =>
    set((s) => ({
      byConversation: update(s.byConversation, message.conversationId, (t) => ({
        ...t,
        messages: mergeMessages(t.messages, [message]),
      })),
    })),
  reset: () => set({ byConversation: {} }),
}));
