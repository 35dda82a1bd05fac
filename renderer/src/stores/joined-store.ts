import { create } from 'zustand';

interface JoinedStore {
  /** Conversations this supervisor joined beside the agent from this workstation. */
  ids: Readonly<Record<string, true>>;
  markJoined(conversationId: string): void;
  reset(): void;
}

/** Which colleagues' conversations this supervisor joined (barge-in), after `conversations.join` succeeded. */
export const createJoinedStore = () => create<JoinedStore>((set) => ({
  ids: {},
  markJoined: (id) => set((s) => (s.ids[id] ? s : { ids: { ...s.ids, [id]: true } })),
  reset: () => set({ ids: {} }),
}));

/** The one the app uses. */
export const useJoinedStore = createJoinedStore();
