import { pinyin } from 'pinyin-pro';

/**
 * The toneless pinyin of each Han character of a run, read in context. Chinese typed with a
 * pinyin keyboard goes wrong by picking a character that sounds the same ("退获" for "退货"), so
 * two texts that sound alike are a near match.
 */
export function pinyinOf(run: string): string[] {
  return pinyin(run, { toneType: 'none', type: 'array', v: true });
}

/** A word's sound as one Latin string ("退款" → "tuikuan"), as a customer types it without the IME. */
export function soundOfSyllables(syllables: readonly string[]): string {
  return syllables.join('');
}

/** A word's pinyin initials ("红包" → "hb"), the shorthand customers type for common words. */
export function initialsOfSyllables(syllables: readonly string[]): string {
  return syllables.map((s) => s[0] ?? '').join('');
}
