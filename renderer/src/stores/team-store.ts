import { create } from 'zustand';
import type { SkillGroup, TeamMember } from '../../../shared/domain';
import type { AppErrorShape } from '../../../shared/errors';
import type { LoadStatus } from './inbox-store';

interface TeamStore {
  agents: TeamMember[];
  groups: SkillGroup[];
  status: LoadStatus;
  error: AppErrorShape | null;
  setLoading(): void;
  setLoaded(agents: TeamMember[], groups: SkillGroup[]): void;
  setFailed(error: AppErrorShape): void;
  reset(): void;
}

/** Colleagues and skill groups as `team.list` last answered (for transfers and offer names). */
export const useTeamStore = create<TeamStore>((set) => ({
  agents: [],
  groups: [],
  status: 'idle',
  error: null,
  setLoading: () => set({ status: 'loading', error: null }),
  setLoaded: (agents, groups) => set({ agents, groups, status: 'ready', error: null }),
  setFailed: (error) => set({ status: 'failed', error }),
  reset: () => set({ agents: [], groups: [], status: 'idle', error: null }),
}));
