import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { idSchema } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { kbArticleInputSchema, kbExchangeFileSchema, kbSearchQuerySchema } from '../../../shared/knowledge';
import { parseInput } from '../../http/parse-input';
import { requestUser, type RequestAuthDeps } from '../../http/request-user';
import type { KnowledgeCache } from '../bot/knowledge-cache';
import type { DomainEvents } from '../events';
import { getArticle } from './article-repository';
import {
  articlesFor, createArticle, exportArticles, importArticles, removeArticle, updateArticle, type KnowledgeAdminDeps,
} from './knowledge-admin';
import { searchKnowledge } from './knowledge-search';

export type KnowledgeRouteDeps = RequestAuthDeps & {
  knowledge: KnowledgeCache;
  /** Hears `catalog.changed` after each change. */
  events: DomainEvents;
};

const idParams = z.object({ id: idSchema });

/**
 * The knowledge base over REST (Authorization: Bearer <access token>). Everyone signed in reads
 * and searches enabled articles; admins also see disabled ones, and create, change, disable,
 * delete, import and export them (see knowledge-admin.ts, which the workstation's socket uses too).
 */
export function registerKnowledgeRoutes(app: FastifyInstance, deps: KnowledgeRouteDeps): void {
  const { db } = deps;
  const admin: KnowledgeAdminDeps = { db, events: deps.events };

  app.get('/api/kb/articles', async (request) => {
    const user = await requestUser(request, deps);
    return { articles: await articlesFor(db, user) };
  });

  app.get('/api/kb/articles/:id', async (request) => {
    const user = await requestUser(request, deps);
    const { id } = parseInput(idParams, request.params);
    const article = await getArticle(db, user.accountId, id);
    if (!article || (!article.enabled && user.role !== 'admin')) throw new AppError('not_found', 'There is no such article.');
    return { article };
  });

  app.post('/api/kb/articles', async (request, reply) => {
    const user = await requestUser(request, deps);
    const article = await createArticle(admin, user, parseInput(kbArticleInputSchema, request.body));
    return reply.status(201).send({ article });
  });

  app.put('/api/kb/articles/:id', async (request) => {
    const user = await requestUser(request, deps);
    const { id } = parseInput(idParams, request.params);
    return { article: await updateArticle(admin, user, id, parseInput(kbArticleInputSchema, request.body)) };
  });

  app.delete('/api/kb/articles/:id', async (request) => {
    const user = await requestUser(request, deps);
    const { id } = parseInput(idParams, request.params);
    await removeArticle(admin, user, id);
    return { deleted: true };
  });

  /** Import: a JSON array in the export format; each entry creates or replaces the article with its id. */
  app.post('/api/kb/import', { bodyLimit: 32 * 1024 * 1024 }, async (request) => {
    const user = await requestUser(request, deps);
    return importArticles(admin, user, parseInput(kbExchangeFileSchema, request.body));
  });

  /** Export: every article (disabled ones too) as a JSON array that import reads back. */
  app.get('/api/kb/export', async (request, reply) => {
    const user = await requestUser(request, deps);
    const { filename, items } = await exportArticles(db, user, deps.clock());
    return reply
      .header('content-disposition', `attachment; filename="${filename}"`)
      .header('cache-control', 'no-store')
      .send(items);
  });

  /** Search: `?q=…[&lang=zh|en][&limit=10]`, ranked, with the matching words marked. */
  app.get('/api/kb/search', async (request) => {
    const user = await requestUser(request, deps);
    const { q, lang, limit } = parseInput(kbSearchQuerySchema, request.query);
    const { index } = await deps.knowledge.get(user.accountId);
    return { hits: searchKnowledge(index, q, { lang, limit }) };
  });
}
