import type { IndexableArticle } from '../../server/domain/bot/retrieval/indexable-article';
import { botAnswerer } from './bot-answerer';
import type { EvalQuestion } from './eval-files';
import { score, type FirstAction, type Metrics } from './metrics';
import { miniSearchAnswerer } from './minisearch-baseline';

export type EvalReport = Metrics & { baseline: Metrics };

export type EvalDetail = { question: EvalQuestion; bot: FirstAction; baseline: FirstAction };

/** Runs the bot and the MiniSearch baseline on the same questions and scores both. */
export function evaluate(articles: readonly IndexableArticle[], questions: readonly EvalQuestion[]): { report: EvalReport; details: EvalDetail[] } {
  const bot = botAnswerer(articles);
  const baseline = miniSearchAnswerer(articles);
  const details = questions.map((question) => ({ question, bot: bot(question.q), baseline: baseline(question.q) }));
  const report = {
    ...score(questions, details.map((d) => d.bot)),
    baseline: score(questions, details.map((d) => d.baseline)),
  };
  return { report, details };
}
