import { create } from 'zustand';
import type { AppErrorShape } from '../../../shared/errors';
import type { ManagedGroup, ManagedUser, TeamView } from '../../../shared/team-admin';
import type { LoadStatus } from './inbox-store';

interface TeamAdminStore {
  users: ManagedUser[];
  groups: ManagedGroup[];
  status: LoadStatus;
  error: AppErrorShape | null;
  setLoading(): void;
  setLoaded(view: TeamView): void;
  setFailed(error: AppErrorShape): void;
  /** A user the admin just saved or added, as the server answered. */
  putUser(user: ManagedUser): void;
  reset(): void;
}

/** The team as the admin screen manages it, from `admin.team`. */
export const useTeamAdminStore = create<TeamAdminStore>((set) => ({
  users: [],
  groups: [],
  status: 'idle',
  error: null,
  setLoading: () => set({ status: 'loading', error: null }),
  setLoaded: ({ users, groups }) => set({ users, groups, status: 'ready', error: null }),
  setFailed: (error) => set({ status: 'failed', error }),
  putUser: (user) =>
    set((s) => {
      const index = s.users.findIndex((u) => u.id === user.id);
      if (index === -1) return { users: [...s.users, user] };
      const users = [...s.users];
      users[index] = user;
      return { users };
    }),
  reset: () => set({ users: [], groups: [], status: 'idle', error: null }),
}));
