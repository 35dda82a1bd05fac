import { INITIAL_BOT_STATE } from '../../server/domain/bot/dialogue/state';
import { botTurn } from '../../server/domain/bot/dialogue/turn';
import type { IndexableArticle } from '../../server/domain/bot/retrieval/indexable-article';
import { KnowledgeIndex } from '../../server/domain/bot/retrieval/knowledge-index';
import type { FirstAction } from './metrics';

/**
 * The bot as a customer meets it: a fresh conversation, the customer's message, the bot's turn —
 * the same `botTurn` the server runs for a widget message, without the socket and the database.
 */
export function botAnswerer(articles: readonly IndexableArticle[]): (question: string) => FirstAction {
  const knowledge = new KnowledgeIndex(articles);
  return (question) => {
    const outcome = botTurn({ state: INITIAL_BOT_STATE, message: question, knowledge, rules: [] });
    if (outcome.action === 'answer' && outcome.articleId) return { kind: 'answer', articleId: outcome.articleId };
    if (outcome.action === 'clarify') return { kind: 'clarify', articleIds: outcome.state.pending?.articleIds ?? [] };
    return { kind: 'none' };
  };
}
