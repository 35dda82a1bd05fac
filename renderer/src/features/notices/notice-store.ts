import { create } from 'zustand';
import { addNotice, dismissNotice, pruneNotices, type Notice, type NoticeData } from './notice-logic';

interface NoticeStore {
  notices: readonly Notice[];
  push(data: NoticeData, now?: number): void;
  dismiss(id: string): void;
  /** Drops the notices whose time is up. */
  prune(now?: number): void;
  reset(): void;
}

let nextId = 1;

/** The notice centre's stack: mentions, takeovers and sensitive-word alerts, newest first. */
export const createNoticeStore = () => create<NoticeStore>((set) => ({
  notices: [],
  push: (data, now = Date.now()) => set((s) => ({ notices: addNotice(s.notices, data, `notice-${nextId++}`, now) })),
  dismiss: (id) =>
    set((s) => {
      const notices = dismissNotice(s.notices, id);
      return notices === s.notices ? s : { notices };
    }),
  prune: (now = Date.now()) =>
    set((s) => {
      const notices = pruneNotices(s.notices, now);
      return notices === s.notices ? s : { notices };
    }),
  reset: () => set({ notices: [] }),
}));

/** The one the app uses. */
export const useNoticeStore = createNoticeStore();
