import { match as pinyinMatch } from 'pinyin-pro';
import type { Lang, Template } from '../../../../shared/domain';
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
function scoreWord(template: Template, word: string, strict: boolean): number {
  const shortcut = caseAndWidthForm(bareShortcut(template.shortcut));
  const title = caseAndWidthForm(template.title);
  if (shortcut === word) return 100;
  if (shortcut.startsWith(word)) return 90;
  if (title.startsWith(word)) return 80;
  if (strict) {
    // "/hi" asks for a shortcut: only one starting so, or a title holding the word (a Latin word
    // from its start: "hi" is not in "Chip"), answers it.
    const inTitle = HAN.test(word) ? title.includes(word) : title.split(/[^\p{L}\p{N}]+/u).some((w) => w.startsWith(word));
    if (inTitle) return 65;
    if (/^[a-z]+$/.test(word) && HAN.test(template.title)) {
      const hit = pinyinMatch(template.title, word, { continuous: true });
      if (hit && hit.length > 0) return hit[0] === 0 ? 75 : 62;
    }
    return 0;
  }
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

export interface MatchOptions {
  /**
   * The "/" picker: a reply matches only by a shortcut that starts with what was typed, or a title
   * holding it (also by its pinyin); the command palette searches loosely (text, letters in order).
   */
  strict?: boolean;
  /** The customer's language: its replies come first, others only when none of its replies match. */
  lang?: Lang | null;
}

/**
 * The replies matching a query, best first (every word of it must match something). An empty
 * query lists them all by category and shortcut. With the customer's language, replies in it are
 * the only ones listed unless none of them match.
 */
export function matchTemplates(templates: readonly Template[], query: string, limit = 50, options: MatchOptions = {}): TemplateMatch[] {
  const words = caseAndWidthForm(query).trim().split(/\s+/).filter(Boolean);
  const byCategory = (a: Template, b: Template) =>
    a.category.localeCompare(b.category) || bareShortcut(a.shortcut).localeCompare(bareShortcut(b.shortcut)) || a.lang.localeCompare(b.lang);
  let matches: TemplateMatch[] = [];
  if (words.length === 0) matches = templates.map((template) => ({ template, score: 0 }));
  else {
    for (const template of templates) {
      let total = 0;
      for (const word of words) {
        const score = scoreWord(template, word, options.strict === true);
        if (score === 0) {
          total = 0;
          break;
        }
        total += score;
      }
      if (total > 0) matches.push({ template, score: total / words.length });
    }
  }
  const lang = options.lang;
  if (lang) {
    const own = matches.filter((m) => m.template.lang === lang);
    if (own.length > 0) matches = own;
  }
  return matches.sort((a, b) => b.score - a.score || byCategory(a.template, b.template)).slice(0, limit);
}
