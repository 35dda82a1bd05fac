import { create } from 'zustand';
import type { InboxConversation } from '../../../shared/contract';
import type { AppErrorShape } from '../../../shared/errors';
import {
  reconcileConversations,
  relabelContact,
  removeConversation,
  sortConversations,
  upsertConversations,
  type ConversationMap,
} from './inbox-logic';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'failed';

interface InboxData {
  byId: ConversationMap;
  /** Sorted (see compareConversations): offers to the agent, the waiting, the rest, then the lost ones; a stable array for views. */
  conversations: InboxConversation[];
  /** The signed-in agent's id: whose offers go first and what "Mine" means. */
  me: string | null;
  selectedId: string | null;
  status: LoadStatus;
  error: AppErrorShape | null;
  /** Ids removed by event since the last load started, so a list read earlier cannot bring them back. */
  removedWhileLoading: Readonly<Record<string, true>>;
}

interface InboxStore extends InboxData {
  setLoading(): void;
  setLoaded(conversations: readonly InboxConversation[]): void;
  setFailed(error: AppErrorShape): void;
  upsert(conversation: InboxConversation): void;
  /** Drops a conversation; if it was open, nothing is selected any more. */
  remove(id: string): void;
  select(id: string | null): void;
  /** The customer's tags changed: their conversations carry the new labels. */
  relabel(contactId: string, labels: readonly string[]): void;
  setMe(userId: string | null): void;
  reset(): void;
}

const empty: InboxData = {
  byId: {},
  conversations: [],
  me: null,
  selectedId: null,
  status: 'idle',
  error: null,
  removedWhileLoading: {},
};

/** The conversations the agent sees, keyed by id, plus which one is open. */
export const createInboxStore = () => create<InboxStore>((set) => ({
  ...empty,
  setLoading: () => set({ status: 'loading', error: null, removedWhileLoading: {} }),
  setLoaded: (loaded) =>
    set((s) => {
      const byId = reconcileConversations(s.byId, loaded, s.removedWhileLoading);
      return {
        byId,
        conversations: sortConversations(Object.values(byId), s.me),
        status: 'ready',
        error: null,
        removedWhileLoading: {},
      };
    }),
  setFailed: (error) => set({ status: 'failed', error }),
  upsert: (conversation) =>
    set((s) => {
      const byId = upsertConversations(s.byId, [conversation]);
      if (byId[conversation.id] === s.byId[conversation.id]) return s;
      const removedWhileLoading = { ...s.removedWhileLoading };
      delete removedWhileLoading[conversation.id];
      return { byId, conversations: sortConversations(Object.values(byId), s.me), removedWhileLoading };
    }),
  remove: (id) =>
    set((s) => {
      const byId = removeConversation(s.byId, id);
      const removedWhileLoading = { ...s.removedWhileLoading, [id]: true as const };
      const selectedId = s.selectedId === id ? null : s.selectedId;
      if (byId === s.byId) return { removedWhileLoading, selectedId };
      return { byId, conversations: sortConversations(Object.values(byId), s.me), selectedId, removedWhileLoading };
    }),
  select: (selectedId) => set({ selectedId }),
  relabel: (contactId, labels) =>
    set((s) => {
      const byId = relabelContact(s.byId, contactId, labels);
      if (byId === s.byId) return s;
      return { byId, conversations: sortConversations(Object.values(byId), s.me) };
    }),
  setMe: (me) =>
    set((s) => (s.me === me ? s : { me, conversations: sortConversations(Object.values(s.byId), me) })),
  reset: () => set(empty),
}));

/** The one the app uses. */
export const useInboxStore = createInboxStore();
