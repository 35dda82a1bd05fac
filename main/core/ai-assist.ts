import { z } from 'zod';
import { aiSettingsViewSchema, aiTestResultSchema } from '../../shared/ai';
import type { ContractHandlers } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { AgentRequestName, AgentRequestPayload, AgentRequestResult } from '../../shared/protocol';
import { adminRestCaller, type AdminRestDeps } from './admin-rest';

/** What the AI provider's screens need: the admin REST API, and the socket for suggestions. */
export type AiAssistDeps = AdminRestDeps & {
  request<K extends AgentRequestName>(name: K, payload: AgentRequestPayload<K>): Promise<AgentRequestResult<K>>;
};

type AiMethods = 'ai.settings' | 'ai.saveSettings' | 'ai.test' | 'ai.suggest' | 'ai.status';

const settingsAnswer = z.object({ settings: aiSettingsViewSchema });
const testAnswer = z.object({ result: aiTestResultSchema });

/**
 * The AI provider settings (admins, `/api/admin/ai`; the server checks the role and never returns
 * the key) and the composer's reply suggestions (`ai:suggest`, checked per conversation). Nothing
 * is cached: offline each answers `offline`.
 */
export function aiAssistHandlers(deps: AiAssistDeps): Pick<ContractHandlers, AiMethods> {
  const call = adminRestCaller(deps);
  return {
    'ai.settings': async () => (await call('The AI provider settings', { method: 'GET', path: '/api/admin/ai' }, settingsAnswer)).settings,
    'ai.saveSettings': async (change) =>
      (await call('Saving the AI provider settings', { method: 'PATCH', path: '/api/admin/ai', body: change }, settingsAnswer)).settings,
    'ai.test': async () => (await call('Testing the AI provider', { method: 'POST', path: '/api/admin/ai/test' }, testAnswer)).result,
    'ai.suggest': async ({ conversationId }) => {
      if (!deps.isOnline()) throw new AppError('offline', 'Reply suggestions need the connection');
      return deps.request('ai:suggest', { conversationId });
    },
    'ai.status': async () => {
      if (!deps.isOnline()) throw new AppError('offline', 'Whether suggestions are on needs the connection');
      return deps.request('ai:status', {});
    },
  };
}
