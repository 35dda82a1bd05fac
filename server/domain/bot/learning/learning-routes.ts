import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LEARNING_LIMITS, suggestionsQuerySchema } from '../../../../shared/bot-learning';
import { idSchema } from '../../../../shared/domain';
import { parseInput } from '../../../http/parse-input';
import { requestUser, type RequestAuthDeps } from '../../../http/request-user';
import type { DomainEvents } from '../../events';
import { acceptSuggestion, dismissSuggestion, suggestionsFor, unansweredFor } from './learning-admin';

const idParams = z.object({ id: idSchema });
const unansweredQuery = z
  .object({ days: z.coerce.number().int().min(1).max(LEARNING_LIMITS.maxDays).default(LEARNING_LIMITS.defaultDays) })
  .strict();

/**
 * What the bot learns from, over REST for admins (the workstation's socket offers the same, see
 * learning-admin.ts): suggested questions to accept or dismiss, and unanswered questions grouped.
 */
export function registerLearningRoutes(app: FastifyInstance, deps: RequestAuthDeps & { events: DomainEvents }): void {
  const { db } = deps;
  const learning = { db, events: deps.events, clock: deps.clock };

  /** `?articleId=…`: one article's suggested questions; all of them otherwise. */
  app.get('/api/kb/suggested-questions', async (request) => {
    const user = await requestUser(request, deps);
    const { articleId } = parseInput(suggestionsQuerySchema, request.query);
    return { suggestions: await suggestionsFor(db, user, articleId) };
  });

  app.post('/api/kb/suggested-questions/:id/accept', async (request) => {
    const user = await requestUser(request, deps);
    const { id } = parseInput(idParams, request.params);
    return acceptSuggestion(learning, user, id);
  });

  app.post('/api/kb/suggested-questions/:id/dismiss', async (request) => {
    const user = await requestUser(request, deps);
    const { id } = parseInput(idParams, request.params);
    await dismissSuggestion(learning, user, id);
    return { dismissed: true };
  });

  /** `?days=30`: the questions the bot missed or handed over in that period, grouped by wording. */
  app.get('/api/bot/unanswered', async (request) => {
    const user = await requestUser(request, deps);
    const { days } = parseInput(unansweredQuery, request.query);
    return { groups: await unansweredFor(db, user, days, deps.clock()) };
  });
}
