import type { ChannelView } from '../../../shared/channels';
import type { MethodArgs, SwitchboardBridge, Unsubscribe } from '../../../shared/contract';
import type { SkillGroup } from '../../../shared/domain';
import { toAppError } from '../../../shared/errors';
import { createCall, type Call } from '../bridge/call';
import { useChannelAdminStore } from '../stores/channel-admin-store';
import { useConnectionStore } from '../stores/connection-store';
import { onUserChange } from './on-user-change';

/** What the admin screen's channels section asks of the client core; answers land in its store. */
export interface ChannelAdminController {
  /** Follows sign-in and connection; returns a function that stops it. */
  start(): Unsubscribe;
  /** Reads the channels (and the skill groups they may route to). */
  load(): Promise<void>;
  /** Adds or changes a channel. Throws an AppError the form shows (a `bad_request` names its field). */
  save(args: MethodArgs<'channels.save'>): Promise<ChannelView>;
  /** Deletes a channel without conversations. Throws an AppError the list shows. */
  remove(id: string): Promise<void>;
}

/**
 * Wires the channels administration to its store. Channels are read live from the server (no
 * copy is kept on the desktop): after a failure, the list is read again when the connection returns.
 */
export function createChannelAdminController(bridge: SwitchboardBridge): ChannelAdminController {
  const call: Call = createCall(bridge);
  // Each read gets a number; the answer to an older one (a previous user's) is dropped.
  let reads = 0;

  const controller: ChannelAdminController = {
    start() {
      const stops: Unsubscribe[] = [
        onUserChange(() => {
          reads += 1;
          useChannelAdminStore.getState().reset();
        }),
        useConnectionStore.subscribe((next, previous) => {
          const status = next.connection?.status;
          if (status === previous.connection?.status || status !== 'online') return;
          if (useChannelAdminStore.getState().status === 'failed') void controller.load();
        }),
      ];
      return () => {
        for (const stop of stops) stop();
      };
    },

    async load() {
      const read = ++reads;
      useChannelAdminStore.getState().setLoading();
      // The groups only fill the default-group choice: the list works without them.
      const groups = call('team.list', {}).then(
        (team): SkillGroup[] => team.groups,
        (): SkillGroup[] => [],
      );
      try {
        const channels = await call('channels.list', {});
        const loaded = await groups;
        if (read === reads) useChannelAdminStore.getState().setLoaded(channels, loaded);
      } catch (err) {
        if (read === reads) useChannelAdminStore.getState().setFailed(toAppError(err).toJSON());
      }
    },

    async save(args) {
      try {
        const channel = await call('channels.save', args);
        useChannelAdminStore.getState().put(channel);
        return channel;
      } catch (err) {
        // Changed or removed by someone else meanwhile: show the channels as they are now.
        const error = toAppError(err);
        if (error.code === 'not_found') void controller.load();
        throw error;
      }
    },

    async remove(id) {
      await call('channels.delete', { id });
      useChannelAdminStore.getState().remove(id);
    },
  };
  return controller;
}
