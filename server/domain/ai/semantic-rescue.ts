import type { KbArticle } from '../../../shared/domain';
import type { KnowledgeIndex } from '../bot/retrieval/knowledge-index';
import { answerText } from '../bot/dialogue/replies';
import type { TurnOutcome } from '../bot/dialogue/turn';

/**
 * The embedding match that answers where the lexical search found nothing: at least this cosine,
 * and this far ahead of the next article. Chosen high on purpose: with no lexical support at all
 * an answer needs the model to be nearly certain; anything less keeps the miss (and the handoff).
 */
export const SEMANTIC_ANSWER = 0.8;
export const SEMANTIC_MARGIN = 0.05;

/**
 * A lexical miss (or a handoff after two misses) turned into an answer when the embeddings point
 * at one article clearly. Any other outcome is returned unchanged: a request for a person, an
 * upset customer, a keyword rule or a lexical answer always win.
 */
export function rescueBySemantic(outcome: TurnOutcome, semantic: ReadonlyMap<string, number> | undefined, knowledge: KnowledgeIndex<KbArticle>, question: string): TurnOutcome {
  if (!semantic || semantic.size === 0) return outcome;
  const missed = outcome.action === 'miss' || (outcome.action === 'handoff' && outcome.handoffReason === 'misses');
  if (!missed) return outcome;
  const ranked = [...semantic].sort((a, b) => b[1] - a[1]);
  const [best, next] = ranked;
  if (!best || best[1] < SEMANTIC_ANSWER || (next && best[1] - next[1] < SEMANTIC_MARGIN)) return outcome;
  const article = knowledge.article(best[0]);
  if (!article) return outcome;
  // The last reply is the miss (or the handoff) text; what came before (greeting, off-hours notice) stays.
  const replies = [...outcome.replies.slice(0, -1), answerText(article)];
  return {
    ...outcome,
    action: 'answer',
    via: 'retrieval',
    replies,
    choices: [],
    articleId: article.id,
    confidence: Math.round(best[1] * 1000) / 1000,
    handoffReason: null,
    state: { ...outcome.state, misses: 0, pending: null, topic: { articleId: article.id, question } },
  };
}
