import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { idSchema } from '../../../shared/domain';
import { botRuleInputSchema } from '../../../shared/knowledge';
import { parseInput } from '../../http/parse-input';
import { requestUser, type RequestAuthDeps } from '../../http/request-user';
import { createRule, removeRule, rulesFor, turnsFor, updateRule } from './bot-admin';

const idParams = z.object({ id: idSchema });
const turnsQuery = z
  .object({
    conversationId: idSchema.optional(),
    before: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

/**
 * The bot over REST: admins list, add, change and delete keyword and scenario replies; admins and
 * supervisors read the bot's turns, newest first (see bot-admin.ts, which the workstation's socket
 * uses too).
 */
export function registerBotRoutes(app: FastifyInstance, deps: RequestAuthDeps): void {
  const { db } = deps;

  app.get('/api/bot/rules', async (request) => {
    const user = await requestUser(request, deps);
    return { rules: await rulesFor(db, user) };
  });

  app.post('/api/bot/rules', async (request, reply) => {
    const user = await requestUser(request, deps);
    const rule = await createRule(db, user, parseInput(botRuleInputSchema, request.body));
    return reply.status(201).send({ rule });
  });

  app.put('/api/bot/rules/:id', async (request) => {
    const user = await requestUser(request, deps);
    const { id } = parseInput(idParams, request.params);
    return { rule: await updateRule(db, user, id, parseInput(botRuleInputSchema, request.body)) };
  });

  app.delete('/api/bot/rules/:id', async (request) => {
    const user = await requestUser(request, deps);
    const { id } = parseInput(idParams, request.params);
    await removeRule(db, user, id);
    return { deleted: true };
  });

  /** `?conversationId=…&before=…&limit=…`: the bot's turns with what each matched and how sure it was. */
  app.get('/api/bot/turns', async (request) => {
    const user = await requestUser(request, deps);
    return turnsFor(db, user, parseInput(turnsQuery, request.query));
  });
}
