import { createHash } from 'node:crypto';
import type { KbArticle } from '../../../shared/domain';
import type { Queryable } from '../../db/db';

/**
 * Article vectors in the database, one per article and embedding model, with the hash of the
 * text they came from. On PostgreSQL with pgvector (migration 0018 added `embedding_vector`)
 * the database ranks by cosine; otherwise the server does, over the real[] column.
 */

/** What is embedded of an article: its title, the other ways customers ask, and its body. */
export function articleEmbeddingText(article: Pick<KbArticle, 'title' | 'questions' | 'body'>): string {
  return [article.title, ...article.questions, article.body].join('\n');
}

/** Changes whenever the text or the model does. */
export function contentHash(model: string, text: string): string {
  return createHash('sha256').update(model).update('\u0000').update(text).digest('hex');
}

/** The stored hashes of an account's vectors for one model, by article id. */
export async function storedHashes(db: Queryable, accountId: string, model: string): Promise<Map<string, string>> {
  const rows = await db.query<{ article_id: string; content_hash: string }>(
    'SELECT article_id, content_hash FROM article_embeddings WHERE account_id = $1 AND model = $2',
    [accountId, model],
  );
  return new Map(rows.map((r) => [r.article_id, r.content_hash]));
}

export type EmbeddingWrite = { articleId: string; hash: string; vector: readonly number[] };

/** Stores (or replaces) vectors; `withVector`: also into the pgvector column. */
export async function writeEmbeddings(db: Queryable, accountId: string, model: string, rows: readonly EmbeddingWrite[], withVector: boolean): Promise<void> {
  for (const row of rows) {
    const literal = `[${row.vector.join(',')}]`;
    await db.query(
      withVector
        ? `INSERT INTO article_embeddings (article_id, account_id, model, content_hash, dims, embedding, embedding_vector)
           VALUES ($1, $2, $3, $4, $5, $6::real[], $7::vector)
           ON CONFLICT (article_id, model) DO UPDATE SET content_hash = EXCLUDED.content_hash, dims = EXCLUDED.dims,
             embedding = EXCLUDED.embedding, embedding_vector = EXCLUDED.embedding_vector, created_at = now()`
        : `INSERT INTO article_embeddings (article_id, account_id, model, content_hash, dims, embedding)
           VALUES ($1, $2, $3, $4, $5, $6::real[])
           ON CONFLICT (article_id, model) DO UPDATE SET content_hash = EXCLUDED.content_hash, dims = EXCLUDED.dims,
             embedding = EXCLUDED.embedding, created_at = now()`,
      withVector
        ? [row.articleId, accountId, model, row.hash, row.vector.length, row.vector, literal]
        : [row.articleId, accountId, model, row.hash, row.vector.length, row.vector],
    );
  }
}

/** Drops the vectors of articles no longer embedded (deleted or disabled), for one model. */
export async function dropEmbeddings(db: Queryable, accountId: string, model: string, articleIds: readonly string[]): Promise<void> {
  if (articleIds.length === 0) return;
  await db.query('DELETE FROM article_embeddings WHERE account_id = $1 AND model = $2 AND article_id = ANY($3::text[])', [accountId, model, articleIds]);
}

/** Whether the database has the pgvector column (PostgreSQL with the extension installed). */
export async function hasVectorColumn(db: Queryable): Promise<boolean> {
  const rows = await db.query(
    "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'article_embeddings' AND column_name = 'embedding_vector'",
  );
  return rows.length > 0;
}

export type ScoredArticle = { articleId: string; cosine: number };

/** The `k` articles nearest to `query` by cosine similarity (1 = same direction), best first. */
export async function nearestArticles(db: Queryable, accountId: string, model: string, query: readonly number[], k: number, withVector: boolean): Promise<ScoredArticle[]> {
  if (withVector) {
    const rows = await db.query<{ article_id: string; cosine: number | string }>(
      `SELECT article_id, 1 - (embedding_vector <=> $3::vector) AS cosine FROM article_embeddings
        WHERE account_id = $1 AND model = $2 AND dims = $4 AND embedding_vector IS NOT NULL
        ORDER BY embedding_vector <=> $3::vector LIMIT $5`,
      [accountId, model, `[${query.join(',')}]`, query.length, k],
    );
    return rows.map((r) => ({ articleId: r.article_id, cosine: Number(r.cosine) }));
  }
  const rows = await db.query<{ article_id: string; embedding: number[] }>(
    'SELECT article_id, embedding FROM article_embeddings WHERE account_id = $1 AND model = $2 AND dims = $3',
    [accountId, model, query.length],
  );
  return rows
    .map((r) => ({ articleId: r.article_id, cosine: cosine(query, r.embedding) }))
    .sort((a, b) => b.cosine - a.cosine)
    .slice(0, k);
}

/** Cosine similarity of two vectors of one length; 0 when either is all zeros. */
export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = Number(b[i] ?? 0);
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
