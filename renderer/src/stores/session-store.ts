import { create } from 'zustand';
import type { SessionState } from '../../../shared/contract';
import type { AppErrorShape } from '../../../shared/errors';

interface SessionStore {
  /** `loading` until the first `session.get` answers. */
  phase: 'loading' | 'ready' | 'failed';
  session: SessionState | null;
  error: AppErrorShape | null;
  setSession(session: SessionState): void;
  setFailed(error: AppErrorShape): void;
}

/** Who is signed in, from `session.get` and `session.changed`. */
export const createSessionStore = () => create<SessionStore>((set) => ({
  phase: 'loading',
  session: null,
  error: null,
  setSession: (session) => set({ phase: 'ready', session, error: null }),
  setFailed: (error) => set((s) => ({ phase: s.session ? 'ready' : 'failed', error })),
}));

/** The one the app uses. */
export const useSessionStore = createSessionStore();
