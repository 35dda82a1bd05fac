import type { KbArticle, Template } from '../../../shared/domain';
import type { Queryable } from '../../db/db';
import { listArticles as listEnabledArticles } from '../knowledge/article-repository';

type TemplateRow = { id: string; owner_id: string | null; lang: 'zh' | 'en'; shortcut: string; title: string; body: string; category: string };

/** The account's enabled knowledge articles: what the workstation searches, online and offline. */
export function listArticles(db: Queryable, accountId: string): Promise<KbArticle[]> {
  return listEnabledArticles(db, accountId);
}

/** The team's quick replies and the user's own; never another agent's personal ones. */
export async function listTemplates(db: Queryable, accountId: string, userId: string): Promise<Template[]> {
  const rows = await db.query<TemplateRow>(
    `SELECT id, owner_id, lang, shortcut, title, body, category FROM templates
     WHERE account_id = $1 AND (owner_id IS NULL OR owner_id = $2) ORDER BY category, shortcut`,
    [accountId, userId],
  );
  return rows.map((r) => ({ id: r.id, ownerId: r.owner_id, lang: r.lang, shortcut: r.shortcut, title: r.title, body: r.body, category: r.category }));
}
