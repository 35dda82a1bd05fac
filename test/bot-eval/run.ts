import { parseArgs } from 'node:util';
import { readKb, readQuestions } from './eval-files';
import { EVAL_SETS, evalSetFiles, type EvalSetName } from './eval-sets';
import { evaluate, type EvalDetail, type EvalReport } from './evaluate';
import { score } from './metrics';

/**
 * `npm run bot:eval -- [--set shipped|calibration|frozen|frozen-v2] [--kb <kb.json> --questions <questions.json>] [--verbose]`:
 * runs the bot and the MiniSearch baseline (its defaults, top result) on a labelled set and prints
 * the figures for zh, en and all; the last line is one JSON object with all of them. `resolved` is
 * top-1 plus suggestions that held the right article. `--verbose` first lists every question
 * either system got wrong.
 */
const { values } = parseArgs({
  options: {
    set: { type: 'string', default: 'shipped' },
    kb: { type: 'string' },
    questions: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});
if (!EVAL_SETS.includes(values.set as EvalSetName)) throw new Error(`--set must be one of ${EVAL_SETS.join(', ')}`);
const files = evalSetFiles(values.set as EvalSetName);
const articles = readKb(values.kb ?? files.kb);
const questions = readQuestions(values.questions ?? files.questions);
const started = performance.now();
const { reports, details } = evaluate(articles, questions);
const seconds = (performance.now() - started) / 1000;
if (values.verbose) for (const d of details) if (!isRight(d, 'bot') || !isRight(d, 'baseline')) console.log(describe(d));
console.log(`${articles.length} articles, ${questions.length} questions (${questions.filter((q) => q.expect === null).length} for a person), ${seconds.toFixed(2)} s`);
const row = (name: string, r: EvalReport) =>
  `${name.padEnd(4)} n=${String(r.n).padStart(3)}  bot top1 ${r.top1.toFixed(3)} resolved ${r.resolved.toFixed(3)} wrong ${r.wrongRate.toFixed(3)} clarify ${r.clarifyRate.toFixed(3)}` +
  `  | minisearch top1 ${r.baseline.top1.toFixed(3)} wrong ${r.baseline.wrongRate.toFixed(3)}`;
for (const lang of ['zh', 'en', 'all'] as const) console.log(row(lang, reports[lang]));
// Per writing style, where the set names one (questions for a person are counted on their own).
const styles = [...new Set(details.map(styleOf))].filter((s) => s !== null);
for (const style of styles) {
  const mine = details.filter((d) => styleOf(d) === style);
  const r = score(mine.map((d) => d.question), mine.map((d) => d.bot));
  console.log(`  ${style.padEnd(11)} n=${String(r.n).padStart(3)}  bot top1 ${r.top1.toFixed(3)} resolved ${r.resolved.toFixed(3)} wrong ${r.wrongRate.toFixed(3)}`);
}
console.log(JSON.stringify(reports));

function styleOf(d: EvalDetail): string | null {
  if (d.question.style === undefined) return null;
  return d.question.expect === null ? 'for a person' : d.question.style;
}

function isRight(d: EvalDetail, who: 'bot' | 'baseline'): boolean {
  const a = d[who];
  return a.kind === 'answer' ? a.articleId === d.question.expect : a.kind === 'none' && d.question.expect === null;
}

function describe(d: EvalDetail): string {
  const show = (a: EvalDetail['bot']) => (a.kind === 'answer' ? a.articleId : a.kind === 'clarify' ? `?${a.articleIds.join('|')}` : '-');
  return `${isRight(d, 'bot') ? ' ' : 'B'}${isRight(d, 'baseline') ? ' ' : 'M'} ${d.question.expect ?? 'null'} <- bot ${show(d.bot)} / minisearch ${show(d.baseline)} : ${d.question.q}`;
}
