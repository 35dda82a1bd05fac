import { create } from 'zustand';
import type { SkillGroup, TeamMember } from '../../../shared/domain';
import type { AppErrorShape } from '../../../shared/errors';
import type { LoadStatus } from './inbox-store';
import { upsertTeamMember } from './team-logic';

interface TeamStore {
  agents: TeamMember[];
  groups: SkillGroup[];
  status: LoadStatus;
  error: AppErrorShape | null;
  setLoading(): void;
  setLoaded(agents: TeamMember[], groups: SkillGroup[]): void;
  setFailed(error: AppErrorShape): void;
  /** A colleague's presence or load changed (`team.member`). */
  putMember(member: TeamMember): void;
  reset(): void;
}

/** Colleagues and skill groups from `team.list`, kept live by `team.member` (transfers, offer names, the agent board). */
export const createTeamStore = () => create<TeamStore>((set) => ({
  agents: [],
  groups: [],
  status: 'idle',
  error: null,
  setLoading: () => set({ status: 'loading', error: null }),
  setLoaded: (agents, groups) => set({ agents, groups, status: 'ready', error: null }),
  setFailed: (error) => set({ status: 'failed', error }),
  putMember: (member) =>
    set((s) => {
      const agents = upsertTeamMember(s.agents, member);
      return agents === s.agents ? s : { agents };
    }),
  reset: () => set({ agents: [], groups: [], status: 'idle', error: null }),
}));

/** The one the app uses. */
export const useTeamStore = createTeamStore();
