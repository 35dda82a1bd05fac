import { create } from 'zustand';
import type { ChannelView } from '../../../shared/channels';
import type { SkillGroup } from '../../../shared/domain';
import type { AppErrorShape } from '../../../shared/errors';
import type { LoadStatus } from './inbox-store';

interface ChannelAdminStore {
  channels: ChannelView[];
  /** The skill groups a channel may route to by default (empty when they could not be read). */
  groups: SkillGroup[];
  status: LoadStatus;
  error: AppErrorShape | null;
  setLoading(): void;
  setLoaded(channels: ChannelView[], groups: SkillGroup[]): void;
  setFailed(error: AppErrorShape): void;
  /** A channel the admin just added or changed, as the server answered. */
  put(channel: ChannelView): void;
  remove(id: string): void;
  reset(): void;
}

/** The channels as the admin screen manages them, from `channels.list`. */
export const useChannelAdminStore = create<ChannelAdminStore>((set) => ({
  channels: [],
  groups: [],
  status: 'idle',
  error: null,
  setLoading: () => set({ status: 'loading', error: null }),
  setLoaded: (channels, groups) => set({ channels, groups, status: 'ready', error: null }),
  setFailed: (error) => set({ status: 'failed', error }),
  put: (channel) =>
    set((s) => {
      const index = s.channels.findIndex((c) => c.id === channel.id);
      if (index === -1) return { channels: [...s.channels, channel] };
      const channels = [...s.channels];
      channels[index] = channel;
      return { channels };
    }),
  remove: (id) => set((s) => ({ channels: s.channels.filter((c) => c.id !== id) })),
  reset: () => set({ channels: [], groups: [], status: 'idle', error: null }),
}));
