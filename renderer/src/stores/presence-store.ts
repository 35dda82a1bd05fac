import { create } from 'zustand';
import type { AgentState } from '../../../shared/domain';

interface PresenceStore {
  /** The agent's presence and load as the server last said; null before the first connect. */
  agent: AgentState | null;
  /** The workstation set the agent away because they were idle (so activity brings them back). */
  autoAway: boolean;
  setAgent(agent: AgentState | null): void;
  setAutoAway(autoAway: boolean): void;
  reset(): void;
}

/** The signed-in agent's availability, from `presence.get`, `presence.set` and `presence.changed`. */
export const createPresenceStore = () => create<PresenceStore>((set) => ({
  agent: null,
  autoAway: false,
  setAgent: (agent) => set({ agent }),
  setAutoAway: (autoAway) => set({ autoAway }),
  reset: () => set({ agent: null, autoAway: false }),
}));

/** The one the app uses. */
export const usePresenceStore = createPresenceStore();
