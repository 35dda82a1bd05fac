import { sify } from 'chinese-conv';

/**
 * The one form knowledge search compares text in: NFKC (full-width letters and digits as ASCII),
 * lower case, traditional Chinese as simplified. Punctuation, symbols and spacing become single
 * spaces, and a space separates Chinese (Japanese, Korean) runs from words of other scripts, so
 * "iPhone退貨，運費" reads " iphone 退货 运费 ".
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
  const words = sify(text.normalize('NFKC').toLowerCase())
    .replace(NOT_TEXT, ' ')
    .replace(CJK_THEN_WORD, '$1 ')
    .replace(WORD_THEN_CJK, '$1 ')
    .trim();
  return words === '' ? ' ' : ` ${words} `;
}

/** A text folded character by character (never cut apart), with where each folded character came from. */
export type FoldedText = {
  folded: string;
  /** For each UTF-16 unit of `folded`: the start of the original character it came from. */
  from: number[];
  /** For each UTF-16 unit of `folded`: the end of that original character. */
  to: number[];
};

/** Folds like `indexForm` but keeps every character in place, for marking matches in the original. */
export function foldInPlace(text: string): FoldedText {
  let joined = '';
  const from: number[] = [];
  const to: number[] = [];
  let at = 0;
  for (const char of text) {
    const folded = char.normalize('NFKC').toLowerCase();
    for (let i = 0; i < folded.length; i++) {
      from.push(at);
      to.push(at + char.length);
    }
    joined += folded;
    at += char.length;
  }
  // sify maps one character to one character, so the positions hold (checked, to be safe).
  const simplified = sify(joined);
  return { folded: simplified.length === joined.length ? simplified : joined, from, to };
}
