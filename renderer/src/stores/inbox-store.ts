import { create } from 'zustand';
import type { Conversation } from '../../../shared/domain';
import type { AppErrorShape } from '../../../shared/errors';
import {
  reconcileConversations,
  sortConversations,
  upsertConversations,
  type ConversationMap,
} from './inbox-logic';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'failed';

interface InboxData {
  byId: ConversationMap;
  /** Sorted by last activity, newest first; kept in state so views get a stable array. */
  conversations: Conversation[];
  selectedId: string | null;
  status: LoadStatus;
  error: AppErrorShape | null;
}

interface InboxStore extends InboxData {
  setLoading(): void;
  setLoaded(conversations: readonly Conversation[]): void;
  setFailed(error: AppErrorShape): void;
  upsert(conversation: Conversation): void;
  select(id: string | null): void;
  reset(): void;
}

const empty: InboxData = { byId: {}, conversations: [], selectedId: null, status: 'idle', error: null };

/** The conversations the agent sees, keyed by id, plus which one is open. */
export const useInboxStore = create<InboxStore>((set) => ({
  ...empty,
  setLoading: () => set({ status: 'loading', error: null }),
  setLoaded: (loaded) =>
    set((s) => {
      const byId = reconcileConversations(s.byId, loaded);
      return { byId, conversations: sortConversations(Object.values(byId)), status: 'ready', error: null };
    }),
  setFailed: (error) => set({ status: 'failed', error }),
  upsert: (conversation) =>
    set((s) => {
      const byId = upsertConversations(s.byId, [conversation]);
      if (byId[conversation.id] === s.byId[conversation.id]) return s;
      return { byId, conversations: sortConversations(Object.values(byId)) };
    }),
  select: (selectedId) => set({ selectedId }),
  reset: () => set(empty),
}));
