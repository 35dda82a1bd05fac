import { foldText } from './fold-text';

/**
 * The form knowledge search indexes and queries text in: folded (width, case,
 * traditional→simplified), punctuation, symbols and spacing as single spaces, and a space between
 * Chinese (Japanese, Korean) runs and words of other scripts, so "iPhone退貨，運費" reads
 * " iphone 退货 运费 ". `foldWithPositions` (fold-text.ts) folds the same way in place, for
 * highlighting matches in the original.
 */

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
const CJK_CHAR = new RegExp(`[${CJK}]`, 'u');
const NOT_TEXT = /[^\p{L}\p{N}\p{M}]+/gu;
const CJK_THEN_WORD = new RegExp(`([${CJK}])(?=[^\\s${CJK}])`, 'gu');
const WORD_THEN_CJK = new RegExp(`([^\\s${CJK}])(?=[${CJK}])`, 'gu');

/** Chinese, Japanese or Korean: written without spaces, searched by character runs. */
export function isCjk(char: string): boolean {
  return CJK_CHAR.test(char);
}

/** A text as the index holds it: folded words separated by single spaces, with a space at each end. */
export function indexForm(text: string): string {
  const words = foldText(text)
    .replace(NOT_TEXT, ' ')
    .replace(CJK_THEN_WORD, '$1 ')
    .replace(WORD_THEN_CJK, '$1 ')
    .trim();
  return words === '' ? ' ' : ` ${words} `;
}
