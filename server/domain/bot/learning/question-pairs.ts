import { randomUUID } from 'node:crypto';
import type { QuestionPairSource, QuestionPairStatus, QuestionSuggestion } from '../../../../shared/bot-learning';
import type { Queryable } from '../../../db/db';
import { questionKey, questionText } from './question-text';

export type QuestionPair = {
  accountId: string;
  articleId: string;
  question: string;
  source: QuestionPairSource;
  conversationId: string | null;
  messageId: string | null;
  at: Date;
};

/**
 * Keeps a question that led to an article, once per article and normalised wording: seen again
 * (from another message), it counts one more. A wording an admin accepted or dismissed keeps
 * that status. Nothing is kept for an empty question, an article of another account, or a
 * wording the article already has as its title or one of its questions.
 */
export async function recordQuestionPair(tx: Queryable, pair: QuestionPair): Promise<boolean> {
  const question = questionText(pair.question);
  const key = questionKey(question);
  if (!key) return false;
  const articles = await tx.query<{ title: string; questions: unknown }>('SELECT title, questions FROM kb_articles WHERE account_id = $1 AND id = $2', [
    pair.accountId,
    pair.articleId,
  ]);
  const article = articles[0];
  if (!article) return false;
  const known = [article.title, ...parseQuestions(article.questions)].map(questionKey);
  if (known.includes(key)) return false;
  const rows = await tx.query(
    `INSERT INTO kb_question_pairs (id, account_id, article_id, question, normalized, source, sources, conversation_id, message_id, created_at, last_seen_at)
     VALUES ($1, $2, $3, $4, $5, $6, ARRAY[$6]::text[], $7, $8, $9, $9)
     ON CONFLICT (account_id, article_id, normalized) DO UPDATE SET
       count = kb_question_pairs.count + 1,
       sources = CASE WHEN EXCLUDED.source = ANY(kb_question_pairs.sources) THEN kb_question_pairs.sources
                      ELSE kb_question_pairs.sources || EXCLUDED.source END,
       conversation_id = EXCLUDED.conversation_id, message_id = EXCLUDED.message_id, last_seen_at = EXCLUDED.last_seen_at
     WHERE kb_question_pairs.message_id IS DISTINCT FROM EXCLUDED.message_id OR EXCLUDED.message_id IS NULL
     RETURNING id`,
    [randomUUID(), pair.accountId, pair.articleId, question, key, pair.source, pair.conversationId, pair.messageId, pair.at],
  );
  return rows.length > 0;
}

type SuggestionRow = {
  id: string;
  article_id: string;
  title: string;
  question: string;
  count: number | string;
  sources: unknown;
  status: QuestionPairStatus;
  last_seen_at: Date | string;
};

/** The account's suggested questions (one article's when given), most often seen first. */
export async function listSuggestions(db: Queryable, accountId: string, articleId?: string): Promise<QuestionSuggestion[]> {
  const params: unknown[] = [accountId];
  let where = "p.account_id = $1 AND p.status = 'suggested'";
  if (articleId) {
    params.push(articleId);
    where += ' AND p.article_id = $2';
  }
  const rows = await db.query<SuggestionRow>(
    `SELECT p.id, p.article_id, a.title, p.question, p.count, p.sources, p.status, p.last_seen_at
     FROM kb_question_pairs p JOIN kb_articles a ON a.id = p.article_id AND a.account_id = p.account_id
     WHERE ${where} ORDER BY p.count DESC, p.last_seen_at DESC, p.id LIMIT 500`,
    params,
  );
  return rows.map(toSuggestion);
}

export async function getSuggestion(db: Queryable, accountId: string, id: string): Promise<QuestionSuggestion | null> {
  const rows = await db.query<SuggestionRow>(
    `SELECT p.id, p.article_id, a.title, p.question, p.count, p.sources, p.status, p.last_seen_at
     FROM kb_question_pairs p JOIN kb_articles a ON a.id = p.article_id AND a.account_id = p.account_id
     WHERE p.account_id = $1 AND p.id = $2 FOR UPDATE OF p`,
    [accountId, id],
  );
  return rows[0] ? toSuggestion(rows[0]) : null;
}

export async function setSuggestionStatus(tx: Queryable, accountId: string, id: string, status: QuestionPairStatus): Promise<void> {
  await tx.query('UPDATE kb_question_pairs SET status = $3 WHERE account_id = $1 AND id = $2', [accountId, id, status]);
}

function toSuggestion(r: SuggestionRow): QuestionSuggestion {
  const sources = (typeof r.sources === 'string' ? r.sources.replace(/[{}]/g, '').split(',') : r.sources) as QuestionSuggestion['sources'];
  return {
    id: r.id,
    articleId: r.article_id,
    articleTitle: r.title,
    question: r.question,
    count: Number(r.count),
    sources,
    status: r.status,
    lastSeenAt: new Date(r.last_seen_at).toISOString(),
  };
}

function parseQuestions(value: unknown): string[] {
  const parsed = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  return Array.isArray(parsed) ? parsed.filter((q): q is string => typeof q === 'string') : [];
}
