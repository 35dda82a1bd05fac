import { chooseFromKnowledge, readKnowledge, type KnowledgeReading } from '../../server/domain/bot/dialogue/knowledge-step';
import type { Thresholds } from '../../server/domain/bot/dialogue/policy';
import { INITIAL_BOT_STATE } from '../../server/domain/bot/dialogue/state';
import { smallTalkOf, withoutOpening } from '../../server/domain/bot/dialogue/smalltalk';
import { botTurn } from '../../server/domain/bot/dialogue/turn';
import type { IndexableArticle } from '../../server/domain/bot/retrieval/indexable-article';
import { KnowledgeIndex } from '../../server/domain/bot/retrieval/knowledge-index';
import type { FirstAction } from './metrics';

/**
 * The bot as a customer meets it: a fresh conversation, the customer's message, the bot's turn —
 * the same `botTurn` the server runs for a widget message, without the socket and the database.
 */
export function botAnswerer(articles: readonly IndexableArticle[], thresholds?: Thresholds): (question: string) => FirstAction {
  const knowledge = new KnowledgeIndex(articles);
  return (question) => {
    const outcome = botTurn({ state: INITIAL_BOT_STATE, message: question, knowledge, rules: [], ...(thresholds ? { thresholds } : {}) });
    if (outcome.action === 'answer' && outcome.articleId) return { kind: 'answer', articleId: outcome.articleId };
    if (outcome.action === 'clarify') return { kind: 'clarify', articleIds: outcome.state.pending?.articleIds ?? [] };
    return { kind: 'none' };
  };
}

/**
 * For sweeping thresholds: each question's knowledge reading made once, then the first action
 * under any thresholds without reading again. Questions the bot settles before the knowledge base
 * (a request for a person, an upset customer, small talk) are read by `botTurn` and kept as they are.
 */
export function readingsFor(articles: readonly IndexableArticle[], questions: readonly string[]): ((t: Thresholds) => FirstAction)[] {
  const knowledge = new KnowledgeIndex(articles);
  return questions.map((question) => {
    const turn = botTurn({ state: INITIAL_BOT_STATE, message: question, knowledge, rules: [] });
    if (turn.action === 'handoff' && turn.handoffReason !== 'misses') return () => ({ kind: 'none' });
    if (turn.action === 'smalltalk' || smallTalkOf(question)) return () => ({ kind: 'none' });
    const lang = turn.lang;
    const reading: KnowledgeReading = readKnowledge(knowledge, withoutOpening(question), lang, null);
    return (t: Thresholds) => {
      const { decision } = chooseFromKnowledge(reading, t);
      if (decision.kind === 'answer') return { kind: 'answer', articleId: decision.best.id };
      if (decision.kind === 'clarify') return { kind: 'clarify', articleIds: decision.options.map((o) => o.id) };
      return { kind: 'none' };
    };
  });
}
