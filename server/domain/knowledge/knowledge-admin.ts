import type { AuditAction } from '../../../shared/audit-actions';
import type { KbArticle, User } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { KbArticleInput, KbExchangeItem } from '../../../shared/knowledge';
import type { Db, Queryable } from '../../db/db';
import { requireRole } from '../../http/request-user';
import { recordAudit } from '../audit/audit-log';
import type { DomainEvents } from '../events';
import {
  bumpKnowledgeRevision, deleteArticle, fromExchangeItem, getArticle, idTakenElsewhere, listArticles, toExchangeItem, writeArticle,
} from './article-repository';

/**
 * What admins do to the knowledge base, over REST and over the workstation's socket alike: create,
 * change, enable or disable, delete, import and export articles. Each change is audited in the
 * transaction that makes it, raises the account's knowledge revision (the bot's index follows at
 * its next read) and then tells the account's desktops to refresh their copy.
 */
export type KnowledgeAdminDeps = {
  db: Db;
  /** Hears `catalog.changed` after each change, so the account's desktops refresh their copy. */
  events: DomainEvents;
};

const EDIT = 'change the knowledge base';

/** Runs one change in a transaction with its audit entry, then tells the bot's index and the desktops. */
export async function changeKnowledge<T>(deps: Pick<KnowledgeAdminDeps, 'db' | 'events'>, accountId: string, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  const result = await deps.db.transaction(async (tx) => {
    const out = await fn(tx);
    await bumpKnowledgeRevision(tx, accountId);
    return out;
  });
  void deps.events.emit({ type: 'catalog.changed', accountId, audience: { kind: 'account' } });
  return result;
}

/** The articles a user may read: admins every one, others the enabled ones. */
export function articlesFor(db: Queryable, user: User): Promise<KbArticle[]> {
  return listArticles(db, user.accountId, { all: user.role === 'admin' });
}

/** Admins: every article of the account, disabled ones too. */
export function allArticles(db: Queryable, user: User): Promise<KbArticle[]> {
  requireRole(user, ['admin'], 'see disabled articles');
  return listArticles(db, user.accountId, { all: true });
}

export async function createArticle(deps: KnowledgeAdminDeps, user: User, input: KbArticleInput): Promise<KbArticle> {
  requireRole(user, ['admin'], EDIT);
  return changeKnowledge(deps, user.accountId, async (tx) => {
    const written = await writeArticle(tx, user.accountId, input);
    await recordAudit(tx, audit(user, 'kb_article.create', written.id, { title: written.title, lang: written.lang }));
    return written;
  });
}

/** Replaces an article's content; `not_found` when the account has no such article. */
export function updateArticle(deps: KnowledgeAdminDeps, user: User, id: string, input: KbArticleInput): Promise<KbArticle> {
  return replaceArticle(deps, user, id, () => input);
}

/** Enables or disables an article, keeping everything else. */
export function setArticleEnabled(deps: KnowledgeAdminDeps, user: User, id: string, enabled: boolean): Promise<KbArticle> {
  return replaceArticle(deps, user, id, (before) => ({
    lang: before.lang,
    title: before.title,
    body: before.body,
    category: before.category,
    tags: before.tags,
    questions: before.questions,
    enabled,
  }));
}

async function replaceArticle(
  deps: KnowledgeAdminDeps,
  user: User,
  id: string,
  next: (before: KbArticle) => KbArticleInput,
): Promise<KbArticle> {
  requireRole(user, ['admin'], EDIT);
  return changeKnowledge(deps, user.accountId, async (tx) => {
    const before = await getArticle(tx, user.accountId, id);
    if (!before) throw notFound();
    const written = await writeArticle(tx, user.accountId, next(before), id);
    await recordAudit(tx, audit(user, 'kb_article.update', id, { title: written.title, ...enabledChange(before, written) }));
    return written;
  });
}

export async function removeArticle(deps: KnowledgeAdminDeps, user: User, id: string): Promise<void> {
  requireRole(user, ['admin'], EDIT);
  await changeKnowledge(deps, user.accountId, async (tx) => {
    const before = await getArticle(tx, user.accountId, id);
    if (!before || !(await deleteArticle(tx, user.accountId, id))) throw notFound();
    await recordAudit(tx, audit(user, 'kb_article.delete', id, { title: before.title }));
  });
}

/**
 * Import: entries in the export format, each creating or replacing the article with its id, all in
 * one transaction. An id twice in the entries is `bad_request`; an id another account uses is
 * `conflict` with `details.id`.
 */
export async function importArticles(deps: KnowledgeAdminDeps, user: User, items: readonly KbExchangeItem[]): Promise<{ created: number; updated: number }> {
  requireRole(user, ['admin'], 'import knowledge articles');
  const ids = new Set<string>();
  for (const item of items) {
    if (ids.has(item.id)) throw new AppError('bad_request', `id ${item.id} appears twice in the file`, { id: item.id });
    ids.add(item.id);
  }
  return changeKnowledge(deps, user.accountId, async (tx) => {
    let created = 0;
    let updated = 0;
    for (const item of items) {
      if (await idTakenElsewhere(tx, user.accountId, item.id)) {
        throw new AppError('conflict', `id ${item.id} is already used; give the article another id`, { id: item.id });
      }
      const existed = (await getArticle(tx, user.accountId, item.id)) !== null;
      await writeArticle(tx, user.accountId, fromExchangeItem(item), item.id);
      if (existed) updated++;
      else created++;
    }
    await recordAudit(tx, audit(user, 'kb_import', null, { created, updated }));
    return { created, updated };
  });
}

/** Export: every article (disabled ones too) in the import format, with a dated file name; audited. */
export async function exportArticles(db: Db, user: User, now: number): Promise<{ filename: string; items: KbExchangeItem[] }> {
  requireRole(user, ['admin'], 'export the knowledge base');
  const articles = await db.transaction(async (tx) => {
    const all = await listArticles(tx, user.accountId, { all: true });
    await recordAudit(tx, audit(user, 'kb_export', null, { count: all.length }));
    return all;
  });
  return { filename: `knowledge-base-${new Date(now).toISOString().slice(0, 10)}.json`, items: articles.map(toExchangeItem) };
}

const notFound = () => new AppError('not_found', 'There is no such article.');

function audit(user: { id: string; accountId: string }, action: AuditAction, targetId: string | null, details: Record<string, unknown>) {
  return { accountId: user.accountId, actorId: user.id, action, targetType: 'kb_article', targetId, details };
}

function enabledChange(before: KbArticle, after: KbArticle): Record<string, unknown> {
  return before.enabled === after.enabled ? {} : { enabled: after.enabled };
}
