import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type LabelledMessage = { id: string; topic: string; text: string };
export type EvalPart = 'calibration' | 'held-out';

/** One part of the labelled question-clustering set (test/fixtures/topic-eval/). */
export function readEvalPart(part: EvalPart): LabelledMessage[] {
  const file = fileURLToPath(new URL(`../fixtures/topic-eval/${part}.jsonl`, import.meta.url));
  return readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as LabelledMessage);
}
