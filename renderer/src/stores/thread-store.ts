import { create } from 'zustand';
import type { ThreadMessage } from '../../../shared/contract';
import type { AppErrorShape } from '../../../shared/errors';
import type { LoadStatus } from './inbox-store';
import { mergeMessages, removeMessage, type RemovedClientIds } from './thread-logic';

export interface Thread {
  messages: ThreadMessage[];
  status: LoadStatus;
  error: AppErrorShape | null;
}

export const emptyThread: Thread = { messages: [], status: 'idle', error: null };

interface ThreadStore {
  byConversation: Readonly<Record<string, Thread>>;
  /** Replies that left a thread unsent; a late unconfirmed copy of one must not bring it back. */
  removedClientIds: RemovedClientIds;
  setLoading(conversationId: string): void;
  setLoaded(conversationId: string, messages: readonly ThreadMessage[]): void;
  setFailed(conversationId: string, error: AppErrorShape): void;
  merge(message: ThreadMessage): void;
  remove(conversationId: string, clientId: string): void;
  reset(): void;
}

function update(
  byConversation: Readonly<Record<string, Thread>>,
  conversationId: string,
  change: (thread: Thread) => Thread,
): Record<string, Thread> {
  return { ...byConversation, [conversationId]: change(byConversation[conversationId] ?? emptyThread) };
}

/** Messages per conversation, merged from `messages.list`, `message.updated` and the outbox calls. */
export const createThreadStore = () => create<ThreadStore>((set) => ({
  byConversation: {},
  removedClientIds: {},
  setLoading: (id) =>
    set((s) => ({ byConversation: update(s.byConversation, id, (t) => ({ ...t, status: 'loading', error: null })) })),
  setLoaded: (id, loaded) =>
    set((s) => ({
      byConversation: update(s.byConversation, id, (t) => ({
        messages: mergeMessages(t.messages, loaded, s.removedClientIds),
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
        messages: mergeMessages(t.messages, [message], s.removedClientIds),
      })),
    })),
  remove: (conversationId, clientId) =>
    set((s) => {
      const removedClientIds = { ...s.removedClientIds, [clientId]: true as const };
      const thread = s.byConversation[conversationId];
      if (!thread) return { removedClientIds };
      const messages = removeMessage(thread.messages, clientId);
      if (messages === thread.messages) return { removedClientIds };
      return {
        removedClientIds,
        byConversation: { ...s.byConversation, [conversationId]: { ...thread, messages: [...messages] } },
      };
    }),
  reset: () => set({ byConversation: {}, removedClientIds: {} }),
}));

/** The one the app uses. */
export const useThreadStore = createThreadStore();
