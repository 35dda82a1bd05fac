import { fileURLToPath } from 'node:url';
import { CONCEPTS } from '../../server/domain/bot/text/concept-lexicon';
import { EN_SENTIMENT, ZH_SENTIMENT } from '../../server/domain/bot/sentiment/sentiment-lexicon';
import { COLLOQUIAL_FORMS } from '../../server/domain/bot/text/colloquial';
import { comparisonForm } from '../../shared/text/comparison-form';
import { readKb, readQuestions } from './eval-files';

/**
 * `npx tsx test/bot-eval/lexicon-audit.ts`: lists the entries of the bot's hand-written lexicons
 * (concepts, sentiment words, colloquial spellings) that appear in the shipped evaluation
 * questions but nowhere in the shipped knowledge base. Such an entry helps only the evaluation;
 * an entry belongs in a lexicon when it is general shop vocabulary (see each file's header).
 */
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/bot-eval/${name}`, import.meta.url));

/** Whether `phrase` occurs in `text`: Chinese anywhere, Latin as whole words. */
export function mentions(text: string, phrase: string): boolean {
  const p = comparisonForm(phrase);
  if (/[\u3400-\u9fff]/.test(p)) return text.includes(p);
  return new RegExp(`(^|[^a-z])${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^a-z]|$)`).test(text);
}

export type AuditEntry = { lexicon: string; entry: string };

/** Lexicon entries found in `questions` and not in `kbText`. */
export function auditLexicons(kbText: string, questions: readonly string[]): AuditEntry[] {
  const asked = questions.map((q) => comparisonForm(q));
  const kb = comparisonForm(kbText);
  const out: AuditEntry[] = [];
  const check = (lexicon: string, entry: string) => {
    if (!mentions(kb, entry) && asked.some((q) => mentions(q, entry))) out.push({ lexicon, entry });
  };
  for (const c of CONCEPTS) for (const phrase of [...c.zh, ...c.en]) check(`concept:${c.id}`, phrase);
  for (const word of [...Object.keys(ZH_SENTIMENT), ...Object.keys(EN_SENTIMENT)]) check('sentiment', word);
  for (const form of COLLOQUIAL_FORMS) check('colloquial', form);
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const kb = readKb(fixture('kb.json'));
  const kbText = kb.map((a) => [a.title, a.body, a.category, ...a.tags, ...a.questions].join('\n')).join('\n');
  const questions = [...readQuestions(fixture('questions.json')), ...readQuestions(fixture('holdout-questions.json'))].map((q) => q.q);
  const found = auditLexicons(kbText, questions);
  for (const f of found) console.log(`${f.lexicon}\t${f.entry}`);
  console.log(`${found.length} entries appear in evaluation questions and nowhere in the knowledge base`);
}
