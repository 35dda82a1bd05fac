import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readKb, readQuestions } from './eval-files';
import { evaluate, type EvalDetail } from './evaluate';

/**
 * `npm run bot:eval -- --kb <kb.json> --questions <questions.json> [--verbose]`: runs the bot and
 * the MiniSearch baseline on a labelled set and prints, as its last line, one JSON object with
 * both systems' figures. `--verbose` first lists every question either system got wrong.
 */
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const { values } = parseArgs({
  options: {
    kb: { type: 'string', default: here('../fixtures/bot-eval/kb.json') },
    questions: { type: 'string', default: here('../fixtures/bot-eval/questions.json') },
    verbose: { type: 'boolean', default: false },
  },
});

const articles = readKb(values.kb);
const questions = readQuestions(values.questions);
const started = performance.now();
const { report, details } = evaluate(articles, questions);
const seconds = (performance.now() - started) / 1000;
if (values.verbose) for (const d of details) if (!isRight(d, 'bot') || !isRight(d, 'baseline')) console.log(describe(d));
console.log(`${articles.length} articles, ${questions.length} questions (${questions.filter((q) => q.expect === null).length} for a person), ${seconds.toFixed(2)} s`);
console.log(JSON.stringify(report));

function isRight(d: EvalDetail, who: 'bot' | 'baseline'): boolean {
  const a = d[who];
  return a.kind === 'answer' ? a.articleId === d.question.expect : a.kind === 'none' && d.question.expect === null;
}

function describe(d: EvalDetail): string {
  const show = (a: EvalDetail['bot']) => (a.kind === 'answer' ? a.articleId : a.kind === 'clarify' ? `?${a.articleIds.join('|')}` : '-');
  return `${isRight(d, 'bot') ? ' ' : 'B'}${isRight(d, 'baseline') ? ' ' : 'M'} ${d.question.expect ?? 'null'} <- bot ${show(d.bot)} / minisearch ${show(d.baseline)} : ${d.question.q}`;
}
