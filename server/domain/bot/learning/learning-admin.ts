import type { QuestionSuggestion, UnansweredGroup } from '../../../../shared/bot-learning';
import { LEARNING_LIMITS } from '../../../../shared/bot-learning';
import type { KbArticle, User } from '../../../../shared/domain';
import { AppError } from '../../../../shared/errors';
import { KB_LIMITS } from '../../../../shared/knowledge';
import type { Db, Queryable } from '../../../db/db';
import { requireRole } from '../../../http/request-user';
import { recordAudit } from '../../audit/audit-log';
import { getConversationView } from '../../conversations/conversation-repository';
import { loadMember } from '../../conversations/member-repository';
import { canAct } from '../../conversations/permissions';
import type { DomainEvents } from '../../events';
import { getArticle, writeArticle } from '../../knowledge/article-repository';
import { changeKnowledge } from '../../knowledge/knowledge-admin';
import { groupQuestions, type UnansweredItem } from './question-groups';
import { getSuggestion, listSuggestions, recordQuestionPair, setSuggestionStatus } from './question-pairs';
import { questionKey } from './question-text';

/**
 * What the bot learns from, for admins (over REST and the workstation's socket alike): questions
 * suggested as alternative questions of an article (accept in one click: added to the article,
 * audited, in force at the bot's next turn; or dismiss), and the questions the bot could not
 * answer, grouped by wording. Agents record which article they inserted for a customer's message.
 */
export type LearningDeps = { db: Db; events: DomainEvents; clock: () => number };

const REVIEW = "review what the bot learns";

export function suggestionsFor(db: Queryable, user: User, articleId?: string): Promise<QuestionSuggestion[]> {
  requireRole(user, ['admin'], REVIEW);
  return listSuggestions(db, user.accountId, articleId);
}

/** Adds the suggested question to its article's alternative questions; `not_found`, or `conflict` when already decided or the article is full. */
export async function acceptSuggestion(deps: LearningDeps, user: User, id: string): Promise<{ article: KbArticle }> {
  requireRole(user, ['admin'], REVIEW);
  const article = await changeKnowledge(deps, user.accountId, async (tx) => {
    const suggestion = await pending(tx, user, id);
    const before = await getArticle(tx, user.accountId, suggestion.articleId);
    if (!before) throw notFound();
    const known = new Set(before.questions.map(questionKey));
    let questions = before.questions;
    if (!known.has(questionKey(suggestion.question))) {
      if (questions.length >= KB_LIMITS.questions) {
        throw new AppError('conflict', `The article already has ${KB_LIMITS.questions} alternative questions; remove one first.`);
      }
      questions = [...questions, [...suggestion.question].slice(0, KB_LIMITS.question).join('')];
    }
    const written = await writeArticle(tx, user.accountId, {
      lang: before.lang, title: before.title, body: before.body, category: before.category, tags: before.tags, questions, enabled: before.enabled,
    }, before.id);
    await setSuggestionStatus(tx, user.accountId, id, 'accepted');
    await recordAudit(tx, {
      accountId: user.accountId, actorId: user.id, action: 'kb_question.accept', targetType: 'kb_article', targetId: before.id,
      details: { question: suggestion.question, count: suggestion.count },
    });
    return written;
  });
  return { article };
}

export async function dismissSuggestion(deps: LearningDeps, user: User, id: string): Promise<void> {
  requireRole(user, ['admin'], REVIEW);
  await deps.db.transaction(async (tx) => {
    const suggestion = await pending(tx, user, id);
    await setSuggestionStatus(tx, user.accountId, id, 'dismissed');
    await recordAudit(tx, {
      accountId: user.accountId, actorId: user.id, action: 'kb_question.dismiss', targetType: 'kb_article', targetId: suggestion.articleId,
      details: { question: suggestion.question },
    });
  });
}

/**
 * The questions the bot missed or handed to a person over the last `days` (not the customer's
 * own request for a person), grouped by similar wording.
 */
export async function unansweredFor(db: Queryable, user: User, days: number, now: number): Promise<UnansweredGroup[]> {
  requireRole(user, ['admin'], REVIEW);
  const rows = await db.query<{ body: string; action: 'miss' | 'handoff'; conversation_id: string; created_at: Date | string }>(
    `SELECT m.body, t.action, t.conversation_id, t.created_at
     FROM bot_turns t JOIN messages m ON m.id = t.message_id AND m.account_id = t.account_id
     WHERE t.account_id = $1 AND t.action IN ('miss', 'handoff') AND t.created_at >= $2
       -- "转人工" on its own is a request for a person, not a question the knowledge base lacks.
       AND t.handoff_reason IS DISTINCT FROM 'request'
     ORDER BY t.id DESC LIMIT 5000`,
    [user.accountId, new Date(now - days * 86_400_000)],
  );
  const items: UnansweredItem[] = rows.map((r) => ({
    text: r.body, action: r.action, conversationId: r.conversation_id, at: new Date(r.created_at).toISOString(),
  }));
  return groupQuestions(items, LEARNING_LIMITS.maxGroups);
}

/**
 * An agent put an article into a reply for a conversation they may work on: the customer's latest
 * message is kept as a question for that article. False when there was nothing to keep.
 */
export async function recordArticleInsert(db: Db, user: User, conversationId: string, articleId: string, now: number): Promise<boolean> {
  const conversation = await getConversationView(db, conversationId);
  if (!conversation || conversation.accountId !== user.accountId) throw new AppError('not_found', 'conversation not found');
  if (!canAct(await loadMember(db, user), conversation)) {
    throw new AppError('forbidden', 'Only someone who may work on this conversation may answer it.');
  }
  return db.transaction(async (tx) => {
    const latest = await tx.query<{ id: string; body: string }>(
      `SELECT id, body FROM messages WHERE conversation_id = $1 AND sender_type = 'contact' AND NOT internal ORDER BY seq DESC LIMIT 1`,
      [conversationId],
    );
    const message = latest[0];
    if (!message) return false;
    return recordQuestionPair(tx, {
      accountId: user.accountId, articleId, question: message.body, source: 'agent_insert', conversationId, messageId: message.id, at: new Date(now),
    });
  });
}

async function pending(tx: Queryable, user: User, id: string): Promise<QuestionSuggestion> {
  const suggestion = await getSuggestion(tx, user.accountId, id);
  if (!suggestion) throw notFound();
  if (suggestion.status !== 'suggested') throw new AppError('conflict', `This question was already ${suggestion.status}.`);
  return suggestion;
}

const notFound = () => new AppError('not_found', 'There is no such suggested question.');
