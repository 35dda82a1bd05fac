import { z } from 'zod';
import { channelDeleteResultSchema, channelViewSchema } from '../../shared/channels';
import type { ContractHandlers } from '../../shared/contract';
import { AppError, toAppError } from '../../shared/errors';
import type { ServerApi } from './server-api';

/** What the channels admin needs of the session and the connection. */
export interface ChannelAdminDeps {
  api: Pick<ServerApi, 'authorized'>;
  isOnline(): boolean;
  /** The server this user is signed in to (throws `not_signed_in` otherwise). */
  serverUrl(): string;
  accessToken(): string | null;
  /** Gets a fresh access token (the one held ran out). */
  refresh(): Promise<void>;
}

type ChannelMethods = 'channels.list' | 'channels.save' | 'channels.delete';

const listSchema = z.object({ channels: z.array(channelViewSchema) });
const oneSchema = z.object({ channel: channelViewSchema });

/**
 * The channels admin screen, through the server's REST admin API (`/api/channels`): nothing of it
 * is cached, so offline each method answers `offline`. The server checks the role, validates the
 * config and secrets, audits every change and never returns a secret's value.
 */
export function channelAdminHandlers(deps: ChannelAdminDeps): Pick<ContractHandlers, ChannelMethods> {
  async function call<S extends z.ZodType>(
    what: string,
    request: { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; path: string; body?: unknown },
    schema: S,
  ): Promise<z.infer<S>> {
    if (!deps.isOnline()) throw new AppError('offline', `${what} needs the connection`);
    const serverUrl = deps.serverUrl();
    if (!deps.accessToken()) await deps.refresh();
    try {
      return await deps.api.authorized(serverUrl, deps.accessToken() ?? '', request, schema);
    } catch (err) {
      // The access token ran out between refreshes (a laptop waking up): once more with a new one.
      if (toAppError(err).code !== 'token_expired') throw err;
      await deps.refresh();
      return deps.api.authorized(serverUrl, deps.accessToken() ?? '', request, schema);
    }
  }

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
