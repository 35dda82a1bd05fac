import { match as pinyinMatch } from 'pinyin-pro';
import type { Template } from '../../../../shared/domain';
import { caseAndWidthForm } from '../../../../shared/text/case-width';

/**
 * Fuzzy search over quick replies for the "/" picker (pure): by shortcut, title and text, and by
 * the pinyin of a Chinese title, in initials or whole syllables ("tk" or "tuikuan" finds 退款说明).
 */

/** A reply's shortcut as typed after "/", whether or not it was saved with the slash. */
export const bareShortcut = (shortcut: string) => shortcut.replace(/^\/+/, '');

const HAN = /\p{Script=Han}/u;

export type TemplateMatch = { template: Template; score: number };

/** Whether `query`'s characters appear in `text` in order; a score for how tightly, 0 when not. */
export function subsequenceScore(text: string, query: string): number {
  if (query === '') return 0;
  let at = 0;
  let gaps = 0;
  let last = -1;
  for (const char of query) {
    const found = text.indexOf(char, at);
    if (found === -1) return 0;
    if (last !== -1 && found !== last + 1) gaps++;
    last = found;
    at = found + char.length;
  }
  return Math.max(1, 10 - gaps);
}

/** How well one reply answers one word of the query; 0 when it does not. */
function scoreWord(template: Template, word: string): number {
  const shortcut = caseAndWidthForm(bareShortcut(template.shortcut));
  const title = caseAndWidthForm(template.title);
  if (shortcut === word) return 100;
  if (shortcut.startsWith(word)) return 90;
  if (title.startsWith(word)) return 80;
  let best = 0;
  if (/^[a-z]+$/.test(word) && HAN.test(template.title)) {
    const hit = pinyinMatch(template.title, word, { continuous: true });
    if (hit && hit.length > 0) best = hit[0] === 0 ? 75 : 62;
  }
  if (shortcut.includes(word)) best = Math.max(best, 70);
  if (title.includes(word)) best = Math.max(best, 65);
  if (best > 0) return best;
  if (caseAndWidthForm(template.body).includes(word)) return 35;
  const loose = Math.max(subsequenceScore(shortcut, word), subsequenceScore(title, word));
  return loose > 0 ? 20 + loose : 0;
}

/**
 * The replies matching a query, best first (every word of it must match something). An empty
 * query lists them all by category and shortcut.
 */
export function matchTemplates(templates: readonly Template[], query: string, limit = 50): TemplateMatch[] {
  const words = caseAndWidthForm(query).trim().split(/\s+/).filter(Boolean);
  const byCategory = (a: Template, b: Template) =>
    a.category.localeCompare(b.category) || bareShortcut(a.shortcut).localeCompare(bareShortcut(b.shortcut)) || a.lang.localeCompare(b.lang);
  if (words.length === 0) return [...templates].sort(byCategory).slice(0, limit).map((template) => ({ template, score: 0 }));
  const matches: TemplateMatch[] = [];
  for (const template of templates) {
    let total = 0;
    for (const word of words) {
      const score = scoreWord(template, word);
      if (score === 0) {
        total = 0;
        break;
      }
      total += score;
    }
    if (total > 0) matches.push({ template, score: total / words.length });
  }
  return matches.sort((a, b) => b.score - a.score || byCategory(a.template, b.template)).slice(0, limit);
}
