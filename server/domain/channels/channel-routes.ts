import type { FastifyInstance } from 'fastify';
import { requestUser, type RequestAuthDeps } from '../../http/request-user';
import { createChannel, deleteChannel, getChannelView, listChannelViews, updateChannel } from './channel-admin';
import type { ChannelDirectory } from './channel-directory';
import { toChannelView } from './channel-repository';

export type ChannelAdminRouteDeps = RequestAuthDeps & { directory: ChannelDirectory };

/**
 * The channels admin API (Authorization: Bearer <access token>, admins only; every change audited):
 * GET /api/channels, POST /api/channels, GET /api/channels/:id, PATCH /api/channels/:id,
 * DELETE /api/channels/:id. Secrets are write-only: answers name the secrets that are set, never
 * their values. A channel is disabled with `PATCH {"enabled": false}`; it keeps its conversations,
 * and its webhooks answer 404. Only a channel without conversations can be deleted.
 */
export function registerChannelAdminRoutes(app: FastifyInstance, deps: ChannelAdminRouteDeps): void {
  app.get('/api/channels', async (request) => {
    const user = await requestUser(request, deps);
    return { channels: await listChannelViews(deps.db, user) };
  });

  app.post('/api/channels', async (request, reply) => {
    const user = await requestUser(request, deps);
    const channel = await createChannel(deps.db, user, request.body ?? {});
    deps.directory.forget(channel.id);
    return reply.status(201).send({ channel: toChannelView(channel) });
  });

  app.get<{ Params: { id: string } }>('/api/channels/:id', async (request) => {
    const user = await requestUser(request, deps);
    return { channel: await getChannelView(deps.db, user, request.params.id) };
  });

  app.patch<{ Params: { id: string } }>('/api/channels/:id', async (request) => {
    const user = await requestUser(request, deps);
    // No body is an empty change; a JSON `null` (or any non-object) is refused by the schema like other bad input.
    const channel = await updateChannel(deps.db, user, request.params.id, request.body === undefined ? {} : request.body);
    deps.directory.forget(channel.id);
    return { channel: toChannelView(channel) };
  });

  app.delete<{ Params: { id: string } }>('/api/channels/:id', async (request) => {
    const user = await requestUser(request, deps);
    const result = await deleteChannel(deps.db, user, request.params.id);
    deps.directory.forget(request.params.id);
    return result;
  });
}
