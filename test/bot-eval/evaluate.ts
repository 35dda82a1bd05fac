import type { IndexableArticle } from '../../server/domain/bot/retrieval/indexable-article';
import { detectLanguage } from '../../server/domain/bot/text/language';
import { botAnswerer } from './bot-answerer';
import type { EvalQuestion } from './eval-files';
import { score, type FirstAction, type Metrics } from './metrics';
import { miniSearchAnswerer } from './minisearch-baseline';

export type EvalReport = Metrics & { baseline: Metrics };
/** The figures for all questions and for the questions asked in each language. */
export type EvalReports = { all: EvalReport; zh: EvalReport; en: EvalReport };

export type EvalDetail = { question: EvalQuestion; lang: 'zh' | 'en'; bot: FirstAction; baseline: FirstAction };

/** Runs the bot and the MiniSearch baseline on the same questions and scores both, overall and per language. */
export function evaluate(articles: readonly IndexableArticle[], questions: readonly EvalQuestion[]): { report: EvalReport; reports: EvalReports; details: EvalDetail[] } {
  const bot = botAnswerer(articles);
  const baseline = miniSearchAnswerer(articles);
  const details = questions.map((question) => ({ question, lang: detectLanguage(question.q) ?? 'zh', bot: bot(question.q), baseline: baseline(question.q) }));
  const reportOf = (part: readonly EvalDetail[]): EvalReport => ({
    ...score(part.map((d) => d.question), part.map((d) => d.bot)),
    baseline: score(part.map((d) => d.question), part.map((d) => d.baseline)),
  });
  const reports = { all: reportOf(details), zh: reportOf(details.filter((d) => d.lang === 'zh')), en: reportOf(details.filter((d) => d.lang === 'en')) };
  return { report: reports.all, reports, details };
}
