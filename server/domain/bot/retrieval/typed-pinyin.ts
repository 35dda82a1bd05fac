import { botForm } from '../text/bot-form';
import { scriptRuns } from '../text/script';
import { stem } from '../text/stem';
import type { KnowledgeIndex } from './knowledge-index';

/**
 * Whether a message without Chinese characters is Chinese typed as pinyin ("kuaidi danhao zai na
 * kan", "yfx"): some of its words are the pinyin or the pinyin initials of the knowledge base's
 * Chinese words, and no more of them are the knowledge base's English words. Such a customer
 * reads Chinese.
 */
export function readsAsPinyin(index: KnowledgeIndex, message: string): boolean {
  const runs = scriptRuns(botForm(message));
  if (runs.length === 0 || runs.some((r) => r.kind === 'han')) return false;
  let pinyin = 0;
  let english = 0;
  for (const run of runs) {
    const word = run.text;
    if (!/^[a-z]{2,}$/.test(word)) continue;
    if (index.documentFrequency(`w:${stem(word)}`) > 0) english++;
    else if (index.wordsFor(`y:${word}`).length > 0 || (!/[aeiou]/.test(word) && word.length <= 4 && index.wordsFor(`i:${word}`).length > 0)) pinyin++;
  }
  return pinyin > 0 && pinyin >= english;
}
