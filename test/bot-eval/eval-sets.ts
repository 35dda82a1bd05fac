import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The labelled sets by name: `shipped` is the original fixture pair; the others live in their own folder. */
export const EVAL_SETS = ['shipped', 'calibration', 'frozen', 'frozen-v2'] as const;
export type EvalSetName = (typeof EVAL_SETS)[number];

const fixtures = (file: string) => fileURLToPath(new URL(`../fixtures/bot-eval/${file}`, import.meta.url));

/** The knowledge base and questions files of a named set. */
export function evalSetFiles(name: EvalSetName): { kb: string; questions: string } {
  if (name === 'shipped') return { kb: fixtures('kb.json'), questions: fixtures('questions.json') };
  return { kb: fixtures(`${name}/kb.json`), questions: fixtures(`${name}/questions.json`) };
}

export function evalSetExists(name: EvalSetName): boolean {
  const files = evalSetFiles(name);
  return existsSync(files.kb) && existsSync(files.questions);
}
