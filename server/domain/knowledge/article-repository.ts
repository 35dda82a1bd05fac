import { randomUUID } from 'node:crypto';
import type { KbArticle, Lang } from '../../../shared/domain';
import type { KbArticleInput, KbExchangeItem } from '../../../shared/knowledge';
import type { Queryable } from '../../db/db';

type ArticleRow = {
  id: string;
  lang: Lang;
  title: string;
  body: string;
  category: string;
  tags: unknown;
  questions: unknown;
  enabled: boolean;
  updated_at: Date | string;
};

const COLUMNS = 'id, lang, title, body, category, tags, questions, enabled, updated_at';

const strings = (value: unknown): string[] => {
  const parsed = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : [];
};

export function toArticle(r: ArticleRow): KbArticle {
  return {
    id: r.id,
    lang: r.lang,
    title: r.title,
    body: r.body,
    category: r.category,
    tags: strings(r.tags),
    questions: strings(r.questions),
    enabled: r.enabled === true,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** The account's articles by category and title; only enabled ones unless `all`. */
export async function listArticles(db: Queryable, accountId: string, options: { all?: boolean } = {}): Promise<KbArticle[]> {
  const rows = await db.query<ArticleRow>(
    `SELECT ${COLUMNS} FROM kb_articles WHERE account_id = $1 ${options.all ? '' : 'AND enabled'} ORDER BY category, title, id`,
    [accountId],
  );
  return rows.map(toArticle);
}

export async function getArticle(db: Queryable, accountId: string, id: string): Promise<KbArticle | null> {
  const rows = await db.query<ArticleRow>(`SELECT ${COLUMNS} FROM kb_articles WHERE account_id = $1 AND id = $2`, [accountId, id]);
  return rows[0] ? toArticle(rows[0]) : null;
}

/** Articles by id (the account's only), for bringing a search index up to date. */
export async function getArticles(db: Queryable, accountId: string, ids: readonly string[]): Promise<KbArticle[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<ArticleRow>(`SELECT ${COLUMNS} FROM kb_articles WHERE account_id = $1 AND id = ANY($2::text[])`, [accountId, [...ids]]);
  return rows.map(toArticle);
}

/** Each enabled article's id and last change, to tell which ones a copy is missing. */
export async function articleStamps(db: Queryable, accountId: string): Promise<Map<string, number>> {
  const rows = await db.query<{ id: string; updated_at: Date | string }>('SELECT id, updated_at FROM kb_articles WHERE account_id = $1 AND enabled', [accountId]);
  return new Map(rows.map((r) => [r.id, new Date(r.updated_at).getTime()]));
}

/** Whether an id is taken by another account's article (ids are unique across accounts). */
export async function idTakenElsewhere(db: Queryable, accountId: string, id: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM kb_articles WHERE id = $1 AND account_id <> $2', [id, accountId]);
  return rows.length > 0;
}

/** Writes an article (a new one without `id`); returns it as stored. */
export async function writeArticle(tx: Queryable, accountId: string, input: KbArticleInput, id: string = randomUUID()): Promise<KbArticle> {
  const rows = await tx.query<ArticleRow>(
    `INSERT INTO kb_articles (id, account_id, lang, title, body, category, tags, questions, enabled, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, clock_timestamp())
     ON CONFLICT (id) DO UPDATE SET lang = EXCLUDED.lang, title = EXCLUDED.title, body = EXCLUDED.body,
       category = EXCLUDED.category, tags = EXCLUDED.tags, questions = EXCLUDED.questions, enabled = EXCLUDED.enabled,
       updated_at = EXCLUDED.updated_at
     WHERE kb_articles.account_id = EXCLUDED.account_id
     RETURNING ${COLUMNS}`,
    [id, accountId, input.lang, input.title, input.body, input.category, JSON.stringify(input.tags), JSON.stringify(input.questions), input.enabled],
  );
  if (!rows[0]) throw new Error(`article ${id} belongs to another account`);
  return toArticle(rows[0]);
}

export async function deleteArticle(tx: Queryable, accountId: string, id: string): Promise<boolean> {
  const rows = await tx.query('DELETE FROM kb_articles WHERE account_id = $1 AND id = $2 RETURNING id', [accountId, id]);
  return rows.length > 0;
}

/** The account's knowledge revision (see migration 0006). */
export async function knowledgeRevision(db: Queryable, accountId: string): Promise<number> {
  const rows = await db.query<{ v: number | string }>('SELECT knowledge_revision AS v FROM accounts WHERE id = $1', [accountId]);
  return Number(rows[0]?.v ?? 0);
}

/** Marks the account's articles or bot replies as changed, in the transaction that changed them. */
export async function bumpKnowledgeRevision(tx: Queryable, accountId: string): Promise<void> {
  await tx.query('UPDATE accounts SET knowledge_revision = knowledge_revision + 1 WHERE id = $1', [accountId]);
}

/** An import file entry as an article to write. */
export function fromExchangeItem(item: KbExchangeItem): KbArticleInput {
  return {
    lang: item.lang,
    title: item.title,
    body: item.body,
    category: item.category ?? '',
    tags: item.tags ?? [],
    questions: item.questions ?? [],
    enabled: item.enabled ?? true,
  };
}

/** An article as an export file entry (the import format). */
export function toExchangeItem(a: KbArticle): KbExchangeItem {
  return { id: a.id, lang: a.lang, title: a.title, body: a.body, category: a.category, tags: a.tags, questions: a.questions, enabled: a.enabled };
}
