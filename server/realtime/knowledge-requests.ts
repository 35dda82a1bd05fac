import type { Server, Socket } from 'socket.io';
import type { User } from '../../shared/domain';
import { agentRequests } from '../../shared/protocol';
import type { Db } from '../db/db';
import type { Clock } from '../lib/clock';
import { createRule, removeRule, rulesFor, turnsFor, updateRule } from '../domain/bot/bot-admin';
import {
  allArticles, createArticle, exportArticles, importArticles, setArticleEnabled, updateArticle, type KnowledgeAdminDeps,
} from '../domain/knowledge/knowledge-admin';
import { publishCatalogChanged } from '../domain/knowledge/knowledge-socket';
import { onRequest, type ErrorLogger } from './request-handler';

export type KnowledgeRequestDeps = { db: Db; clock: Clock; logError: ErrorLogger };

/**
 * The knowledge base and the bot's replies for the admin screen, on the workstation's socket: the
 * same operations as the REST API (knowledge-admin.ts, bot-admin.ts), which check the role.
 */
export function registerKnowledgeAdminRequests(io: Server, socket: Socket, user: User, deps: KnowledgeRequestDeps): void {
  const { db, logError } = deps;
  const admin: KnowledgeAdminDeps = { db, onCatalogChanged: (accountId) => publishCatalogChanged(io, accountId) };

  onRequest(socket, 'kb:admin:list', agentRequests['kb:admin:list'], async () => ({ articles: await allArticles(db, user) }), logError);

  onRequest(socket, 'kb:admin:save', agentRequests['kb:admin:save'], async ({ id, article }) => ({
    article: id === undefined ? await createArticle(admin, user, article) : await updateArticle(admin, user, id, article),
  }), logError);

  onRequest(socket, 'kb:admin:enable', agentRequests['kb:admin:enable'], async ({ id, enabled }) => ({
    article: await setArticleEnabled(admin, user, id, enabled),
  }), logError);

  onRequest(socket, 'kb:admin:import', agentRequests['kb:admin:import'], async ({ items }) => importArticles(admin, user, items), logError);

  onRequest(socket, 'kb:admin:export', agentRequests['kb:admin:export'], async () => exportArticles(db, user, deps.clock()), logError);

  onRequest(socket, 'bot:rules:list', agentRequests['bot:rules:list'], async () => ({ rules: await rulesFor(db, user) }), logError);

  onRequest(socket, 'bot:rules:save', agentRequests['bot:rules:save'], async ({ id, rule }) => ({
    rule: id === undefined ? await createRule(db, user, rule) : await updateRule(db, user, id, rule),
  }), logError);

  onRequest(socket, 'bot:rules:delete', agentRequests['bot:rules:delete'], async ({ id }) => {
    await removeRule(db, user, id);
    return { deleted: true };
  }, logError);

  onRequest(socket, 'bot:turns:list', agentRequests['bot:turns:list'], async (query) => turnsFor(db, user, query), logError);
}
