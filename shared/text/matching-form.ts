/**
 * The form sensitive words are matched in, with a map back to the original text so a match can
 * be shown and masked where it was written:
 * - NFKC per character cluster: full-width letters, digits and punctuation become half-width
 *   (ｗｅｃｈａｔ → wechat, ＷＸ → WX), compatibility forms are unfolded;
 * - lower case;
 * - invisible characters (zero-width spaces and joiners, BOM, soft hyphen, variation selectors,
 *   control characters) are dropped everywhere;
 * - a run of spaces, punctuation or symbols is dropped unless it separates two letters or digits
 *   of scripts written with spaces (Latin, Cyrillic, …), where it becomes one space. So "微 信",
 *   "微\u3000信" (ideographic space), "微.信" and "微★信" all read "微信", while "we chat" stays
 *   two words and does not match "wechat".
 * Traditional characters are not simplified here: a list of words is written for the characters
 * customers type, and this form runs in the renderer too, which keeps the conversion tables out.
 */

/** Text in the form entries are matched against, with where each UTF-16 unit came from. */
export type MatchingForm = {
  text: string;
  /** For each unit of `text`: the start of the original characters it came from. */
  starts: number[];
  /** For each unit of `text`: the end (exclusive) of the original characters it came from. */
  ends: number[];
};

const INVISIBLE = /^[\p{Cf}\p{Cc}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}]$/u;
const SEPARATOR = /^[\s\p{Z}\p{P}\p{S}]$/u;
/** Scripts written without spaces between words: separators between their characters are noise. */
const UNSPACED = /^[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Bopomofo}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]$/u;
/** A base character with the combining marks that follow it (so NFKC can compose "e\u0301" into "é"). */
const CLUSTER = /\P{M}\p{M}*|\p{M}+/gsu;

/** Brings text into the form sensitive words are matched in (see the module comment). */
export function matchingForm(original: string): MatchingForm {
  const out: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let gap: { start: number; end: number } | null = null;
  let lastSpaced = false;
  for (const cluster of original.matchAll(CLUSTER)) {
    const start = cluster.index;
    const end = start + cluster[0].length;
    for (const char of cluster[0].normalize('NFKC').toLowerCase()) {
      if (INVISIBLE.test(char)) continue;
      if (SEPARATOR.test(char)) {
        gap = gap ? { start: gap.start, end } : { start, end };
        continue;
      }
      const spaced = !UNSPACED.test(char);
      if (gap && out.length > 0 && spaced && lastSpaced) {
        out.push(' ');
        starts.push(gap.start);
        ends.push(gap.end);
      }
      gap = null;
      lastSpaced = spaced;
      out.push(char);
      // An astral character is two units; both map to the same original characters.
      for (let i = 0; i < char.length; i++) {
        starts.push(start);
        ends.push(end);
      }
    }
  }
  return { text: out.join(''), starts, ends };
}
