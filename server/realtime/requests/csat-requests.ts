import { csatSettings } from '../../domain/csat/csat-settings';
import { readCsat } from '../../domain/csat/csat-view';
import type { AgentRequestContext } from './agent-request-context';

/** Satisfaction surveys: a conversation's answer for whoever may read it, and the admins' settings. */
export function registerCsatRequests({ serve, user, services }: AgentRequestContext): void {
  serve('csat:get', async ({ conversationId }) => ({ csat: await readCsat(services.db, user, conversationId) }));
  serve('csat:admin:settings', async ({ save }) => ({ settings: await csatSettings(services.db, user, save) }));
}
