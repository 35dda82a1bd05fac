import type { KbArticle, Template } from '../../../shared/domain';
import type { Queryable } from '../../db/db';
import { toIso } from '../conversations/conversation-repository';

type ArticleRow = { id: string; lang: 'zh' | 'en'; title: string; body: string; category: string; tags: unknown; updated_at: Date | string };
type TemplateRow = { id: string; owner_id: string | null; lang: 'zh' | 'en'; shortcut: string; title: string; body: string };

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : []);

/** The account's knowledge articles. */
export async function listArticles(db: Queryable, accountId: string): Promise<KbArticle[]> {
  const rows = await db.query<ArticleRow>(
    'SELECT id, lang, title, body, category, tags, updated_at FROM kb_articles WHERE account_id = $1 ORDER BY category, title',
    [accountId],
  );
  return rows.map((r) => ({ id: r.id, lang: r.lang, title: r.title, body: r.body, category: r.category, tags: strings(r.tags), updatedAt: toIso(r.updated_at) }));
}

/** The team's quick replies and the user's own; never another agent's personal ones. */
export async function listTemplates(db: Queryable, accountId: string, userId: string): Promise<Template[]> {
  const rows = await db.query<TemplateRow>(
    `SELECT id, owner_id, lang, shortcut, title, body FROM templates
     WHERE account_id = $1 AND (owner_id IS NULL OR owner_id = $2) ORDER BY shortcut`,
    [accountId, userId],
  );
  return rows.map((r) => ({ id: r.id, ownerId: r.owner_id, lang: r.lang, shortcut: r.shortcut, title: r.title, body: r.body }));
}
