import { createRule, removeRule, rulesFor, turnsFor, updateRule } from '../../domain/bot/bot-admin';
import {
  allArticles, createArticle, exportArticles, importArticles, setArticleEnabled, updateArticle, type KnowledgeAdminDeps,
} from '../../domain/knowledge/knowledge-admin';
import { acceptSuggestion, dismissSuggestion, recordArticleInsert, suggestionsFor, unansweredFor, type LearningDeps } from '../../domain/bot/learning/learning-admin';
import type { AgentRequestContext } from './agent-request-context';

/**
 * The knowledge base and the bot's replies for the admin screen, on the workstation's socket: the
 * same operations as the REST API (knowledge-admin.ts, bot-admin.ts), which check the role; and
 * what the bot learns (learning-admin.ts), with the agents' record of articles they inserted.
 */
export function registerKnowledgeAdminRequests({ serve, user, services }: AgentRequestContext): void {
  const { db } = services;
  const admin: KnowledgeAdminDeps = { db, events: services.events };

  serve('kb:admin:list', async () => ({ articles: await allArticles(db, user) }));

  serve('kb:admin:save', async ({ id, article }) => ({
    article: id === undefined ? await createArticle(admin, user, article) : await updateArticle(admin, user, id, article),
  }));

  serve('kb:admin:enable', async ({ id, enabled }) => ({ article: await setArticleEnabled(admin, user, id, enabled) }));

  serve('kb:admin:import', async ({ items }) => importArticles(admin, user, items));

  serve('kb:admin:export', async () => exportArticles(db, user, services.clock()));

  serve('bot:rules:list', async () => ({ rules: await rulesFor(db, user) }));

  serve('bot:rules:save', async ({ id, rule }) => ({
    rule: id === undefined ? await createRule(db, user, rule) : await updateRule(db, user, id, rule),
  }));

  serve('bot:rules:delete', async ({ id }) => {
    await removeRule(db, user, id);
    return { deleted: true };
  });

  serve('bot:turns:list', async (query) => turnsFor(db, user, query));

  const learning: LearningDeps = { db, events: services.events, clock: services.clock };

  serve('kb:learning:suggestions', async ({ articleId }) => ({ suggestions: await suggestionsFor(db, user, articleId) }));

  serve('kb:learning:accept', async ({ id }) => acceptSuggestion(learning, user, id));

  serve('kb:learning:dismiss', async ({ id }) => {
    await dismissSuggestion(learning, user, id);
    return { dismissed: true };
  });

  serve('kb:learning:unanswered', async ({ days }) => ({ groups: await unansweredFor(db, user, days, services.clock()) }));

  serve('kb:inserted', async ({ conversationId, articleId }) => ({
    recorded: await recordArticleInsert(db, user, conversationId, articleId, services.clock()),
  }));
}
