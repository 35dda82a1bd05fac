import { sify } from 'chinese-conv';
import { caseAndWidthForm } from './case-width';

/**
 * The base folding every search and comparison builds on: width and case (see `caseAndWidthForm`)
 * and traditional Chinese characters as simplified ones ("發票" reads "发票"). Spacing, punctuation
 * and control characters are left to the form built on top, since each purpose treats them
 * differently.
 */
export function foldText(text: string): string {
  return sify(caseAndWidthForm(text));
}

/** A text folded character by character (never cut apart), with where each folded character came from. */
export type FoldedWithPositions = {
  folded: string;
  /** For each UTF-16 unit of `folded`: the start of the original character it came from. */
  from: number[];
  /** For each UTF-16 unit of `folded`: the end of that original character. */
  to: number[];
};

/** Folds like `foldText` but keeps every character in place, for marking matches in the original. */
export function foldWithPositions(text: string): FoldedWithPositions {
  let joined = '';
  const from: number[] = [];
  const to: number[] = [];
  let at = 0;
  for (const char of text) {
    const folded = caseAndWidthForm(char);
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
