import type { KbArticle } from '../../../shared/domain';
import type { KbSearchHit } from '../../../shared/knowledge';
import { analyzeArticle } from '../../../shared/knowledge-search/analyzer';
import { rankArticles } from '../../../shared/knowledge-search/rank';
import { searchHit } from '../../../shared/knowledge-search/search-hit';
import type { SqlWriter } from '../cache/sqlite';
import { planSearch, type SearchPlan } from './query';

/**
 * The knowledge search index in the client cache (tables of migration 0004): `kb_search` holds each
 * enabled article's title, alternative questions and body in index form (the shared analyser's
 * `analyzeArticle`), and `kb_fts` indexes the same columns with FTS5's trigram tokenizer
 * (contentless: the text is read from `kb_search`). FTS5 and LIKE only find candidates; the shared
 * ranking scores and orders them, and the shared highlighting marks them, as on the server.
 * Searching works offline; the index follows the cached articles.
 */

/** Bumped when the index form changes: every article is indexed again. */
const INDEX_VERSION = 1;
/** Most candidates each lookup (MATCH, LIKE) brings to the ranking. */
const CANDIDATES = 200;
const CHUNK = 500;

type Reader = Pick<SqlWriter, 'all'>;

/** What an article is indexed from; a change to any of it means indexing it again. */
function stampOf(article: KbArticle): string {
  let hash = 0x811c9dc5;
  const text = [article.title, ...(article.questions ?? []), article.body].join('\u0001');
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `${INDEX_VERSION}:${article.updatedAt}:${(hash >>> 0).toString(36)}`;
}

/** Disabled articles stay in the cache (kb.list) but are never searched. */
const searchable = (a: KbArticle) => a.enabled !== false;

/**
 * Brings the index in step with `articles` (the cache's whole set): unchanged articles are left
 * alone, changed and new ones indexed, removed and disabled ones dropped. Runs in the caller's
 * write transaction.
 */
export async function indexArticles(tx: SqlWriter, articles: readonly KbArticle[]): Promise<{ added: number; removed: number }> {
  const wanted = new Map(articles.filter(searchable).map((a) => [a.id, a]));
  const existing = await tx.all<{ id: number; article_id: string; stamp: string }>('SELECT id, article_id, stamp FROM kb_search');
  const stale: number[] = [];
  for (const row of existing) {
    const article = wanted.get(row.article_id);
    if (article && stampOf(article) === row.stamp) wanted.delete(row.article_id);
    else stale.push(row.id);
  }
  for (let i = 0; i < stale.length; i += CHUNK) {
    const ids = stale.slice(i, i + CHUNK);
    const marks = ids.map(() => '?').join(',');
    await tx.run(`DELETE FROM kb_fts WHERE rowid IN (${marks})`, ids);
    await tx.run(`DELETE FROM kb_search WHERE id IN (${marks})`, ids);
  }
  if (wanted.size > 0) {
    const next = (await tx.all<{ n: number }>('SELECT COALESCE(MAX(id), 0) + 1 AS n FROM kb_search'))[0]!.n;
    const rows = [...wanted.values()].map((a, i) => {
      const { title, questions, body } = analyzeArticle(a);
      return { id: next + i, articleId: a.id, stamp: stampOf(a), title, questions, body, head: `${title}${questions.trimStart()}` };
    });
    await tx.runMany(
      'INSERT INTO kb_search (id, article_id, stamp, title, questions, body, head) VALUES (?, ?, ?, ?, ?, ?, ?)',
      rows.map((r) => [r.id, r.articleId, r.stamp, r.title, r.questions, r.body, r.head]),
    );
    await tx.runMany(
      'INSERT INTO kb_fts (rowid, title, questions, body) VALUES (?, ?, ?, ?)',
      rows.map((r) => [r.id, r.title, r.questions, r.body]),
    );
  }
  return { added: wanted.size, removed: stale.length };
}

/** Candidates through FTS5 (title weighs most in its order, then the questions, then the body). */
async function matchCandidates(db: Reader, match: string): Promise<number[]> {
  const rows = await db.all<{ id: number }>(
    `SELECT rowid AS id FROM kb_fts WHERE kb_fts MATCH ? ORDER BY bm25(kb_fts, 4.0, 3.0, 1.0) LIMIT ${CANDIDATES}`,
    [match],
  );
  return rows.map((r) => r.id);
}

/**
 * Candidates through LIKE (terms too short for trigrams): those holding a term in the title or
 * questions first, then in the body. Each scan stops once it has enough.
 */
async function likeCandidates(db: Reader, patterns: readonly string[]): Promise<number[]> {
  const scan = async (column: 'head' | 'body') =>
    db.all<{ id: number }>(
      `SELECT id FROM kb_search WHERE ${patterns.map(() => `${column} LIKE ?`).join(' OR ')} LIMIT ${CANDIDATES}`,
      patterns,
    );
  const head = await scan('head');
  const ids = head.map((r) => r.id);
  if (ids.length < CANDIDATES) for (const row of await scan('body')) ids.push(row.id);
  return ids;
}

type IndexedRow = { id: number; article_id: string; title: string; questions: string; body: string };

/** The rows of every candidate the plan's lookups find. */
async function candidates(db: Reader, plan: SearchPlan, limit: number): Promise<IndexedRow[]> {
  const ids = new Set(plan.match ? await matchCandidates(db, plan.match) : []);
  const patterns = [...plan.like, ...(ids.size < limit ? plan.fallbackLike : [])];
  if (patterns.length > 0) for (const id of await likeCandidates(db, patterns)) ids.add(id);
  const rows: IndexedRow[] = [];
  const list = [...ids];
  for (let i = 0; i < list.length; i += CHUNK) {
    const chunk = list.slice(i, i + CHUNK);
    rows.push(
      ...(await db.all<IndexedRow>(
        `SELECT id, article_id, title, questions, body FROM kb_search WHERE id IN (${chunk.map(() => '?').join(',')})`,
        chunk,
      )),
    );
  }
  return rows;
}

/**
 * Searches the cached knowledge base: ranked hits (best first, at most `limit`), each with its
 * score (0–1), its title and best passage with the matches marked. Chinese, English and mixed
 * queries; an empty query finds nothing.
 */
export async function searchArticles(db: Reader, query: string, limit = 10): Promise<KbSearchHit[]> {
  const plan = planSearch(query);
  if (plan.units.length === 0) return [];
  const rows = await candidates(db, plan, limit);
  const top = rankArticles(
    plan,
    rows.map((row) => ({ id: row.article_id, text: { title: row.title, questions: row.questions, body: row.body } })),
    limit,
  );
  if (top.length === 0) return [];
  const articleIds = top.map((c) => c.id);
  const stored = await db.all<{ id: string; data: string }>(
    `SELECT id, data FROM kb_articles WHERE id IN (${articleIds.map(() => '?').join(',')})`,
    articleIds,
  );
  const byId = new Map(stored.map((r) => [r.id, JSON.parse(r.data) as KbArticle]));
  const hits: KbSearchHit[] = [];
  for (const ranked of top) {
    const cached = byId.get(ranked.id);
    if (!cached) continue;
    const article = { ...cached, questions: cached.questions ?? [], enabled: cached.enabled ?? true };
    hits.push(searchHit(article, ranked.candidate.text, plan, ranked.score));
  }
  return hits;
}
