import type { FastifyInstance } from 'fastify';
import { requestUser, type RequestAuthDeps } from '../../http/request-user';
import { getAiSettingsView, testAiConnection, updateAiSettings, type AiAdminDeps } from './ai-admin';

/**
 * The AI provider admin API (Bearer token, admins only): GET /api/admin/ai, PATCH /api/admin/ai
 * (audited; the key is write-only: answers say `apiKeySet`, never the key),
 * POST /api/admin/ai/test (tries the chat and the embedding model with the stored settings).
 */
export function registerAiRoutes(app: FastifyInstance, deps: RequestAuthDeps & AiAdminDeps): void {
  app.get('/api/admin/ai', async (request) => ({ settings: await getAiSettingsView(deps, await requestUser(request, deps)) }));

  app.patch('/api/admin/ai', async (request) => ({
    settings: await updateAiSettings(deps, await requestUser(request, deps), request.body === undefined ? {} : request.body),
  }));

  app.post('/api/admin/ai/test', async (request) => ({ result: await testAiConnection(deps, await requestUser(request, deps)) }));
}
