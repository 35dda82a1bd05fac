import type { Lang } from '../../../../shared/domain';
import { caseAndWidthForm } from '../../../../shared/text/case-width';
import { scriptRuns } from './script';

/** Han characters per word: a Chinese word is one and a half characters on average. */
const HAN_CHARS_PER_WORD = 1.5;

/**
 * The language a customer mostly wrote in: Chinese when the Han characters (counted as words)
 * outweigh the Latin words, so "我的order还没到" is Chinese and "where is my 订单" English.
 * Null when the text has neither (digits and emoji only): keep the language already in use.
 */
export function detectLanguage(text: string): Lang | null {
  let han = 0;
  let latin = 0;
  for (const run of scriptRuns(caseAndWidthForm(text))) {
    if (run.kind === 'han') han += run.text.length;
    else if (/[a-z]/i.test(run.text)) latin += 1;
  }
  if (han === 0 && latin === 0) return null;
  return han / HAN_CHARS_PER_WORD >= latin ? 'zh' : 'en';
}
