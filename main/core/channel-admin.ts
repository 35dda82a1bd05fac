import { z } from 'zod';
import { channelDeleteResultSchema, channelViewSchema } from '../../shared/channels';
import type { ContractHandlers } from '../../shared/contract';
import { adminRestCaller, type AdminRestDeps } from './admin-rest';

/** What the channels admin needs of the session and the connection. */
export type ChannelAdminDeps = AdminRestDeps;

type ChannelMethods = 'channels.list' | 'channels.save' | 'channels.delete';

const listSchema = z.object({ channels: z.array(channelViewSchema) });
const oneSchema = z.object({ channel: channelViewSchema });

/**
 * The channels admin screen, through the server's REST admin API (`/api/channels`): nothing of it
 * is cached, so offline each method answers `offline`. The server checks the role, validates the
 * config and secrets, audits every change and never returns a secret's value.
 */
export function channelAdminHandlers(deps: ChannelAdminDeps): Pick<ContractHandlers, ChannelMethods> {
  const call = adminRestCaller(deps);

  const path = (id: string) => `/api/channels/${encodeURIComponent(id)}`;
  return {
    'channels.list': async () => (await call('The channel list', { method: 'GET', path: '/api/channels' }, listSchema)).channels,
    'channels.save': async (args) =>
      args.op === 'create'
        ? (await call('Adding a channel', { method: 'POST', path: '/api/channels', body: args.channel }, oneSchema)).channel
        : (await call('Changing a channel', { method: 'PATCH', path: path(args.id), body: args.changes }, oneSchema)).channel,
    'channels.delete': ({ id }) => call('Deleting a channel', { method: 'DELETE', path: path(id) }, channelDeleteResultSchema),
  };
}
